// Plain-text rendering of tasks for the headless `opsdeck tasks` command: grouped by file
// and project, one task a line, cut to the terminal width.
import type { Task, TaskState } from '../../models/todo.js';
import { PRIORITIES } from '../../models/todo-constants.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { truncateToWidth } from '../sanitize/text-width.js';
import { elapsedSince } from './todo-time.js';

export const DEFAULT_WIDTH = 80;
const STATE_MARKS: Record<TaskState, string> = { pending: '☐', started: '▸', done: '✔', cancelled: '✘' };
const HIDDEN_TAGS = new Set(['started', 'done', 'cancelled', 'lasted', ...PRIORITIES]);

/** The tags worth showing after the text: priority first, then free tags. */
function tagSuffix(task: Task, now: Date): string {
  const parts: string[] = [];
  for (const p of PRIORITIES) if (p in task.tags) parts.push(`@${p}`);
  for (const [name, value] of Object.entries(task.tags)) {
    if (!HIDDEN_TAGS.has(name)) parts.push(value === null ? `@${name}` : `@${name}(${value})`);
  }
  if (task.state === 'started') {
    const elapsed = elapsedSince(task.tags.started, now);
    if (elapsed) parts.push(`(${elapsed})`);
  }
  if (task.state === 'done' && task.tags.done) parts.push(`(done ${task.tags.done})`);
  if (task.state === 'cancelled' && task.tags.cancelled) parts.push(`(cancelled ${task.tags.cancelled})`);
  return parts.join(' ');
}

/** One task line: `  id mark text tags`, cut to `width` columns. */
export function formatTaskLine(task: Task, now: Date, width = DEFAULT_WIDTH, indent = '  '): string {
  const suffix = sanitizeLine(tagSuffix(task, now));
  const head = `${indent}${task.id} ${STATE_MARKS[task.state]} `;
  const text = sanitizeLine(task.text);
  const line = suffix ? `${head}${text}  ${suffix}` : `${head}${text}`;
  return truncateToWidth(line, width);
}

/** Tasks grouped by file and project, in file order, as lines of text. */
export function formatTaskList(tasks: readonly Task[], options: { now: Date; width?: number; showFile?: boolean }): string[] {
  const width = options.width ?? DEFAULT_WIDTH;
  if (tasks.length === 0) return ['no tasks'];
  const out: string[] = [];
  let lastGroup: string | undefined;
  for (const task of tasks) {
    const projectName = task.project.length ? task.project.join(' > ') : '(no project)';
    const group = options.showFile ? `${task.file}: ${projectName}` : projectName;
    if (group !== lastGroup) {
      if (lastGroup !== undefined) out.push('');
      out.push(truncateToWidth(sanitizeLine(group), width));
      lastGroup = group;
    }
    out.push(formatTaskLine(task, options.now, width));
  }
  return out;
}

/** A one-line confirmation after a change: `done: 1a2b3c4d Fix the pager`. */
export function formatChange(verb: string, task: Task, width = DEFAULT_WIDTH): string {
  return truncateToWidth(`${verb}: ${task.id} ${sanitizeLine(task.text)}`, width);
}
