import { describe, expect, it } from 'vitest';
import type { TodoFileId } from '../../models/todo.js';
import { applyTaskEdit, removeTags } from '../../src/tasks/task-edits.js';
import type { TaskEdit } from '../../src/tasks/task-edits.js';
import { parseTodo } from '../../src/tasks/todo-parse.js';
import { elapsedSince, formatDuration, formatTodoDate, parseTodoDate } from '../../src/tasks/todo-time.js';

const NOW = new Date(2025, 0, 10, 14, 5); // local time, 25-01-10 14:05

function files(current: string, backlog = '') {
  return { current: parseTodo(current, 'current'), backlog: parseTodo(backlog, 'backlog') };
}

function idOf(text: string, fragment: string, file: TodoFileId = 'current'): string {
  const task = parseTodo(text, file).tasks.find((t) => t.text.includes(fragment));
  if (!task) throw new Error(`no task ${fragment}`);
  return task.id;
}

/** Applies an edit to `current` and returns the new current text. */
function edit(text: string, make: (id: string) => TaskEdit, fragment: string): string {
  const outcome = applyTaskEdit(files(text), make(idOf(text, fragment)), NOW);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.changed.current ?? text;
}

/** The lines that differ between two texts (same line count expected). */
function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

const BASE = 'Ops:\n  ☐ first @high\n  ☐ second   \n  - dash task\n  - [ ] box task\n\tnote with tab  \n';

describe('state edits change exactly one line', () => {
  it('start adds @started with the injected local time', () => {
    const after = edit(BASE, (id) => ({ kind: 'start', id }), 'first');
    expect(changedLines(BASE, after)).toEqual([['  ☐ first @high', '  ☐ first @high @started(25-01-10 14:05)']]);
  });

  it('done turns ☐ into ✔, keeps trailing spaces, and adds @lasted after @started', () => {
    const started = 'P:\n  ☐ second @started(25-01-10 12:42)   \n';
    const after = edit(started, (id) => ({ kind: 'done', id }), 'second');
    expect(after).toBe('P:\n  ✔ second @started(25-01-10 12:42) @done(25-01-10 14:05) @lasted(1h23m)   \n');
    expect(parseTodo(after, 'current').tasks[0]!.state).toBe('done');
  });

  it('done keeps Markdown checkbox style; reopen restores it', () => {
    const done = edit(BASE, (id) => ({ kind: 'done', id }), 'box task');
    expect(changedLines(BASE, done)).toEqual([['  - [ ] box task', '  - [x] box task @done(25-01-10 14:05)']]);
    const reopened = edit(done, (id) => ({ kind: 'reopen', id }), 'box task');
    expect(reopened).toBe(BASE);
  });

  it('done on a dash task gives ✔; cancel gives ✘; reopen gives ☐ without close tags', () => {
    const done = edit(BASE, (id) => ({ kind: 'done', id }), 'dash');
    expect(changedLines(BASE, done)).toEqual([['  - dash task', '  ✔ dash task @done(25-01-10 14:05)']]);
    const cancelled = edit(BASE, (id) => ({ kind: 'cancel', id }), 'first');
    expect(changedLines(BASE, cancelled)).toEqual([['  ☐ first @high', '  ✘ first @high @cancelled(25-01-10 14:05)']]);
    expect(parseTodo(cancelled, 'current').tasks[0]!.state).toBe('cancelled');
    const reopened = edit(cancelled, (id) => ({ kind: 'reopen', id }), 'first');
    expect(reopened).toBe(BASE);
  });

  it('reopen of a started task removes @started; start of a done task is refused', () => {
    const started = edit(BASE, (id) => ({ kind: 'start', id }), 'first');
    expect(edit(started, (id) => ({ kind: 'reopen', id }), 'first')).toBe(BASE);
    const done = edit(BASE, (id) => ({ kind: 'done', id }), 'first');
    const outcome = applyTaskEdit(files(done), { kind: 'start', id: idOf(done, 'first') }, NOW);
    expect(outcome).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('repeating an edit changes nothing', () => {
    const done = edit(BASE, (id) => ({ kind: 'done', id }), 'first');
    expect(edit(done, (id) => ({ kind: 'done', id }), 'first')).toBe(done);
  });

  it('priority sets, replaces and clears one priority tag', () => {
    const low = edit(BASE, (id) => ({ kind: 'priority', id, priority: 'low' }), 'first');
    expect(changedLines(BASE, low)).toEqual([['  ☐ first @high', '  ☐ first @low']]);
    const cleared = edit(low, (id) => ({ kind: 'priority', id, priority: null }), 'first');
    expect(changedLines(BASE, cleared)).toEqual([['  ☐ first @high', '  ☐ first']]);
    const crit = edit(BASE, (id) => ({ kind: 'priority', id, priority: 'critical' }), 'second');
    expect(changedLines(BASE, crit)).toEqual([['  ☐ second   ', '  ☐ second @critical   ']]);
  });

  it('edit-text replaces the text and keeps the tags', () => {
    const after = edit(BASE, (id) => ({ kind: 'edit-text', id, text: 'renamed task' }), 'first');
    expect(changedLines(BASE, after)).toEqual([['  ☐ first @high', '  ☐ renamed task @high']]);
    const bad = applyTaskEdit(files(BASE), { kind: 'edit-text', id: idOf(BASE, 'first'), text: 'two\nlines' }, NOW);
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('keeps CRLF, BOM, tabs and the missing final newline byte for byte', () => {
    const text = '\uFEFFOps:\r\n\t☐ a task\r\n\t☐ b task\r\nlast note';
    const after = edit(text, (id) => ({ kind: 'done', id }), 'b task');
    expect(after).toBe('\uFEFFOps:\r\n\t☐ a task\r\n\t✔ b task @done(25-01-10 14:05)\r\nlast note');
  });

  it('an unknown id is reported as not found', () => {
    expect(applyTaskEdit(files(BASE), { kind: 'done', id: 'ffffffff' }, NOW)).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('rewrites one line of a 20,000-task file', () => {
    const lines = ['Big:'];
    for (let i = 0; i < 20_000; i += 1) lines.push(`  ☐ task number ${i}`);
    const text = `${lines.join('\n')}\n`;
    const after = edit(text, (id) => ({ kind: 'done', id }), 'task number 12345');
    expect(changedLines(text, after)).toEqual([['  ☐ task number 12345', '  ✔ task number 12345 @done(25-01-10 14:05)']]);
  });
});

describe('add and move', () => {
  it('adds at the end of the focused project, one level deeper, in the file style', () => {
    const text = 'A:\n\t☐ a1\n\tInner:\n\t\t☐ i1\n\n\t☐ a2\n\nB:\n\t☐ b1\n';
    const outcome = applyTaskEdit(files(text), { kind: 'add', file: 'current', project: ['A', 'Inner'], text: 'new one', tags: { high: null, est: '1h' } }, NOW);
    expect(outcome).toMatchObject({ ok: true, target: { file: 'current', line: 5 } });
    if (!outcome.ok) return;
    expect(outcome.changed.current).toBe('A:\n\t☐ a1\n\tInner:\n\t\t☐ i1\n\t\t☐ new one @high @est(1h)\n\n\t☐ a2\n\nB:\n\t☐ b1\n');
    const top = applyTaskEdit(files(text), { kind: 'add', file: 'current', project: ['A'], text: 'a3' }, NOW);
    expect(top.ok && top.changed.current).toBe('A:\n\t☐ a1\n\tInner:\n\t\t☐ i1\n\n\t☐ a2\n\t☐ a3\n\nB:\n\t☐ b1\n');
  });

  it('adds at the top level end of file, keeping CRLF and no final newline', () => {
    const text = 'A:\r\n  - [ ] a1\r\n\r\n';
    const outcome = applyTaskEdit(files(text), { kind: 'add', file: 'current', project: [], text: 'top' }, NOW);
    expect(outcome.ok && outcome.changed.current).toBe('A:\r\n  - [ ] a1\r\n- [ ] top\r\n\r\n');
    const noFinal = 'A:\n  ☐ a1';
    const again = applyTaskEdit(files(noFinal), { kind: 'add', file: 'current', project: [], text: 'top' }, NOW);
    expect(again.ok && again.changed.current).toBe('A:\n  ☐ a1\n☐ top');
  });

  it('creates a missing project path', () => {
    const text = 'A:\n  ☐ a1\n';
    const outcome = applyTaskEdit(files(text), { kind: 'add', file: 'current', project: ['A', 'New', 'Deeper'], text: 'x' }, NOW);
    expect(outcome.ok && outcome.changed.current).toBe('A:\n  ☐ a1\n  New:\n    Deeper:\n      ☐ x\n');
    const empty = applyTaskEdit(files(''), { kind: 'add', file: 'current', project: ['Ops'], text: 'x' }, NOW);
    expect(empty.ok && empty.changed.current).toBe('Ops:\n  ☐ x\n');
  });

  it('refuses empty text and bad tag names', () => {
    expect(applyTaskEdit(files(''), { kind: 'add', file: 'current', project: [], text: '  ' }, NOW)).toMatchObject({ ok: false });
    expect(applyTaskEdit(files(''), { kind: 'add', file: 'current', project: [], text: 'x', tags: { 'a b': null } }, NOW)).toMatchObject({ ok: false });
  });

  it('moves a task to the same project path in the other file and back', () => {
    const current = 'Ops:\n  ☐ stays\n  ☐ goes @high\n';
    const backlog = 'Ideas:\n\t☐ idea\n';
    const outcome = applyTaskEdit(files(current, backlog), { kind: 'move', id: idOf(current, 'goes'), to: 'backlog' }, NOW);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.changed.current).toBe('Ops:\n  ☐ stays\n');
    expect(outcome.changed.backlog).toBe('Ideas:\n\t☐ idea\nOps:\n\t☐ goes @high\n');
    expect(outcome.target).toEqual({ file: 'backlog', line: 4 });
    const nextBacklog = outcome.changed.backlog!;
    const back = applyTaskEdit(files(outcome.changed.current!, nextBacklog), { kind: 'move', id: idOf(nextBacklog, 'goes', 'backlog'), to: 'current' }, NOW);
    expect(back.ok && back.changed.current).toBe(current);
  });

  it('moving the last line of a file without a final newline keeps it without one', () => {
    const current = '☐ a\n☐ b';
    const outcome = applyTaskEdit(files(current), { kind: 'move', id: idOf(current, 'b'), to: 'backlog' }, NOW);
    expect(outcome.ok && outcome.changed).toEqual({ current: '☐ a', backlog: '☐ b\n' });
  });
});

describe('tags and time helpers', () => {
  it('removeTags drops the tag and the space before it', () => {
    expect(removeTags('a @done(25-01-01 10:00) b @lasted(1h)', ['done', 'lasted'])).toBe('a b');
    expect(removeTags('@high first', ['high'])).toBe('first');
  });

  it('formats and parses Todo+ dates and durations', () => {
    expect(formatTodoDate(NOW)).toBe('25-01-10 14:05');
    expect(parseTodoDate('25-01-10 14:05')?.getTime()).toBe(NOW.getTime());
    expect(parseTodoDate('2025-01-10 14:05')?.getTime()).toBe(NOW.getTime());
    expect(parseTodoDate('yesterday')).toBeNull();
    expect(formatDuration(83 * 60_000)).toBe('1h23m');
    expect(formatDuration(0)).toBe('0m');
    expect(formatDuration((2 * 24 * 60 + 3 * 60) * 60_000)).toBe('2d3h');
    expect(elapsedSince('25-01-10 13:00', NOW)).toBe('1h5m');
    expect(elapsedSince(null, NOW)).toBeNull();
  });
});
