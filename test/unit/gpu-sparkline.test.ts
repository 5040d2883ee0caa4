// Pure helpers of the GPU monitor: sparklines, ring buffers, history size and backoff.
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/gpu/backoff.js';
import { RingBuffer, historyCapacity } from '../../src/gpu/ring-buffer.js';
import { SPARK_BLOCKS, sparkline } from '../../src/gpu/sparkline.js';

describe('sparkline', () => {
  it('draws 0..max across the eight blocks', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8)).toBe('▁▂▃▄▅▆▇█');
  });

  it('uses a fixed scale when given and clamps outside it', () => {
    expect(sparkline([0, 50, 100, 150, -10], 5, { min: 0, max: 100 })).toBe('▁▅██▁');
  });

  it('is exactly `width` wide: pads on the left, keeps the newest values', () => {
    expect(sparkline([7], 4, { max: 7 })).toBe('   █');
    expect(sparkline([0, 7, 0, 7, 0, 1], 3, { max: 7 })).toBe('█▁▂');
    expect([...sparkline(Array.from({ length: 500 }, (_, i) => i), 60)]).toHaveLength(60);
    expect(sparkline([1, 2, 3], 0)).toBe('');
  });

  it('draws missing values as spaces', () => {
    expect(sparkline([0, null, 7, Number.NaN, Infinity], 5)).toBe('▁ █  ');
  });

  it('draws a flat series as the lowest block', () => {
    expect(sparkline([5, 5, 5], 3, { min: 5 })).toBe('▁▁▁');
    expect(sparkline([null, null], 2)).toBe('  ');
  });

  it('only uses the eight block characters and spaces', () => {
    const line = sparkline(Array.from({ length: 100 }, (_, i) => Math.sin(i) * 50 + 50), 40);
    for (const ch of line) expect([...SPARK_BLOCKS, ' ']).toContain(ch);
  });
});

describe('RingBuffer', () => {
  it('keeps the last `capacity` values, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.toArray()).toEqual([]);
    for (const n of [1, 2]) ring.push(n);
    expect(ring.toArray()).toEqual([1, 2]);
    for (const n of [3, 4, 5]) ring.push(n);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.length).toBe(3);
  });

  it('replaces the newest value, also after wrapping', () => {
    const ring = new RingBuffer<number | null>(2);
    ring.replaceLast(9);
    expect(ring.toArray()).toEqual([]);
    for (const n of [1, 2, 3]) ring.push(n);
    ring.replaceLast(null);
    expect(ring.toArray()).toEqual([2, null]);
  });

  it('rejects a capacity below 1', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});

describe('historyCapacity', () => {
  it('holds 2 minutes of samples', () => {
    expect(historyCapacity(120_000, 1000)).toBe(120);
    expect(historyCapacity(120_000, 700)).toBe(172);
    expect(historyCapacity(10, 1000)).toBe(1);
  });
});

describe('backoffDelay', () => {
  it('doubles from 1 s and caps at 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100, 5000].map((n) => backoffDelay(n))).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000]);
  });

  it('takes its own base and cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 100, 300))).toEqual([100, 200, 300, 300]);
    expect(backoffDelay(0, 100, 300)).toBe(100);
  });
});
