// The header's compact GPU meter (issue 3).
export function GpuMeter() {
  return null;
}
