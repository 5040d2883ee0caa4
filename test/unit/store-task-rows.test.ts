// Pure derivations of the Tasks pane: grouping, filtering, windowing, priorities, elapsed time.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../models/todo.js';
import {
  buildBacklogRows,
  buildTaskView,
  cursorPosition,
  formatElapsed,
  memoTaskView,
  nextPriority,
  priorityOf,
  startedElapsed,
  summarizeTasks,
  taskMatches,
  windowStart,
} from '../../src/store/task-rows.js';
import { formatUtcClock, msToNextSecond } from '../../src/store/ui-slice.js';
import { bodyHeight, frameHeight, listHeight, screenSize } from '../../src/store/layout.js';

let line = 0;
function task(text: string, extra: Partial<Task> = {}): Task {
  line += 1;
  return { id: `id-${text}`, text, state: 'pending', project: ['Ops'], tags: {}, file: 'current', line, ...extra };
}

describe('buildTaskView', () => {
  const tasks = [
    task('a'),
    task('b', { project: ['Docs'], state: 'started', tags: { started: '26-01-10 10:00' } }),
    task('c', { state: 'done' }),
    task('d'),
    task('e', { project: [] }),
    task('f', { file: 'backlog', project: ['Later'] }),
    task('g', { state: 'cancelled', project: ['Ops', 'Deep'] }),
  ];

  it('groups active current tasks by project, in order of first appearance', () => {
    const view = buildTaskView(tasks, { showAll: false, filter: '' });
    const labels = view.rows.map((r) => (r.kind === 'task' ? r.task.text : `[${r.label}]`));
    expect(labels).toEqual(['[Ops]', 'a', 'd', '[Docs]', 'b', '[(no project)]', 'e']);
    expect(view.taskRows).toEqual([1, 2, 4, 6]);
    expect(view.positionOf.get('id-d')).toBe(1);
  });

  it('with showAll adds done and cancelled tasks and a backlog section', () => {
    const view = buildTaskView(tasks, { showAll: true, filter: '' });
    const labels = view.rows.map((r) => (r.kind === 'task' ? r.task.text : `[${r.label}]`));
    expect(labels).toEqual(['[Current (6)]', '[Ops]', 'a', 'c', 'd', '[Docs]', 'b', '[(no project)]', 'e', '[Ops / Deep]', 'g', '[Backlog (1)]', '[Later]', 'f']);
  });

  it('the backlog column lists active backlog tasks by project, filtered', () => {
    const more = [...tasks, task('h', { file: 'backlog', project: ['Later'], state: 'done' }), task('i', { file: 'backlog', project: [] })];
    const labels = (rows: ReturnType<typeof buildBacklogRows>) => rows.map((r) => (r.kind === 'task' ? r.task.text : `[${r.label}]`));
    expect(labels(buildBacklogRows(more, ''))).toEqual(['[Later]', 'f', '[(no project)]', 'i']);
    expect(labels(buildBacklogRows(more, 'later'))).toEqual(['[Later]', 'f']);
  });

  it('filters case-insensitively on text, project and tags', () => {
    const t = task('Rotate the KEY', { project: ['On-call'], tags: { critical: null, owner: 'Ana' } });
    expect(taskMatches(t, 'key')).toBe(true);
    expect(taskMatches(t, 'ON-CALL')).toBe(true);
    expect(taskMatches(t, '@crit')).toBe(true);
    expect(taskMatches(t, 'ana')).toBe(true);
    expect(taskMatches(t, 'zzz')).toBe(false);
    expect(taskMatches(t, '  ')).toBe(true);
    expect(buildTaskView(tasks, { showAll: false, filter: 'docs' }).taskRows).toHaveLength(1);
  });

  it('memoizes on its inputs', () => {
    const memo = memoTaskView();
    const first = memo(tasks, false, '');
    expect(memo(tasks, false, '')).toBe(first);
    expect(memo(tasks, true, '')).not.toBe(first);
    expect(memo([...tasks], true, '')).not.toBe(memo(tasks, true, ''));
  });

  it('handles 20,000 tasks', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => task(`t${i}`, { id: `x${i}`, project: [`P${i % 50}`] }));
    const view = buildTaskView(many, { showAll: false, filter: '' });
    expect(view.taskRows).toHaveLength(20_000);
    expect(view.rows).toHaveLength(20_050);
    expect(cursorPosition(view, { id: 'x19999', index: 0 })).toBe(view.positionOf.get('x19999'));
  });
});

describe('cursorPosition and windowStart', () => {
  const view = buildTaskView([task('a'), task('b'), task('c')], { showAll: false, filter: '' });

  it('finds the id, else falls back to the clamped index', () => {
    expect(cursorPosition(view, { id: 'id-b', index: 0 })).toBe(1);
    expect(cursorPosition(view, { id: 'gone', index: 9 })).toBe(2);
    expect(cursorPosition(view, { id: null, index: 0 })).toBe(0);
    expect(cursorPosition(buildTaskView([], { showAll: false, filter: '' }), { id: null, index: 0 })).toBe(-1);
  });

  it('moves the window as little as possible to show the focused row', () => {
    expect(windowStart(5, 10, 20)).toBe(0);
    expect(windowStart(25, 100, 20, 0)).toBe(6);
    expect(windowStart(10, 100, 20, 6)).toBe(6);
    expect(windowStart(3, 100, 20, 6)).toBe(3);
    expect(windowStart(99, 100, 20, 0)).toBe(80);
    expect(windowStart(-1, 100, 20, 500)).toBe(80);
  });
});

describe('priorities, elapsed time and the tile summary', () => {
  it('reads and cycles priorities: none -> critical -> high -> low -> none', () => {
    expect(priorityOf(task('x', { tags: { high: null } }))).toBe('high');
    expect(priorityOf(task('x'))).toBeNull();
    expect([null, 'critical', 'high', 'low'].map((p) => nextPriority(p as never))).toEqual(['critical', 'high', 'low', null]);
  });

  it('formats elapsed time compactly', () => {
    expect(formatElapsed(0)).toBe('0m');
    expect(formatElapsed(45 * 60_000)).toBe('45m');
    expect(formatElapsed(65 * 60_000)).toBe('1h05m');
    expect(formatElapsed((2 * 24 + 3) * 3_600_000)).toBe('2d03h');
    expect(formatElapsed(-5)).toBe('0m');
  });

  it('computes elapsed time from @started in local time', () => {
    const started = task('x', { state: 'started', tags: { started: '26-01-10 10:00' } });
    expect(startedElapsed(started, new Date(2026, 0, 10, 11, 5))).toBe('1h05m');
    expect(startedElapsed(task('y', { state: 'started', tags: { started: 'soon' } }), new Date())).toBeUndefined();
    expect(startedElapsed(task('z'), new Date())).toBeUndefined();
  });

  it('summarises active current tasks, most urgent first', () => {
    const s = summarizeTasks(
      [
        task('low', { tags: { low: null } }),
        task('plain'),
        task('crit', { tags: { critical: null } }),
        task('run', { state: 'started', tags: { high: null } }),
        task('old', { state: 'done', tags: { critical: null } }),
        task('later', { file: 'backlog' }),
      ],
      3,
    );
    expect(s).toMatchObject({ active: 4, started: 1, critical: 1 });
    expect(s.top.map((t) => t.text)).toEqual(['crit', 'run', 'plain']);
  });
});

describe('layout and clock helpers', () => {
  it('keeps the frame at rows-1 and defaults to 80x24', () => {
    expect(screenSize(undefined, undefined)).toEqual({ columns: 80, rows: 24 });
    expect(frameHeight(24)).toBe(23);
    expect(bodyHeight(24)).toBe(20);
    expect(listHeight(24)).toBe(19);
    expect(frameHeight(1)).toBe(1);
  });

  it('formats the UTC clock and waits for the next second', () => {
    expect(formatUtcClock(new Date('2026-01-10T09:08:07.500Z'))).toBe('09:08:07 UTC');
    expect(msToNextSecond(new Date('2026-01-10T09:08:07.250Z'))).toBe(750);
  });
});
