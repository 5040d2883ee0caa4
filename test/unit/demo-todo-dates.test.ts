import { describe, expect, it } from 'vitest';
import { formatTodoDate, shiftTodoDates, todoDateShift } from '../../src/demo/todo-dates.js';

const TEXT = 'Ops:\r\n  ☐ a @started(26-11-20 09:40) @est(2h)\r\n  ✔ b @done(26-11-19 16:05) @lasted(12m)\r\n  ✘ c @cancelled(26-11-01 10:15)\r\n  ☐ d @due(26-11-20 09:40)';

describe('demo .todo date shift', () => {
  it('moves the newest date to today when its time of day has passed', () => {
    const now = new Date(2026, 11, 3, 12, 0); // Dec 3, 12:00 local
    const days = todoDateShift([TEXT], now);
    expect(days).toBe(13);
    const shifted = shiftTodoDates(TEXT, days);
    expect(shifted).toContain('@started(26-12-03 09:40)');
    expect(shifted).toContain('@done(26-12-02 16:05)');
    expect(shifted).toContain('@cancelled(26-11-14 10:15)');
    // other tags and every other byte stay
    expect(shifted).toContain('@due(26-11-20 09:40)');
    expect(shifted.replace(/\(\d\d-\d\d-\d\d \d\d:\d\d\)/g, '()')).toBe(TEXT.replace(/\(\d\d-\d\d-\d\d \d\d:\d\d\)/g, '()'));
  });

  it('uses yesterday when the time of day is still ahead, so no date is in the future', () => {
    const now = new Date(2026, 11, 3, 8, 0);
    const days = todoDateShift([TEXT], now);
    expect(days).toBe(12);
    expect(shiftTodoDates(TEXT, days)).toContain('@started(26-12-02 09:40)');
  });

  it('takes the newest date across files, and is a no-op without dates', () => {
    const other = '  ✔ e @done(26-11-22 08:00)';
    expect(todoDateShift([TEXT, other], new Date(2026, 10, 25, 12, 0))).toBe(3);
    expect(todoDateShift(['☐ nothing dated'], new Date())).toBe(0);
    expect(shiftTodoDates(TEXT, 0)).toBe(TEXT);
  });

  it('formats YY-MM-DD HH:mm across a year boundary', () => {
    expect(formatTodoDate(new Date(2027, 0, 1, 7, 5))).toBe('27-01-01 07:05');
    expect(shiftTodoDates('@done(26-12-31 23:59)', 1)).toBe('@done(27-01-01 23:59)');
  });
});
