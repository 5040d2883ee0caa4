// Parses a `.todo` file (Todo+ / PlainTasks) into lines, projects and tasks, keeping every
// byte so that `serializeTodo(parseTodo(text))` is `text` exactly. Linear in the file size.
import type { Eol, Project, Task, TaskState, TodoFileId, TodoLine } from '../../models/todo.js';
import { CANCELLED_SYMBOLS, DONE_SYMBOLS } from '../../models/todo-constants.js';
import { foldSpaces, parseLine, scanTags, textWithoutTags } from './todo-line.js';
import type { TaskParts } from './todo-line.js';

export type ParsedTodo = {
  file: TodoFileId;
  /** The text as read, BOM included when there is one. */
  text: string;
  /** The file's line ending (the first one found; `\n` when there is none). */
  eol: '\n' | '\r\n';
  bom: boolean;
  tasks: Task[];
  projects: Project[];
  /** Every physical line, in order; `content + eol` of each, after the BOM, is the file. */
  lines: TodoLine[];
  /** One indentation level as the file writes it (a tab, or N spaces; two spaces by default). */
  indentUnit: string;
};

const BOM = '\uFEFF';
const DEFAULT_INDENT = '  ';
const ID_LENGTH = 8;

/** A symbol as written, plain or with the emoji variation selector. */
const withVariants = (symbols: readonly string[]): string[] => symbols.flatMap((s) => [s, `${s}\uFE0F`]);
const DONE_MARKERS = new Set([...withVariants(DONE_SYMBOLS), '- [x]', '- [X]', '* [x]', '* [X]']);
const CANCELLED_MARKERS = new Set(withVariants(CANCELLED_SYMBOLS));

/** The state a task line's marker and tags give it. */
export function taskStateOf(marker: string, tags: Record<string, string | null>): TaskState {
  if ('cancelled' in tags || CANCELLED_MARKERS.has(marker)) return 'cancelled';
  if ('done' in tags || DONE_MARKERS.has(marker)) return 'done';
  if ('started' in tags) return 'started';
  return 'pending';
}

/** A 32-bit string hash (cyrb53's mixing, public domain): fast and well spread; not for security. */
function hash32(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

function idOfKey(key: string): string {
  return hash32(key).toString(16).padStart(ID_LENGTH, '0');
}

/** The hashed key of a task; `lower` is its text in lower case. */
function idKey(file: TodoFileId, pathKey: string, lower: string, occurrence: number): string {
  return `${file}\u0000${pathKey}\u0000${lower}\u0000${occurrence}`;
}

/** A stable id: a short hash of file, project path, text (no marker, no tags) and occurrence. */
export function taskId(file: TodoFileId, project: readonly string[], text: string, occurrence: number): string {
  return idOfKey(idKey(file, project.join('\u001f'), text.toLowerCase(), occurrence));
}

/** The lines' contents and their terminators, in two parallel arrays (no object per line). */
function splitLines(text: string): { contents: string[]; eols: Eol[] } {
  const contents: string[] = [];
  const eols: Eol[] = [];
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break;
    const cr = nl > pos && text.charCodeAt(nl - 1) === 0x0d;
    contents.push(text.slice(pos, cr ? nl - 1 : nl));
    eols.push(cr ? '\r\n' : '\n');
    pos = nl + 1;
  }
  if (pos < text.length) {
    contents.push(text.slice(pos));
    eols.push('');
  }
  return { contents, eols };
}

/** The file's indentation unit: a tab, or the smallest space indentation found. */
function detectIndentUnit(contents: readonly string[]): string {
  let minSpaces = 0;
  for (const content of contents) {
    const c = content.charCodeAt(0);
    if (c === 0x09) {
      if (minSpaces === 0) return '\t';
      continue;
    }
    if (c !== 0x20) continue;
    let n = 1;
    while (content.charCodeAt(n) === 0x20) n += 1;
    if (n === content.length) continue; // blank line
    if (minSpaces === 0 || n < minSpaces) minSpaces = n;
  }
  return minSpaces > 0 ? ' '.repeat(minSpaces) : DEFAULT_INDENT;
}

function widthOf(indent: string, tabWidth: number): number {
  let width = 0;
  for (let i = 0; i < indent.length; i += 1) width += indent.charCodeAt(i) === 0x09 ? tabWidth : 1;
  return width;
}

/** Builds the Task of one task line. */
function buildTask(parts: TaskParts, id: string, file: TodoFileId, project: string[], line: number): Task {
  const spans = parts.body.includes('@') ? scanTags(parts.body) : [];
  const tags: Record<string, string | null> = {};
  for (const span of spans) if (!(span.name in tags)) tags[span.name] = span.value;
  const text = spans.length ? textWithoutTags(parts.body, spans) : foldSpaces(parts.body);
  return { id, text, state: taskStateOf(parts.marker, tags), project, tags, file, line };
}

export function parseTodo(text: string, file: TodoFileId): ParsedTodo {
  const bom = text.startsWith(BOM);
  const { contents, eols } = splitLines(bom ? text.slice(1) : text);
  const eol: '\n' | '\r\n' = eols[0] === '\r\n' ? '\r\n' : '\n';
  const indentUnit = detectIndentUnit(contents);
  const tabWidth = indentUnit === '\t' ? 1 : indentUnit.length;

  const lines: TodoLine[] = [];
  const tasks: Task[] = [];
  const projects: Project[] = [];
  const stack: { width: number; path: string[]; key: string }[] = [];
  const top: { path: string[]; key: string } = { path: [], key: '' };
  const occurrences = new Map<string, number>();
  const usedIds = new Set<string>();

  for (let index = 0; index < contents.length; index += 1) {
    const content = contents[index]!;
    const lineEol = eols[index]!;
    const info = parseLine(content);
    const width = widthOf(info.indent, tabWidth);
    lines.push({ content, eol: lineEol, kind: info.kind, indent: info.indent, width });
    if (info.kind === 'blank') continue;
    while (stack.length > 0 && stack[stack.length - 1]!.width >= width) stack.pop();
    const parent = stack.length > 0 ? stack[stack.length - 1]! : top;
    if (info.kind === 'project') {
      const name = info.projectName as string;
      const path = [...parent.path, name];
      projects.push({ name, path, line: index + 1, indent: info.indent });
      stack.push({ width, path, key: parent.key ? `${parent.key}\u001f${name}` : name });
    } else if (info.kind === 'task' && info.task) {
      const task = buildTask(info.task, '', file, parent.path, index + 1);
      const lower = task.text.toLowerCase();
      const key = `${parent.key}\u0000${lower}`;
      const occurrence = occurrences.get(key) ?? 0;
      occurrences.set(key, occurrence + 1);
      let id = idOfKey(idKey(file, parent.key, lower, occurrence));
      for (let salt = 1; usedIds.has(id); salt += 1) id = idOfKey(idKey(file, parent.key, `${lower}#${salt}`, occurrence));
      usedIds.add(id);
      task.id = id;
      tasks.push(task);
    }
  }
  return { file, text, eol, bom, tasks, projects, lines, indentUnit };
}

/** The file text of a line list: the inverse of `parseTodo`. */
export function serializeLines(lines: readonly { content: string; eol: string }[], bom: boolean): string {
  const parts: string[] = bom ? [BOM] : [];
  for (const line of lines) parts.push(line.content, line.eol);
  return parts.join('');
}

export function serializeTodo(parsed: ParsedTodo): string {
  return serializeLines(parsed.lines, parsed.bom);
}

/** An empty parse, for a missing `backlog.todo`. */
export function emptyTodo(file: TodoFileId): ParsedTodo {
  return parseTodo('', file);
}
