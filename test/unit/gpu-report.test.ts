// `opsdeck gpu`'s text report (pure) and the first-reading rule, from hand-made snapshots.
import { describe, expect, it } from 'vitest';
import { GPU_METRICS } from '../../models/gpu.js';
import type { GpuHistory, GpuSnapshot, GpuView } from '../../models/gpu.js';
import { paint } from '../../src/cli/color.js';
import { isFirstReading } from '../../src/gpu/first-reading.js';
import { renderGpuReport } from '../../src/gpu/gpu-report.js';

const history = (): GpuHistory => Object.fromEntries(GPU_METRICS.map((m) => [m, []])) as unknown as GpuHistory;

function view(index: number, overrides: Partial<GpuView['latest']> = {}, present = true): GpuView {
  const latest = {
    index,
    uuid: `GPU-${index}`,
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
    ...overrides,
  };
  return { index, uuid: latest.uuid, name: latest.name, present, lastSeenAt: Date.UTC(2025, 0, 10, 12, 0, 3), latest, history: history() };
}

function snapshot(overrides: Partial<GpuSnapshot> = {}): GpuSnapshot {
  return {
    status: { kind: 'ok', since: 0 },
    gpus: [view(0)],
    processes: [],
    processesAt: null,
    host: { cpuPercent: 12.5, cores: 16, memTotalBytes: 64 * 1024 ** 3, memUsedBytes: 8 * 1024 ** 3, memAvailableBytes: 56 * 1024 ** 3, sampledAt: 0 },
    modelVram: null,
    sampledAt: 0,
    sampleCount: 1,
    intervalMs: 1000,
    historyLength: 120,
    warning: null,
    ...overrides,
  };
}

const plain = paint(false);

describe('renderGpuReport', () => {
  it('renders one row per GPU that fits 80 columns', () => {
    const text = renderGpuReport(snapshot(), { paint: plain });
    expect(text.split('\n')).toEqual([
      'GPU  NAME                    UTIL     VRAM MiB   TEMP  POWER W   FAN  SM/MEM MHz',
      '  0  NVIDIA H100 80GB HBM3    37%  12345/81559   45°C  123/700     –   1980/2619',
      '',
      'host  CPU 12.5% of 16 cores  memory 8.0/64.0 GiB used',
    ]);
  });

  it('shows unreadable values as – and a gone GPU with when it was last seen', () => {
    const text = renderGpuReport(snapshot({ gpus: [view(0, { powerDrawW: null, powerLimitW: null, temperatureC: null, clockMemMHz: null }), view(1, {}, false)] }), { paint: plain });
    const lines = text.split('\n');
    expect(lines[1]).toBe('  0  NVIDIA H100 80GB HBM3    37%  12345/81559      –        –     –      1980/–');
    expect(lines[2]).toBe('  1  NVIDIA H100 80GB HBM3   gone (last seen 12:00:03Z)');
  });

  it('lists processes with ours marked, sanitizing names', () => {
    const text = renderGpuReport(
      snapshot({
        processesAt: 1,
        processes: [
          { pid: 4242, name: 'python3\u001b[2J\u001b]0;pwned\u0007', usedMemoryMiB: 40960, gpuUuid: 'GPU-0', gpuIndex: 0, ours: false },
          { pid: 77, name: 'node', usedMemoryMiB: null, gpuUuid: 'GPU-9', gpuIndex: null, ours: true },
        ],
      }),
      { paint: plain },
    );
    expect(text).toContain('     PID  GPU  VRAM MiB  PROCESS\n    4242    0     40960  python3\n      77    ?         –  node  ← opsdeck (this process)');
    expect(text).not.toContain('\u001b');
  });

  it('says when no process uses the GPU', () => {
    expect(renderGpuReport(snapshot({ processesAt: 1 }), { paint: plain })).toContain('no processes using GPU memory');
  });

  it('no GPU: the message, the reason and the host', () => {
    const text = renderGpuReport(snapshot({ status: { kind: 'none', message: 'no GPU detected (CPU inference)', reason: 'nvidia-smi not found on PATH', retryInAt: null }, gpus: [] }), { paint: plain });
    expect(text).toBe('no GPU detected (CPU inference)\n  (nvidia-smi not found on PATH)\n\nhost  CPU 12.5% of 16 cores  memory 8.0/64.0 GiB used');
  });

  it('lost: the reason, the retry countdown and stderr, in red when colour is on', () => {
    const status = { kind: 'lost' as const, message: 'nvidia-smi exited with code 15', detail: 'GPU is lost', since: 1000, retryInAt: 5000, attempt: 3 };
    const text = renderGpuReport(snapshot({ status, gpus: [view(0, {}, false)] }), { paint: plain, now: 2000 });
    expect(text.split('\n').slice(0, 2)).toEqual(['lost: nvidia-smi exited with code 15 (retry 3 in 3 s)', '  GPU is lost']);
    expect(renderGpuReport(snapshot({ status }), { paint: paint(true), now: 2000 })).toContain('\u001b[31mlost: nvidia-smi');
  });

  it('starting, idle, a warning, model VRAM and a host not read yet', () => {
    const text = renderGpuReport(
      snapshot({ status: { kind: 'starting', since: 0 }, gpus: [], host: null, warning: 'Failed to initialize NVML', modelVram: { totalBytes: 80 * 1024 ** 3, usedBytes: 2 * 1024 ** 3, freeBytes: 78 * 1024 ** 3, updatedAt: 0 } }),
      { paint: plain },
    );
    expect(text).toContain('waiting for the first sample from nvidia-smi');
    expect(text).toContain('model VRAM  2.0/80.0 GiB used');
    expect(text).toContain('nvidia-smi: Failed to initialize NVML');
    expect(text).toContain('host  CPU and memory not read yet');
    expect(renderGpuReport(snapshot({ status: { kind: 'idle' } }), { paint: plain })).toContain('GPU monitor not running');
  });

  it('cuts long names to the width', () => {
    const text = renderGpuReport(snapshot({ gpus: [view(0, { name: 'X'.repeat(200) })] }), { paint: plain, width: 80 });
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(text).toContain('X…');
  });
});

describe('isFirstReading', () => {
  it('needs the host, then a sample (and processes when asked) or a verdict', () => {
    expect(isFirstReading(snapshot({ host: null }), false)).toBe(false);
    expect(isFirstReading(snapshot(), false)).toBe(true);
    expect(isFirstReading(snapshot(), true)).toBe(false);
    expect(isFirstReading(snapshot({ processesAt: 1 }), true)).toBe(true);
    expect(isFirstReading(snapshot({ status: { kind: 'starting', since: 0 }, sampleCount: 0 }), false)).toBe(false);
    expect(isFirstReading(snapshot({ status: { kind: 'none', message: 'm', reason: 'r', retryInAt: null } }), true)).toBe(true);
  });
});
