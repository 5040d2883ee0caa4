// The GPU monitor against fake nvidia-smi scripts (test/fixtures/nvidia_smi/*) put first on
// PATH: real child processes, real -lms loops, real exits and restarts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GpuSnapshotSchema } from '../../models/gpu.js';
import type { GpuSnapshot } from '../../models/gpu.js';
import { firstReading } from '../../src/gpu/first-reading.js';
import { createGpuMonitor } from '../../src/gpu/gpu-monitor.js';
import type { GpuMonitorOptions, IGpuMonitor } from '../../src/gpu/gpu-monitor.js';
import { isAlive } from '../helpers/process-alive.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'nvidia_smi');
const WAIT = { timeout: 15_000, interval: 20 };
let base: string;
let logCount = 0;
const monitors: IGpuMonitor[] = [];

type Spawn = { pid: number; ppid: number; args: string[] };

function setup(scenario: string | null, options: GpuMonitorOptions = {}, extraEnv: Record<string, string> = {}) {
  const log = join(base, `spawns-${(logCount += 1)}.jsonl`);
  const path = scenario === null ? base : [join(FIXTURES, scenario), dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
  const monitor = createGpuMonitor({ intervalMs: 100, ...options, env: { PATH: path, FAKE_NVSMI_LOG: log, ...extraEnv } });
  monitors.push(monitor);
  const seen: GpuSnapshot[] = [];
  monitor.subscribe((snapshot) => seen.push(snapshot));
  const spawns = async (): Promise<Spawn[]> => {
    const text = await readFile(log, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Spawn);
  };
  const count = async (query: string) => (await spawns()).filter((s) => s.args.some((a) => a.startsWith(query))).length;
  return { monitor, seen, spawns, count };
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'opsdeck-gpu-monitor-'));
});
afterEach(async () => {
  await Promise.all(monitors.splice(0).map((m) => m.stop()));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('one H100', () => {
  it('samples, keeps history, lists processes with ours marked, and stops its child', async () => {
    const { monitor, seen, spawns } = setup('h100');
    expect(monitor.snapshot().status.kind).toBe('idle');
    monitor.start();
    await vi.waitFor(() => {
      const s = monitor.snapshot();
      expect(s.sampleCount).toBeGreaterThanOrEqual(4);
      expect(s.processesAt).not.toBeNull();
      expect(s.host).not.toBeNull();
    }, WAIT);
    const snap = GpuSnapshotSchema.parse(monitor.snapshot());
    expect(snap.status.kind).toBe('ok');
    expect(snap.gpus).toHaveLength(1);
    const [gpu] = snap.gpus;
    expect(gpu).toMatchObject({ index: 0, name: 'NVIDIA H100 80GB HBM3', present: true });
    expect(gpu?.latest).toMatchObject({ memoryTotalMiB: 81559, powerLimitW: 700, fanPct: null, clockMemMHz: 2619 });
    expect(gpu?.history.utilizationPct.length).toBeGreaterThanOrEqual(4);
    expect(gpu?.history.utilizationPct.every((v) => typeof v === 'number')).toBe(true);
    expect(snap.historyLength).toBe(1200);
    expect(snap.processes).toEqual([
      { pid: 4242, name: '/usr/bin/python3', usedMemoryMiB: 40960, gpuUuid: gpu?.uuid, gpuIndex: 0, ours: false },
      { pid: process.pid, name: 'node', usedMemoryMiB: 2048, gpuUuid: gpu?.uuid, gpuIndex: 0, ours: true },
    ]);
    expect(snap.host?.memTotalBytes).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(monitor.snapshot()).toBe(monitor.snapshot());

    const sampler = (await spawns()).find((s) => s.args.includes('-lms'));
    expect(sampler?.args).toContain('--query-gpu=index,uuid,name,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,power.limit,fan.speed,clocks.sm,clocks.mem');
    expect(sampler?.args.slice(-2)).toEqual(['-lms', '100']);
    expect(sampler && isAlive(sampler.pid)).toBe(true);
    await monitor.stop();
    expect(sampler && isAlive(sampler.pid)).toBe(false);
    expect(monitor.snapshot().status.kind).toBe('idle');
    expect(monitor.snapshot().gpus[0]?.present).toBe(false);
  });

  it('notifies at most once per sample once warmed up', async () => {
    const { monitor, seen } = setup('h100');
    monitor.start();
    await vi.waitFor(() => expect(monitor.snapshot().sampleCount).toBeGreaterThanOrEqual(25), WAIT);
    const warm = seen.filter((s) => s.processesAt !== null && s.host !== null);
    expect(warm.length).toBeGreaterThan(5);
    for (let i = 1; i < warm.length; i += 1) expect(warm[i]?.sampleCount).toBeGreaterThan(warm[i - 1]?.sampleCount ?? 0);
  });

  it('keeps sampling when a listener throws, and takes the model VRAM from the engine', async () => {
    const { monitor } = setup('h100');
    monitor.subscribe(() => {
      throw new Error('broken pane');
    });
    monitor.start();
    monitor.setModelVram({ totalBytes: 80e9, usedBytes: 2e9, freeBytes: 78e9 });
    await vi.waitFor(() => expect(monitor.snapshot().sampleCount).toBeGreaterThanOrEqual(3), WAIT);
    expect(monitor.snapshot().modelVram).toMatchObject({ totalBytes: 80e9, usedBytes: 2e9, freeBytes: 78e9 });
    monitor.setModelVram(null);
    expect(monitor.snapshot().modelVram).toBeNull();
  });
});

describe('other shapes', () => {
  it('eight GPUs, and a process whose memory is [N/A]', async () => {
    const { monitor } = setup('eight');
    monitor.start();
    const snap = await firstReading(monitor, { timeoutMs: 10_000 });
    expect(snap.gpus.map((g) => g.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(snap.gpus.map((g) => g.uuid)).size).toBe(8);
    expect(snap.processes.find((p) => p.pid === 5151)).toMatchObject({ gpuIndex: 3, usedMemoryMiB: null, ours: false });
  });

  it('unreadable fields become null', async () => {
    const { monitor } = setup('na');
    monitor.start();
    const snap = GpuSnapshotSchema.parse(await firstReading(monitor, { timeoutMs: 10_000 }));
    expect(snap.gpus[0]?.latest).toMatchObject({
      name: 'NVIDIA A100-SXM4-40GB',
      memoryUsedMiB: null,
      memoryTotalMiB: 40960,
      temperatureC: null,
      powerDrawW: null,
      powerLimitW: null,
      fanPct: null,
      clockMemMHz: null,
    });
    expect(JSON.stringify(snap)).not.toContain('NaN');
  });

  it('a GPU that vanishes is shown as gone', async () => {
    const { monitor } = setup('vanish', {}, { FAKE_NVSMI_VANISH_AFTER: '3' });
    monitor.start();
    await vi.waitFor(() => expect(monitor.snapshot().gpus).toHaveLength(2), WAIT);
    await vi.waitFor(() => expect(monitor.snapshot().gpus[1]?.present).toBe(false), WAIT);
    const snap = monitor.snapshot();
    expect(snap.status.kind).toBe('ok');
    expect(snap.gpus[0]?.present).toBe(true);
    expect(snap.gpus[1]?.history.utilizationPct.at(-1)).toBeNull();
    expect(snap.gpus[1]?.latest.memoryTotalMiB).toBe(81559);
  });
});

describe('nvidia-smi that dies', () => {
  it('is shown as lost and restarted after 1 s, then 2 s', async () => {
    const { monitor, seen, count } = setup('dies', {}, { FAKE_NVSMI_SAMPLES: '2', FAKE_NVSMI_EXIT: '15' });
    monitor.start();
    await vi.waitFor(() => expect(seen.some((s) => s.status.kind === 'lost' && s.status.attempt === 2)).toBe(true), WAIT);
    const losses = seen.flatMap((s) => (s.status.kind === 'lost' ? [s.status] : []));
    const first = losses.find((s) => s.attempt === 1);
    const second = losses.find((s) => s.attempt === 2);
    expect(first?.message).toBe('nvidia-smi exited with code 15');
    expect(first?.detail).toContain('GPU is lost');
    expect(first && first.retryInAt - first.since).toBe(1000);
    expect(second && second.retryInAt - second.since).toBe(2000);
    // it sampled again between the two deaths
    const okAfterFirst = seen.findIndex((s, i) => i > seen.findIndex((x) => x.status.kind === 'lost') && s.status.kind === 'ok');
    expect(okAfterFirst).toBeGreaterThan(0);
    const lost = seen.find((s) => s.status.kind === 'lost');
    expect(lost?.gpus.every((g) => !g.present)).toBe(true);
    expect(await count('--query-gpu=')).toBeGreaterThanOrEqual(2);
  });

  it('backs off exponentially up to the cap', async () => {
    const { monitor, seen } = setup('dies', { backoffBaseMs: 50, backoffMaxMs: 150 }, { FAKE_NVSMI_SAMPLES: '1' });
    monitor.start();
    await vi.waitFor(() => expect(seen.some((s) => s.status.kind === 'lost' && s.status.attempt === 4)).toBe(true), WAIT);
    const delays = new Map<number, number>();
    for (const s of seen) if (s.status.kind === 'lost') delays.set(s.status.attempt, s.status.retryInAt - s.status.since);
    expect([1, 2, 3, 4].map((a) => delays.get(a))).toEqual([50, 100, 150, 150]);
  });
});

describe('nvidia-smi that hangs', () => {
  it('marks every GPU gone with a warning when samples stop', async () => {
    const { monitor, seen } = setup('hangs', { stallMs: 300 }, { FAKE_NVSMI_SAMPLES: '2' });
    monitor.start();
    await vi.waitFor(() => expect(monitor.snapshot().warning).toMatch(/^no sample from nvidia-smi for \d+ s$/), WAIT);
    const snap = monitor.snapshot();
    expect(snap.sampleCount).toBe(2);
    expect(snap.gpus.map((g) => g.present)).toEqual([false]);
    expect(seen.at(-1)?.warning).toBe(snap.warning);
  });
});

describe('no GPU', () => {
  it('no nvidia-smi on PATH: none, with host CPU and memory, no error', async () => {
    const { monitor } = setup(null);
    monitor.start();
    const snap = GpuSnapshotSchema.parse(await firstReading(monitor, { timeoutMs: 10_000 }));
    expect(snap.status).toEqual({ kind: 'none', message: 'no GPU detected (CPU inference)', reason: 'nvidia-smi not found on PATH', retryInAt: null });
    expect(snap.gpus).toEqual([]);
    expect(snap.host?.cores).toBeGreaterThan(0);
    expect(snap.host?.memTotalBytes).toBeGreaterThan(0);
  });

  it('a path that is not there: none', async () => {
    const { monitor } = setup(null, { nvidiaSmi: join(base, 'missing', 'nvidia-smi') });
    monitor.start();
    await vi.waitFor(() => expect(monitor.snapshot().status.kind).toBe('none'), WAIT);
    const status = monitor.snapshot().status;
    expect(status.kind === 'none' && status.reason).toMatch(/missing\/nvidia-smi is not an executable file$/);
  });

  it('nvidia-smi reports no devices: none, asked again later', async () => {
    const { monitor, count } = setup('nodevices', { noDeviceRetryMs: 60_000 });
    const before = Date.now();
    monitor.start();
    await vi.waitFor(() => expect(monitor.snapshot().status.kind).toBe('none'), WAIT);
    const status = monitor.snapshot().status;
    expect(status).toMatchObject({ kind: 'none', message: 'no GPU detected (CPU inference)', reason: 'No devices were found' });
    expect(status.kind === 'none' && (status.retryInAt ?? 0) - before).toBeGreaterThanOrEqual(60_000);
    expect(await count('--query-compute-apps')).toBe(0);
  });
});

describe('spawns at steady state', () => {
  it('one long-lived sampler and at most one process poll per minute', async () => {
    const { monitor, count } = setup('h100', { intervalMs: 20 });
    monitor.start();
    await vi.waitFor(() => expect(monitor.snapshot().sampleCount).toBeGreaterThanOrEqual(60), WAIT);
    expect(await count('--query-gpu=')).toBe(1);
    expect(await count('--query-compute-apps=')).toBe(1);
  });

  it('process polling can be off, and turned on when a pane opens', async () => {
    const { monitor, count } = setup('h100', { processPolling: false });
    monitor.start();
    await vi.waitFor(() => expect(monitor.snapshot().sampleCount).toBeGreaterThanOrEqual(5), WAIT);
    expect(await count('--query-compute-apps=')).toBe(0);
    expect(monitor.snapshot().processesAt).toBeNull();
    monitor.setProcessPolling(true);
    await vi.waitFor(() => expect(monitor.snapshot().processesAt).not.toBeNull(), WAIT);
    monitor.setProcessPolling(false);
    monitor.setProcessPolling(true);
    await vi.waitFor(() => expect(monitor.snapshot().sampleCount).toBeGreaterThanOrEqual(10), WAIT);
    expect(await count('--query-compute-apps=')).toBe(1);
  });

  it('restarts cleanly after stop()', async () => {
    const { monitor, spawns } = setup('h100');
    monitor.start();
    await vi.waitFor(() => expect(monitor.snapshot().status.kind).toBe('ok'), WAIT);
    await monitor.stop();
    monitor.start();
    await vi.waitFor(() => expect(monitor.snapshot().gpus[0]?.present).toBe(true), WAIT);
    await monitor.stop();
    const samplers = (await spawns()).filter((s) => s.args.includes('-lms'));
    expect(samplers).toHaveLength(2);
    for (const s of samplers) expect(isAlive(s.pid)).toBe(false);
  });
});
