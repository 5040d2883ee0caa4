import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GpuSnapshot, GpuView } from '../../models/gpu.js';
import type { GpuListener, IGpuMonitor } from '../../src/gpu/gpu-monitor-types.js';
import { createGpuFeed, METER_MIN_MS } from '../../src/chat/gpu-feed.js';

function snap(util: number, kind: 'ok' | 'lost' = 'ok'): GpuSnapshot {
  const latest = { index: 0, uuid: 'u', name: 'GPU', utilizationPct: util, memoryUsedMiB: 1024, memoryTotalMiB: 8192, temperatureC: 40, powerDrawW: 1, powerLimitW: 2, fanPct: 0, clockSmMHz: 1, clockMemMHz: 1 };
  const gpu: GpuView = { index: 0, uuid: 'u', name: 'GPU', present: true, lastSeenAt: 0, latest, history: {} as GpuView['history'] };
  return {
    status: kind === 'ok' ? { kind: 'ok', since: 0 } : { kind: 'lost', message: 'm', detail: null, since: 0, retryInAt: 1, attempt: 1 },
    gpus: [gpu], processes: [], processesAt: null, host: null, modelVram: null, sampledAt: util, sampleCount: util, intervalMs: 1000, historyLength: 120, warning: null,
  };
}

function fakeMonitor() {
  let listener: GpuListener | undefined;
  const monitor = { subscribe: (l: GpuListener) => ((listener = l), () => (listener = undefined)) } as unknown as IGpuMonitor;
  return { monitor, emit: (s: GpuSnapshot) => listener?.(s) };
}

afterEach(() => vi.useRealTimers());

describe('the GPU feed', () => {
  it('passes every snapshot while the GPU or chat pane is open', () => {
    const put = vi.fn();
    const { monitor, emit } = fakeMonitor();
    createGpuFeed(put, () => 'gpu').attach(monitor);
    emit(snap(1));
    emit(snap(1));
    emit(snap(2));
    expect(put).toHaveBeenCalledTimes(3);
  });

  it('elsewhere passes only changed meter text, at most every METER_MIN_MS, and status changes at once', () => {
    vi.useFakeTimers();
    let clock = 0;
    const put = vi.fn();
    const { monitor, emit } = fakeMonitor();
    let view = 'dashboard';
    const feed = createGpuFeed(put, () => view, () => clock);
    const detach = feed.attach(monitor);
    emit(snap(10));
    expect(put).toHaveBeenCalledTimes(1); // first one
    clock = 1000;
    emit(snap(10)); // same text
    expect(put).toHaveBeenCalledTimes(1);
    emit(snap(20)); // changed, but too soon: scheduled
    expect(put).toHaveBeenCalledTimes(1);
    clock = METER_MIN_MS;
    vi.advanceTimersByTime(METER_MIN_MS);
    expect(put).toHaveBeenCalledTimes(2);
    expect((put.mock.calls[1]?.[0] as GpuSnapshot).gpus[0]?.latest.utilizationPct).toBe(20);
    emit(snap(30, 'lost')); // a status change goes at once
    expect(put).toHaveBeenCalledTimes(3);
    view = 'gpu';
    feed.viewChanged('gpu'); // opening the pane shows the latest at once
    expect(put).toHaveBeenCalledTimes(4);
    detach();
    emit(snap(40));
    expect(put).toHaveBeenCalledTimes(4);
  });
});
