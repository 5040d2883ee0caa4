// Parsing nvidia-smi's csv,noheader,nounits rows (models/gpu.ts schemas via src/gpu/parse-csv.ts).
import { describe, expect, it } from 'vitest';
import { GpuSampleSchema, MetricCellSchema } from '../../models/gpu.js';
import { parseComputeAppLine, noDeviceReason, parseComputeApps, parseGpuLine } from '../../src/gpu/parse-csv.js';

const H100 = '0, GPU-5f1c2a3b-8d4e-4f6a-9b7c-0123456789a0, NVIDIA H100 80GB HBM3, 37, 12345, 81559, 45, 123.45, 700.00, [N/A], 1980, 2619';

describe('parseGpuLine', () => {
  it('parses a real H100 row into numbers', () => {
    const parsed = parseGpuLine(H100);
    expect(parsed).toEqual({
      ok: true,
      value: {
        index: 0,
        uuid: 'GPU-5f1c2a3b-8d4e-4f6a-9b7c-0123456789a0',
        name: 'NVIDIA H100 80GB HBM3',
        utilizationPct: 37,
        memoryUsedMiB: 12345,
        memoryTotalMiB: 81559,
        temperatureC: 45,
        powerDrawW: 123.45,
        powerLimitW: 700,
        fanPct: null,
        clockSmMHz: 1980,
        clockMemMHz: 2619,
      },
    });
    if (parsed.ok) expect(GpuSampleSchema.parse(parsed.value)).toEqual(parsed.value);
  });

  it('turns [N/A], [Not Supported], other bracketed words and blanks into null, never NaN', () => {
    const parsed = parseGpuLine('3, GPU-x, NVIDIA A100-SXM4-40GB, [N/A], [Not Supported], 40960, [Unknown Error], [GPU is lost], N/A, , 1410,   ');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { index, uuid, name, ...metrics } = parsed.value;
    expect({ index, uuid, name }).toEqual({ index: 3, uuid: 'GPU-x', name: 'NVIDIA A100-SXM4-40GB' });
    expect(metrics).toEqual({
      utilizationPct: null,
      memoryUsedMiB: null,
      memoryTotalMiB: 40960,
      temperatureC: null,
      powerDrawW: null,
      powerLimitW: null,
      fanPct: null,
      clockSmMHz: 1410,
      clockMemMHz: null,
    });
    for (const value of Object.values(metrics)) expect(Number.isNaN(value)).toBe(false);
  });

  it('keeps a name that holds commas', () => {
    const parsed = parseGpuLine('1, GPU-y, Weird, Inc. GPU, 1, 2, 3, 4, 5, 6, 7, 8, 9');
    expect(parsed.ok && parsed.value.name).toBe('Weird, Inc. GPU');
    expect(parsed.ok && parsed.value.utilizationPct).toBe(1);
    expect(parsed.ok && parsed.value.clockMemMHz).toBe(9);
  });

  it('sanitizes escape sequences out of the name', () => {
    const parsed = parseGpuLine('0, GPU-z, Evil\u001b]0;title\u0007 GPU\u001b[2J, 1, 2, 3, 4, 5, 6, 7, 8, 9');
    expect(parsed.ok && parsed.value.name).toBe('Evil GPU');
  });

  it.each([
    ['No devices were found', /expected 12 fields, got 1/],
    ['0, GPU-a, H100, lots, 2, 3, 4, 5, 6, 7, 8, 9', /field 3: not a number: "lots"/],
    ['x, GPU-a, H100, 1, 2, 3, 4, 5, 6, 7, 8, 9', /field 0: not a whole number/],
    ['0, , H100, 1, 2, 3, 4, 5, 6, 7, 8, 9', /field 1: empty/],
    ['0, GPU-a, H100, NaN, 2, 3, 4, 5, 6, 7, 8, 9', /not a number/],
  ])('rejects %j with a reason', (line, reason) => {
    const parsed = parseGpuLine(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });
});

describe('MetricCellSchema', () => {
  it.each([
    ['42', 42],
    [' 71.23 ', 71.23],
    ['0', 0],
    ['[N/A]', null],
    ['[Not Supported]', null],
    ['', null],
    ['  ', null],
  ])('%j -> %j', (cell, value) => {
    expect(MetricCellSchema.parse(cell)).toBe(value);
  });

  it('rejects Infinity and words', () => {
    expect(MetricCellSchema.safeParse('Infinity').success).toBe(false);
    expect(MetricCellSchema.safeParse('12 MiB').success).toBe(false);
  });
});

describe('compute apps', () => {
  it('parses pid, name, MiB and uuid, with [N/A] memory as null', () => {
    expect(parseComputeAppLine('4242, /usr/bin/python3, 40960, GPU-a')).toEqual({ ok: true, value: { pid: 4242, name: '/usr/bin/python3', usedMemoryMiB: 40960, gpuUuid: 'GPU-a' } });
    expect(parseComputeAppLine('5151, python, [N/A], GPU-b')).toEqual({ ok: true, value: { pid: 5151, name: 'python', usedMemoryMiB: null, gpuUuid: 'GPU-b' } });
  });

  it('keeps a process name with commas and drops control characters', () => {
    const parsed = parseComputeAppLine('7, python -c "a,b"\u001b[31m, 10, GPU-c');
    expect(parsed.ok && parsed.value.name).toBe('python -c "a,b"');
  });

  it('skips lines that are not rows', () => {
    const rows = parseComputeApps('4242, python3, 1, GPU-a\n\nNo running processes found\n17, node, 2, GPU-b\n');
    expect(rows.map((r) => r.pid)).toEqual([4242, 17]);
  });
});

describe('noDeviceReason', () => {
  it('knows exit code 6, the message and a missing driver', () => {
    expect(noDeviceReason(6, '')).toBe('nvidia-smi exited with code 6 (no devices)');
    expect(noDeviceReason(6, 'No devices were found\n')).toBe('No devices were found');
    expect(noDeviceReason(9, "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.")).toMatch(/^NVIDIA-SMI has failed/);
    expect(noDeviceReason(15, 'Unable to determine the device handle for GPU0000:18:00.0: GPU is lost')).toBeNull();
  });
});
