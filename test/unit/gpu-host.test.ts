// Host CPU/memory figures and the process-poll spacing (fake timers drive the schedule).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostStatsSchema } from '../../models/gpu.js';
import { cpuBusyPercent, hostStats, readCpuTimes, readMemory } from '../../src/gpu/host-stats.js';
import { ProcessPoller } from '../../src/gpu/process-poller.js';

describe('host stats', () => {
  it('computes the busy share between two readings', () => {
    expect(cpuBusyPercent({ busy: 100, total: 1000, cores: 2 }, { busy: 350, total: 2000, cores: 2 })).toBe(25);
    expect(cpuBusyPercent({ busy: 0, total: 0, cores: 1 }, { busy: 1, total: 3, cores: 1 })).toBe(33.3);
    expect(cpuBusyPercent({ busy: 5, total: 10, cores: 1 }, { busy: 5, total: 10, cores: 1 })).toBeNull();
  });

  it('reads real tick counters and memory', async () => {
    const times = readCpuTimes();
    expect(times.cores).toBeGreaterThan(0);
    expect(times.total).toBeGreaterThanOrEqual(times.busy);
    const memory = await readMemory();
    expect(memory.total).toBeGreaterThan(0);
    const stats = HostStatsSchema.parse(hostStats(12.5, times.cores, memory, 1));
    expect(stats.memUsedBytes + stats.memAvailableBytes).toBe(stats.memTotalBytes);
  });

  it('clamps an available figure above the total', () => {
    expect(hostStats(null, 1, { total: 100, available: 150 }, 1)).toMatchObject({ memUsedBytes: 0, memAvailableBytes: 100 });
  });
});

describe('ProcessPoller', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls at once, then never sooner than the spacing', async () => {
    vi.useFakeTimers();
    const run = vi.fn(async () => undefined);
    const poller = new ProcessPoller(60_000, () => true, run);
    poller.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    poller.request();
    poller.request();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(run).toHaveBeenCalledTimes(12);
    await poller.stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(run).toHaveBeenCalledTimes(12);
  });

  it('does nothing while disabled or not allowed; re-enabling respects the spacing', async () => {
    vi.useFakeTimers();
    let allowed = false;
    const run = vi.fn(async () => undefined);
    const poller = new ProcessPoller(1000, () => allowed, run);
    poller.request();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).not.toHaveBeenCalled();
    allowed = true;
    poller.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    poller.setEnabled(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(1);
    poller.setEnabled(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    await poller.stop();
  });

  it('stop() aborts a poll in flight and waits for it', async () => {
    let signal: AbortSignal | undefined;
    let finished = false;
    const poller = new ProcessPoller(1000, () => true, (s) => {
      signal = s;
      return new Promise<void>((resolve) => s.addEventListener('abort', () => {
        finished = true;
        resolve();
      }));
    });
    poller.request();
    await vi.waitFor(() => expect(signal).toBeDefined());
    await poller.stop();
    expect(signal?.aborted).toBe(true);
    expect(finished).toBe(true);
  });
});
