import { describe, expect, it } from 'vitest';
import type { GpuSnapshot, GpuView } from '../../models/gpu.js';
import { gpuSummary, gpuTitle, hostText, meterText, metricRows, statusText, tileGpuText } from '../../src/gpu/gpu-format.js';

function gpu(index: number, over: Partial<GpuView['latest']> = {}, present = true): GpuView {
  const latest = { index, uuid: `u${index}`, name: 'NVIDIA H100 80GB HBM3', utilizationPct: 40, memoryUsedMiB: 5120, memoryTotalMiB: 81920, temperatureC: 50, powerDrawW: 300, powerLimitW: 700, fanPct: null, clockSmMHz: 1980, clockMemMHz: 2619, ...over };
  const history = { utilizationPct: [10, 50, 90], memoryUsedMiB: [1, 2, 3], memoryTotalMiB: [], temperatureC: [], powerDrawW: [], powerLimitW: [], fanPct: [], clockSmMHz: [], clockMemMHz: [] };
  return { index, uuid: `u${index}`, name: latest.name, present, lastSeenAt: Date.UTC(2026, 0, 1, 12, 0, 1), latest, history };
}

function snap(over: Partial<GpuSnapshot>): GpuSnapshot {
  return { status: { kind: 'ok', since: 0 }, gpus: [], processes: [], processesAt: null, host: null, modelVram: null, sampledAt: 1, sampleCount: 1, intervalMs: 1000, historyLength: 120, warning: null, ...over };
}

describe('meterText', () => {
  it('is compact for one GPU, sums several, and is empty without a GPU', () => {
    expect(meterText(null)).toBe('');
    expect(meterText(snap({ gpus: [gpu(0)] }))).toBe('GPU 40% 5.0/80.0G');
    expect(meterText(snap({ gpus: [gpu(0), gpu(1, { utilizationPct: 60 })] }))).toBe('GPU×2 50% 10.0/160G');
    expect(meterText(snap({ gpus: [gpu(0), gpu(1, {}, false)] }))).toBe('GPU 40% 5.0/80.0G (1 gone)');
    expect(meterText(snap({ gpus: [gpu(0, { utilizationPct: null, memoryTotalMiB: null })] }))).toBe('GPU –');
    expect(meterText(snap({ status: { kind: 'none', message: 'no GPU detected (CPU inference)', reason: 'x', retryInAt: null } }))).toBe('');
    expect(meterText(snap({ status: { kind: 'lost', message: 'm', detail: null, since: 0, retryInAt: 5, attempt: 1 } }))).toBe('GPU lost');
    expect(meterText(snap({ gpus: [gpu(0, {}, false)] }))).toBe('GPU gone');
  });
});

describe('statusText', () => {
  it('says what the sampler is doing, with the retry time', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(statusText({ kind: 'ok', since: 0 }, now)).toBeNull();
    expect(statusText({ kind: 'idle' }, now)?.text).toMatch(/not started/);
    expect(statusText({ kind: 'starting', since: 0 }, now)?.text).toMatch(/starting/);
    expect(statusText({ kind: 'none', message: 'no GPU detected (CPU inference)', reason: 'nvidia-smi not found', retryInAt: now + 5000 }, now)?.text).toBe('no GPU detected (CPU inference) — nvidia-smi not found · retry at 12:00:05Z');
    const lost = statusText({ kind: 'lost', message: 'nvidia-smi exited with code 15', detail: 'GPU is lost\u001b[2J', since: 0, retryInAt: now - 1, attempt: 3 }, now);
    expect(lost).toEqual({ text: 'GPU sampler lost (attempt 3 · retrying now): nvidia-smi exited with code 15: GPU is lost', tone: 'error' });
  });
});

describe('rows', () => {
  it('gives every metric a value and a sparkline of the given width', () => {
    const rows = metricRows(gpu(0), 10);
    expect(rows.map((r) => r.label)).toEqual(['util', 'vram', 'temp', 'power', 'fan', 'sm clk', 'mem clk']);
    expect(rows.map((r) => r.value)).toEqual(['40%', '5.0/80.0 GiB', '50°C', '300/700 W', '–', '1980 MHz', '2619 MHz']);
    for (const r of rows) expect([...r.spark]).toHaveLength(10);
    expect(rows[0]?.spark.trim()).toBe('▂▅▇');
    expect(gpuTitle(gpu(1, {}, false), 80)).toBe('1 NVIDIA H100 80GB HBM3 — gone (last seen 12:00:01Z)');
    expect(gpuSummary(gpu(0))).toBe('0 40% 5.0/80.0G 50°C 300/700W');
    expect(gpuSummary(gpu(2, {}, false))).toBe('2 gone (last seen 12:00:01Z)');
    expect(hostText(null)).toMatch(/reading/);
    expect(hostText(snap({ host: { cpuPercent: 12.4, cores: 2, memTotalBytes: 8 * 1024 ** 3, memUsedBytes: 3 * 1024 ** 3, memAvailableBytes: 0, sampledAt: 0 } }))).toBe('CPU 12% of 2 cores · mem 3.0/8.0 GiB');
  });
});

describe('tileGpuText', () => {
  it('shows names and VRAM, not the fast-changing utilisation', () => {
    expect(tileGpuText(null)).toBe('');
    expect(tileGpuText(snap({ gpus: [gpu(0)] }))).toBe('H100 80GB HBM3 · VRAM 5.0/80.0G');
    expect(tileGpuText(snap({ gpus: [gpu(0), gpu(1)] }))).toBe('2× H100 80GB HBM3 · VRAM 10.0/160G');
    expect(tileGpuText(snap({ status: { kind: 'none', message: 'm', reason: 'r', retryInAt: null } }))).toBe('no GPU · CPU inference');
    expect(tileGpuText(snap({ status: { kind: 'lost', message: 'm', detail: null, since: 0, retryInAt: 5, attempt: 1 } }))).toMatch(/lost/);
  });
});
