import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLOCK_WIDTH, clockStamp, createClockOverlay } from '../../src/cli/clock-overlay.js';
import { formatUtcClock } from '../../src/store/ui-slice.js';

describe('the clock overlay', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws the text at the right end of row 1 and restores the cursor', () => {
    expect(clockStamp('12:34:56 UTC', 80)).toBe('\u001b7\u001b[1;69H12:34:56 UTC\u001b8');
    expect(clockStamp('12:34:56 UTC', 5)).toBe('\u001b7\u001b[1;1H12:34:56 UTC\u001b8');
    expect(clockStamp('x', 10, { open: '\u001b[2m', close: '\u001b[22m' })).toBe('\u001b7\u001b[1;10H\u001b[2mx\u001b[22m\u001b8');
    expect(formatUtcClock(new Date(0))).toHaveLength(CLOCK_WIDTH);
  });

  it('stamps on start, on every second and on demand, and never after stop', () => {
    vi.useFakeTimers({ now: new Date('2026-11-26T10:00:00.500Z') });
    const writes: string[] = [];
    let columns = 80;
    const clock = createClockOverlay({ write: (t) => writes.push(t), columns: () => columns, now: () => new Date(), format: formatUtcClock });
    clock.stamp();
    expect(writes).toEqual([]);
    clock.start();
    expect(writes).toEqual([clockStamp('10:00:00 UTC', 80)]);
    vi.advanceTimersByTime(600);
    expect(writes.at(-1)).toBe(clockStamp('10:00:01 UTC', 80));
    columns = 100;
    clock.stamp();
    expect(writes.at(-1)).toBe(clockStamp('10:00:01 UTC', 100));
    vi.advanceTimersByTime(3000);
    expect(writes.at(-1)).toBe(clockStamp('10:00:04 UTC', 100));
    const count = writes.length;
    clock.stop();
    vi.advanceTimersByTime(5000);
    clock.stamp();
    expect(writes).toHaveLength(count);
  });
});
