// Grouping sampler rows into loops (TickBatcher) and the per-GPU state (GpuTable).
import { describe, expect, it } from 'vitest';
import type { GpuSample } from '../../models/gpu.js';
import { GpuTable, TickBatcher } from '../../src/gpu/gpu-table.js';
import type { TickEvent } from '../../src/gpu/gpu-table.js';

function gpu(index: number, util: number | null = 10 * index): GpuSample {
  return {
    index,
    uuid: `GPU-${index}`,
    name: 'NVIDIA H100 80GB HBM3',
    utilizationPct: util,
    memoryUsedMiB: 100,
    memoryTotalMiB: 81559,
    temperatureC: 40,
    powerDrawW: 70.5,
    powerLimitW: 700,
    fanPct: null,
    clockSmMHz: 1980,
    clockMemMHz: 2619,
  };
}

const indices = (events: TickEvent[]): (number[] | string)[] =>
  events.map((e) => (e.type === 'tick' ? e.samples.map((s) => s.index) : `amend ${e.sample.index}`));

describe('TickBatcher', () => {
  it('closes the first loop on the quiet timeout, later ones as soon as they are complete', () => {
    const batcher = new TickBatcher();
    expect(indices(batcher.add(gpu(0)))).toEqual([]);
    expect(indices(batcher.add(gpu(1)))).toEqual([]);
    expect(batcher.open).toBe(true);
    expect(indices(batcher.timeout())).toEqual([[0, 1]]);
    expect(batcher.open).toBe(false);
    expect(indices(batcher.timeout())).toEqual([]);
    expect(indices(batcher.add(gpu(0)))).toEqual([]);
    expect(indices(batcher.add(gpu(1)))).toEqual([[0, 1]]);
  });

  it('a lower index starts a new loop and closes the open one', () => {
    const batcher = new TickBatcher();
    batcher.add(gpu(0));
    batcher.add(gpu(1));
    expect(indices(batcher.add(gpu(0)))).toEqual([[0, 1]]);
  });

  it('a loop without its last GPU waits for the timeout; then shorter loops close at once', () => {
    const batcher = new TickBatcher();
    batcher.add(gpu(0));
    batcher.add(gpu(1));
    batcher.timeout();
    expect(indices(batcher.add(gpu(0)))).toEqual([]);
    expect(indices(batcher.timeout())).toEqual([[0]]);
    expect(indices(batcher.add(gpu(0)))).toEqual([[0]]);
  });

  it('a row after its loop was closed amends it (a new GPU, a slow write)', () => {
    const batcher = new TickBatcher();
    batcher.add(gpu(0));
    batcher.timeout();
    expect(indices(batcher.add(gpu(0)))).toEqual([[0]]);
    expect(indices(batcher.add(gpu(1)))).toEqual(['amend 1']);
    // the next loop is complete at GPU 1
    expect(indices(batcher.add(gpu(0)))).toEqual([]);
    expect(indices(batcher.add(gpu(1)))).toEqual([[0, 1]]);
  });

  it('reset() forgets the loop shape', () => {
    const batcher = new TickBatcher();
    batcher.add(gpu(0));
    batcher.timeout();
    batcher.reset();
    expect(indices(batcher.add(gpu(0)))).toEqual([]);
    expect(indices(batcher.timeout())).toEqual([[0]]);
  });
});

describe('GpuTable', () => {
  it('keeps latest values and a history per metric, oldest first', () => {
    const table = new GpuTable(3);
    for (const util of [1, 2, 3, 4]) table.applyTick([gpu(0, util)], 1000 + util);
    const [view] = table.views();
    expect(view?.latest.utilizationPct).toBe(4);
    expect(view?.history.utilizationPct).toEqual([2, 3, 4]);
    expect(view?.history.fanPct).toEqual([null, null, null]);
    expect(view?.present).toBe(true);
    expect(view?.lastSeenAt).toBe(1004);
  });

  it('marks a GPU missing from a loop as gone, with a null in its history', () => {
    const table = new GpuTable(10);
    table.applyTick([gpu(0, 5), gpu(1, 6)], 1);
    table.applyTick([gpu(0, 7)], 2);
    const [first, second] = table.views();
    expect(first?.present).toBe(true);
    expect(second).toMatchObject({ index: 1, present: false, lastSeenAt: 1 });
    expect(second?.latest.utilizationPct).toBe(6);
    expect(second?.history.utilizationPct).toEqual([6, null]);
    // it comes back
    table.applyTick([gpu(0, 8), gpu(1, 9)], 3);
    expect(table.views()[1]?.history.utilizationPct).toEqual([6, null, 9]);
    expect(table.views()[1]?.present).toBe(true);
  });

  it('an amend fills the slot of the loop it belongs to', () => {
    const table = new GpuTable(10);
    table.applyTick([gpu(0, 1), gpu(1, 1)], 1);
    table.applyTick([gpu(0, 2)], 2);
    table.amend(gpu(1, 2), 3);
    expect(table.views()[1]?.history.utilizationPct).toEqual([1, 2]);
    expect(table.views()[1]?.present).toBe(true);
    table.amend(gpu(2, 5), 3);
    expect(table.views()[2]?.history.utilizationPct).toEqual([5]);
  });

  it('markAllAbsent keeps values and history', () => {
    const table = new GpuTable(10);
    table.applyTick([gpu(0, 1)], 1);
    table.markAllAbsent();
    expect(table.views()[0]).toMatchObject({ present: false });
    expect(table.views()[0]?.history.utilizationPct).toEqual([1]);
    expect(table.indexOf('GPU-0')).toBe(0);
    expect(table.indexOf('GPU-9')).toBeNull();
  });

  it('views are copies', () => {
    const table = new GpuTable(10);
    table.applyTick([gpu(0, 1)], 1);
    table.views()[0]?.history.utilizationPct.push(99);
    expect(table.views()[0]?.history.utilizationPct).toEqual([1]);
  });
});
