// Task edits as pure functions over parsed files: each returns the new text of the file(s)
// it changes, where only the changed lines differ and every other byte is kept.
import type { Priority, TodoFileId } from '../../models/todo.js';
import { CANCELLED_SYMBOLS, DONE_SYMBOLS, PENDING_SYMBOLS, PRIORITIES } from '../../models/todo-constants.js';
import type { ParsedTodo } from './todo-parse.js';
import { LineBuffer, findProjectLine, insertionPoint } from './line-buffer.js';
import { joinTask, scanTags, splitTask } from './todo-line.js';
import type { TaskParts } from './todo-line.js';
import { formatDuration, formatTodoDate, parseTodoDate } from './todo-time.js';

export type TaskEdit =
  | { kind: 'start' | 'done' | 'cancel' | 'reopen'; id: string }
  | { kind: 'edit-text'; id: string; text: string }
  | { kind: 'priority'; id: string; priority: Priority | null }
  | { kind: 'add'; file: TodoFileId; project: string[]; text: string; tags?: Record<string, string | null> }
  | { kind: 'move'; id: string; to: TodoFileId };

export type TodoFiles = Record<TodoFileId, ParsedTodo>;

/** `changed` holds the new text of each changed file; `target` is where the edited task now is. */
export type EditOutcome =
  | { ok: true; changed: Partial<Record<TodoFileId, string>>; target?: { file: TodoFileId; line: number } }
  | { ok: false; code: 'not-found' | 'invalid'; reason: string };

const CHECKBOX_PREFIXES = ['- [', '* ['];

function isCheckbox(marker: string): boolean {
  return marker.length === 5 && CHECKBOX_PREFIXES.includes(marker.slice(0, 3));
}

function pendingMarker(marker: string): string {
  if (isCheckbox(marker)) return `${marker[0]} [ ]`;
  return (PENDING_SYMBOLS as readonly string[]).includes(marker) ? marker : PENDING_SYMBOLS[0];
}

function doneMarker(marker: string): string {
  if (isCheckbox(marker)) return `${marker[0]} [x]`;
  return DONE_SYMBOLS.some((s) => marker.startsWith(s)) ? marker : DONE_SYMBOLS[0];
}

function cancelledMarker(marker: string): string {
  if (isCheckbox(marker)) return `${marker[0]} [x]`;
  return CANCELLED_SYMBOLS.some((s) => marker.startsWith(s)) ? marker : CANCELLED_SYMBOLS[0];
}

/** Removes the named tags (and the space before each) from a task body. */
export function removeTags(body: string, names: readonly string[]): string {
  const spans = scanTags(body).filter((t) => names.includes(t.name));
  let out = body;
  for (let k = spans.length - 1; k >= 0; k -= 1) {
    const span = spans[k]!;
    let start = span.start;
    while (start > 0 && (out[start - 1] === ' ' || out[start - 1] === '\t')) start -= 1;
    const end = start === 0 ? span.end + (out.slice(span.end).length - out.slice(span.end).trimStart().length) : span.end;
    out = out.slice(0, start) + out.slice(end);
  }
  return out;
}

export function formatTag(name: string, value: string | null): string {
  return value === null ? `@${name}` : `@${name}(${value})`;
}

function addTag(body: string, name: string, value: string | null): string {
  return body ? `${body} ${formatTag(name, value)}` : formatTag(name, value);
}

function tagValue(body: string, name: string): string | null | undefined {
  const span = scanTags(body).find((t) => t.name === name);
  return span ? span.value : undefined;
}

/** Checks text typed by a user for a task: one line, not empty, no control characters. */
export function checkTaskText(text: string): string | undefined {
  if (text.trim() === '') return 'task text is empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/.test(text)) return 'task text must be one line without control characters';
  return undefined;
}

function checkTagName(name: string): string | undefined {
  return /^[^\s()@]+$/u.test(name) ? undefined : `invalid tag name "${name}"`;
}

type LineChange = { ok: true; parts: TaskParts } | { ok: false; reason: string };

function closeTask(parts: TaskParts, kind: 'done' | 'cancelled', now: Date): TaskParts {
  let body = removeTags(parts.body, ['done', 'cancelled', 'lasted']);
  body = addTag(body, kind, formatTodoDate(now));
  const started = parseTodoDate(tagValue(body, 'started'));
  if (started) body = addTag(body, 'lasted', formatDuration(now.getTime() - started.getTime()));
  return { ...parts, marker: kind === 'done' ? doneMarker(parts.marker) : cancelledMarker(parts.marker), body };
}

/** The new parts of a task line for a one-line edit, or why it does not apply. */
function changeTaskLine(parts: TaskParts, state: string, edit: TaskEdit, now: Date): LineChange {
  switch (edit.kind) {
    case 'start':
      if (state === 'done' || state === 'cancelled') return { ok: false, reason: `the task is ${state}; reopen it first` };
      if (state === 'started') return { ok: true, parts };
      return { ok: true, parts: { ...parts, body: addTag(parts.body, 'started', formatTodoDate(now)) } };
    case 'done':
      return state === 'done' ? { ok: true, parts } : { ok: true, parts: closeTask(parts, 'done', now) };
    case 'cancel':
      return state === 'cancelled' ? { ok: true, parts } : { ok: true, parts: closeTask(parts, 'cancelled', now) };
    case 'reopen': {
      if (state === 'pending') return { ok: true, parts };
      const drop = state === 'started' ? ['started'] : ['done', 'cancelled', 'lasted'];
      return { ok: true, parts: { ...parts, marker: pendingMarker(parts.marker), body: removeTags(parts.body, drop) } };
    }
    case 'priority': {
      let body = removeTags(parts.body, PRIORITIES);
      if (edit.priority) body = addTag(body, edit.priority, null);
      return { ok: true, parts: { ...parts, body } };
    }
    case 'edit-text': {
      const problem = checkTaskText(edit.text);
      if (problem) return { ok: false, reason: problem };
      const tags = scanTags(parts.body).map((t) => parts.body.slice(t.start, t.end));
      return { ok: true, parts: { ...parts, body: [edit.text.trim(), ...tags].join(' ') } };
    }
    default:
      return { ok: false, reason: `unsupported edit ${edit.kind}` };
  }
}

function findTask(files: TodoFiles, id: string): { file: TodoFileId; line: number; state: string } | undefined {
  for (const parsed of [files.current, files.backlog]) {
    const task = parsed.tasks.find((t) => t.id === id);
    if (task) return { file: parsed.file, line: task.line, state: task.state };
  }
  return undefined;
}

/** Inserts `content` (a task line without indentation) into `file` under `project`, creating the path. */
function insertUnder(parsed: ParsedTodo, buffer: LineBuffer, project: string[], content: string): number {
  let depth = 0;
  let parentLine: number | undefined;
  for (let k = project.length; k > 0; k -= 1) {
    const line = findProjectLine(parsed, project.slice(0, k));
    if (line !== undefined) {
      parentLine = line;
      depth = k;
      break;
    }
  }
  let at = insertionPoint(parsed, parentLine);
  // the indentation of the innermost project so far; undefined at the top level
  let indent = parentLine === undefined ? undefined : parsed.lines[parentLine - 1]!.indent;
  for (const name of project.slice(depth)) {
    const lineIndent = indent === undefined ? '' : indent + parsed.indentUnit;
    buffer.insert(at, `${lineIndent}${name}:`);
    at += 1;
    indent = lineIndent;
  }
  buffer.insert(at, `${indent === undefined ? '' : indent + parsed.indentUnit}${content}`);
  return at + 1;
}

/** The pending marker a new task in this file gets: the style of the file's first task. */
function newTaskMarker(parsed: ParsedTodo): string {
  const first = parsed.tasks[0];
  const parts = first ? splitTask(parsed.lines[first.line - 1]!.content) : undefined;
  return parts ? pendingMarker(parts.marker) : PENDING_SYMBOLS[0];
}

export function applyTaskEdit(files: TodoFiles, edit: TaskEdit, now: Date): EditOutcome {
  if (edit.kind === 'add') {
    const problem = checkTaskText(edit.text) ?? Object.keys(edit.tags ?? {}).map(checkTagName).find(Boolean);
    if (problem) return { ok: false, code: 'invalid', reason: problem };
    const parsed = files[edit.file];
    let body = edit.text.trim();
    for (const [name, value] of Object.entries(edit.tags ?? {})) body = addTag(body, name, value);
    const buffer = new LineBuffer(parsed);
    const line = insertUnder(parsed, buffer, edit.project, `${newTaskMarker(parsed)} ${body}`);
    return { ok: true, changed: { [edit.file]: buffer.text() }, target: { file: edit.file, line } };
  }
  const found = findTask(files, edit.id);
  if (!found) return { ok: false, code: 'not-found', reason: `no task with id ${edit.id}` };
  const parsed = files[found.file];
  const index = found.line - 1;
  const content = parsed.lines[index]!.content;
  const parts = splitTask(content)!;
  if (edit.kind === 'move') {
    if (edit.to === found.file) return { ok: true, changed: {}, target: { file: found.file, line: found.line } };
    const task = parsed.tasks.find((t) => t.id === edit.id)!;
    const source = new LineBuffer(parsed);
    source.remove(index);
    const target = files[edit.to];
    const buffer = new LineBuffer(target);
    const line = insertUnder(target, buffer, task.project, content.slice(parts.indent.length));
    return { ok: true, changed: { [found.file]: source.text(), [edit.to]: buffer.text() }, target: { file: edit.to, line } };
  }
  const change = changeTaskLine(parts, found.state, edit, now);
  if (!change.ok) return { ok: false, code: 'invalid', reason: change.reason };
  const next = joinTask(change.parts);
  if (next === content) return { ok: true, changed: {}, target: { file: found.file, line: found.line } };
  const buffer = new LineBuffer(parsed);
  buffer.replace(index, next);
  return { ok: true, changed: { [found.file]: buffer.text() }, target: { file: found.file, line: found.line } };
}
