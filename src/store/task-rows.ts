// Pure derivations for the Tasks pane and its dashboard tile: filtering, grouping by project,
// the visible window of a long list, priorities and elapsed time.
import type { Priority, Task } from '../../models/todo.js';
import { parseTodoDate } from '../tasks/todo-time.js';

export type TaskRow =
  | { kind: 'section'; key: string; label: string }
  | { kind: 'project'; key: string; label: string }
  | { kind: 'task'; key: string; task: Task };

export type TaskView = {
  rows: TaskRow[];
  /** Row index of each task row, in order: the cursor moves over these. */
  taskRows: number[];
  /** Task id -> position in taskRows. */
  positionOf: Map<string, number>;
};

export const NO_PROJECT = '(no project)';

export function isActive(task: Task): boolean {
  return task.state === 'pending' || task.state === 'started';
}

/** Case-insensitive match on the text, the project path and the tags (names and values). */
export function taskMatches(task: Task, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  if (task.text.toLowerCase().includes(needle)) return true;
  if (task.project.some((p) => p.toLowerCase().includes(needle))) return true;
  for (const [name, value] of Object.entries(task.tags)) {
    if (`@${name}`.toLowerCase().includes(needle)) return true;
    if (value !== null && value.toLowerCase().includes(needle)) return true;
  }
  return false;
}

function projectLabel(project: string[]): string {
  return project.length === 0 ? NO_PROJECT : project.join(' / ');
}

function groupRows(tasks: Task[], keyPrefix: string, rows: TaskRow[]): void {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    const label = projectLabel(task.project);
    let group = groups.get(label);
    if (!group) {
      group = [];
      groups.set(label, group);
    }
    group.push(task);
  }
  for (const [label, group] of groups) {
    rows.push({ kind: 'project', key: `${keyPrefix}p:${label}`, label });
    for (const task of group) rows.push({ kind: 'task', key: task.id, task });
  }
}

/** Screens at least this wide show the backlog beside the active tasks. */
export const BACKLOG_BESIDE_MIN_COLUMNS = 120;

/** The read-only backlog column of a wide Tasks pane: active backlog tasks, grouped by project. */
export function buildBacklogRows(tasks: readonly Task[], filter: string): TaskRow[] {
  const rows: TaskRow[] = [];
  groupRows(
    tasks.filter((t) => t.file === 'backlog' && isActive(t) && taskMatches(t, filter)),
    'b',
    rows,
  );
  return rows;
}

/**
 * The rows of the Tasks pane. By default: active tasks (pending + started) of current.todo,
 * grouped by project in order of first appearance. With showAll: every task of current.todo,
 * then a Backlog section with every backlog task.
 */
export function buildTaskView(tasks: readonly Task[], options: { showAll: boolean; filter: string }): TaskView {
  const rows: TaskRow[] = [];
  const visible = tasks.filter((t) => taskMatches(t, options.filter));
  if (options.showAll) {
    const current = visible.filter((t) => t.file === 'current');
    const backlog = visible.filter((t) => t.file === 'backlog');
    rows.push({ kind: 'section', key: 's:current', label: `Current (${current.length})` });
    groupRows(current, 'c', rows);
    rows.push({ kind: 'section', key: 's:backlog', label: `Backlog (${backlog.length})` });
    groupRows(backlog, 'b', rows);
  } else {
    groupRows(
      visible.filter((t) => t.file === 'current' && isActive(t)),
      'c',
      rows,
    );
  }
  const taskRows: number[] = [];
  const positionOf = new Map<string, number>();
  rows.forEach((row, index) => {
    if (row.kind !== 'task') return;
    positionOf.set(row.task.id, taskRows.length);
    taskRows.push(index);
  });
  return { rows, taskRows, positionOf };
}

/** A one-entry memo of buildTaskView, so selectors return the same object until inputs change. */
export function memoTaskView(): (tasks: readonly Task[], showAll: boolean, filter: string) => TaskView {
  let last: { tasks: readonly Task[]; showAll: boolean; filter: string; view: TaskView } | undefined;
  return (tasks, showAll, filter) => {
    if (last && last.tasks === tasks && last.showAll === showAll && last.filter === filter) return last.view;
    const view = buildTaskView(tasks, { showAll, filter });
    last = { tasks, showAll, filter, view };
    return view;
  };
}

/** The cursor's position: the id's position if it is still there, else the old index, clamped. */
export function cursorPosition(view: TaskView, cursor: { id: string | null; index: number }): number {
  const count = view.taskRows.length;
  if (count === 0) return -1;
  const byId = cursor.id === null ? undefined : view.positionOf.get(cursor.id);
  return byId ?? Math.min(Math.max(cursor.index, 0), count - 1);
}

/**
 * The first row to draw so that `focusRow` is visible in a window of `height` rows, moving the
 * window as little as possible from `previousStart`.
 */
export function windowStart(focusRow: number, total: number, height: number, previousStart = 0): number {
  if (height <= 0 || total <= height) return 0;
  const maxStart = total - height;
  let start = Math.min(Math.max(previousStart, 0), maxStart);
  if (focusRow < 0) return start;
  if (focusRow < start) start = focusRow;
  else if (focusRow >= start + height) start = focusRow - height + 1;
  return Math.min(Math.max(start, 0), maxStart);
}

export function priorityOf(task: Task): Priority | null {
  if ('critical' in task.tags) return 'critical';
  if ('high' in task.tags) return 'high';
  if ('low' in task.tags) return 'low';
  return null;
}

/** none -> critical -> high -> low -> none */
export function nextPriority(priority: Priority | null): Priority | null {
  switch (priority) {
    case null:
      return 'critical';
    case 'critical':
      return 'high';
    case 'high':
      return 'low';
    case 'low':
      return null;
  }
}

const PRIORITY_RANK: Record<string, number> = { critical: 0, high: 1, none: 2, low: 3 };

/** Elapsed time, compact: "0m", "45m", "1h05m", "2d03h". */
export function formatElapsed(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d${String(hours % 24).padStart(2, '0')}h`;
}

/** Elapsed time of a started task at `now` (from @started, local time), or undefined when unreadable. */
export function startedElapsed(task: Task, now: Date): string | undefined {
  if (task.state !== 'started') return undefined;
  const since = parseTodoDate(task.tags.started);
  return since ? formatElapsed(now.getTime() - since.getTime()) : undefined;
}

export type TasksSummary = { active: number; started: number; critical: number; top: Task[] };

/** The dashboard tile: counts of current.todo's active tasks and the most urgent few. */
export function summarizeTasks(tasks: readonly Task[], topCount: number): TasksSummary {
  const active = tasks.filter((t) => t.file === 'current' && isActive(t));
  const rank = (t: Task) => (t.state === 'started' ? -1 : 0) + (PRIORITY_RANK[priorityOf(t) ?? 'none'] ?? 2) * 2;
  const top = active
    .map((task, order) => ({ task, order }))
    .sort((a, b) => rank(a.task) - rank(b.task) || a.order - b.order)
    .slice(0, Math.max(0, topCount))
    .map((x) => x.task);
  return {
    active: active.length,
    started: active.filter((t) => t.state === 'started').length,
    critical: active.filter((t) => priorityOf(t) === 'critical').length,
    top,
  };
}
