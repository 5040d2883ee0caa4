import { describe, expect, it } from 'vitest';
import { formatChange, formatTaskLine, formatTaskList } from '../../src/tasks/task-format.js';
import { displayWidth } from '../../src/sanitize/text-width.js';
import { parseTodo } from '../../src/tasks/todo-parse.js';

const NOW = new Date(2025, 0, 10, 14, 5);
const parsed = parseTodo(
  [
    'Ops:',
    '  ☐ short @high @owner(bob)',
    '  ☐ started one @started(25-01-10 12:00)',
    '  ✔ finished @done(25-01-10 13:00)',
    '  ✘ dropped @cancelled(25-01-09 10:00)',
    `  ☐ ${'日本語のとても長いタスク'.repeat(6)}`,
    '☐ loose',
  ].join('\n'),
  'current',
);

describe('task-format', () => {
  it('shows state marks, priority first, elapsed and close dates', () => {
    const [short, started, done, cancelled] = parsed.tasks.map((t) => formatTaskLine(t, NOW));
    expect(short).toBe(`  ${parsed.tasks[0]!.id} ☐ short  @high @owner(bob)`);
    expect(started).toMatch(/▸ started one {2}\(2h5m\)$/);
    expect(done).toMatch(/✔ finished {2}\(done 25-01-10 13:00\)$/);
    expect(cancelled).toMatch(/✘ dropped {2}\(cancelled 25-01-09 10:00\)$/);
  });

  it('cuts wide text to the width in terminal columns', () => {
    const line = formatTaskLine(parsed.tasks[4]!, NOW, 40);
    expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(line.endsWith('…')).toBe(true);
  });

  it('groups by project with the file when asked, and says when there is nothing', () => {
    const lines = formatTaskList(parsed.tasks, { now: NOW, showFile: true });
    expect(lines[0]).toBe('current: Ops');
    expect(lines).toContain('current: (no project)');
    expect(lines.filter((l) => l === '')).toHaveLength(1);
    expect(formatTaskList([], { now: NOW })).toEqual(['no tasks']);
    expect(formatChange('done', parsed.tasks[0]!)).toBe(`done: ${parsed.tasks[0]!.id} short`);
  });
});
