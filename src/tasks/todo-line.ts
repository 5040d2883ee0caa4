// One line of a `.todo` file, taken apart without regular expressions that could backtrack:
// every scan here is a single left-to-right pass over the line.
import { CANCELLED_SYMBOLS, DONE_SYMBOLS, PENDING_SYMBOLS } from '../../models/todo-constants.js';
import type { LineKind } from '../../models/todo.js';

/** One `@name` or `@name(value)` tag, with its offsets in the scanned string. */
export type TagSpan = { name: string; value: string | null; start: number; end: number };

/** A task line split into its parts: `indent + marker + sep + body + trail` is the line. */
export type TaskParts = { indent: string; marker: string; sep: string; body: string; trail: string };

export type LineInfo = {
  kind: LineKind;
  indent: string;
  /** Task lines only. */
  task?: TaskParts;
  /** Project lines only: the name without the trailing `:` and tags. */
  projectName?: string;
};

/** The symbol markers; `-` is a marker only when a space follows it (see markerAt). */
const SYMBOL_MARKERS = new Set<string>([...PENDING_SYMBOLS, ...DONE_SYMBOLS, ...CANCELLED_SYMBOLS].filter((s) => s !== '-'));
const VARIATION_SELECTOR = '\uFE0F';

export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0b || code === 0x0c || code === 0xa0;
}

function isTagNameChar(code: number): boolean {
  return !isWhitespace(code) && code !== 0x28 /* ( */ && code !== 0x29 /* ) */ && code !== 0x40 /* @ */;
}

/** Finds every tag: `@` at the start or after whitespace, then a name, then an optional `(value)`. */
export function scanTags(text: string): TagSpan[] {
  const tags: TagSpan[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    i = at + 1;
    if (at > 0 && !isWhitespace(text.charCodeAt(at - 1))) continue;
    let j = at + 1;
    while (j < n && isTagNameChar(text.charCodeAt(j))) j += 1;
    if (j === at + 1) continue;
    let end = j;
    let value: string | null = null;
    if (j < n && text.charCodeAt(j) === 0x28) {
      const close = text.indexOf(')', j + 1);
      if (close >= 0) {
        value = text.slice(j + 1, close);
        end = close + 1;
      }
    }
    tags.push({ name: text.slice(at + 1, j), value, start: at, end });
    i = end;
  }
  return tags;
}

/**
 * `text` with whitespace runs folded to one space and the ends trimmed, as
 * `text.replace(/\s+/g, ' ').trim()`; plain ASCII with single spaces (most task lines) is
 * returned as is without running the regular expression.
 */
export function foldSpaces(text: string): string {
  let previous = 0x20;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0x7e || code < 0x20 || (code === 0x20 && previous === 0x20)) return text.replace(/\s+/g, ' ').trim();
    previous = code;
  }
  return previous === 0x20 ? text.replace(/\s+/g, ' ').trim() : text;
}

/** The text with its tags removed and whitespace runs folded to one space. */
export function textWithoutTags(text: string, tags: TagSpan[]): string {
  let out = '';
  let pos = 0;
  for (const tag of tags) {
    out += `${text.slice(pos, tag.start)} `;
    pos = tag.end;
  }
  out += text.slice(pos);
  return foldSpaces(out);
}

/** The index after the leading spaces and tabs. */
function indentEnd(content: string): number {
  let i = 0;
  while (i < content.length && isSpace(content.charCodeAt(i))) i += 1;
  return i;
}

/** Whether `k` is the end of the line or a space or tab: a marker must end there. */
function boundaryAt(content: string, k: number): boolean {
  return k >= content.length || isSpace(content.charCodeAt(k));
}

/** The task marker at `start`, or '' when the line is not a task. */
function markerAt(content: string, start: number): string {
  const c = content[start];
  if (c === undefined) return '';
  if ((c === '-' || c === '*') && content[start + 1] === ' ' && content[start + 2] === '[' && content[start + 4] === ']') {
    const box = content[start + 3];
    if ((box === ' ' || box === 'x' || box === 'X') && boundaryAt(content, start + 5)) return content.slice(start, start + 5);
  }
  if (SYMBOL_MARKERS.has(c)) {
    const len = content[start + 1] === VARIATION_SELECTOR ? 2 : 1;
    return boundaryAt(content, start + len) ? content.slice(start, start + len) : '';
  }
  if (c === '-' && start + 1 < content.length && isSpace(content.charCodeAt(start + 1))) return '-';
  return '';
}

/** Splits a task line (one for which `markerAt` found a marker) into its parts. */
export function splitTask(content: string): TaskParts | undefined {
  const ie = indentEnd(content);
  const marker = markerAt(content, ie);
  return marker ? partsAt(content, ie, marker) : undefined;
}

/** The parts of a task line whose `marker` starts at `ie`, the end of its indentation. */
function partsAt(content: string, ie: number, marker: string): TaskParts {
  let bodyStart = ie + marker.length;
  while (bodyStart < content.length && isSpace(content.charCodeAt(bodyStart))) bodyStart += 1;
  let bodyEnd = content.length;
  while (bodyEnd > bodyStart && isSpace(content.charCodeAt(bodyEnd - 1))) bodyEnd -= 1;
  return {
    indent: content.slice(0, ie),
    marker,
    sep: content.slice(ie + marker.length, bodyStart),
    body: content.slice(bodyStart, bodyEnd),
    trail: content.slice(bodyEnd),
  };
}

export function joinTask(parts: TaskParts): string {
  const sep = parts.body && !parts.sep ? ' ' : parts.sep;
  return `${parts.indent}${parts.marker}${sep}${parts.body}${parts.trail}`;
}

/** The project name when the line (not a task) ends with `:` before any trailing tags. */
function projectNameOf(content: string, start: number): string | undefined {
  let end = content.length;
  while (end > start && isWhitespace(content.charCodeAt(end - 1))) end -= 1;
  if (end === start) return undefined;
  const last = content.charCodeAt(end - 1);
  if (last !== 0x3a /* : */ && last !== 0x29 /* ) */ && content.indexOf('@', start) < 0) return undefined;
  let rest = content.slice(start, end);
  if (rest.includes('@')) {
    const tags = scanTags(rest);
    for (let k = tags.length - 1; k >= 0; k -= 1) {
      const tag = tags[k] as TagSpan;
      if (rest.slice(tag.end).trim() !== '') break;
      rest = rest.slice(0, tag.start);
    }
    rest = rest.trimEnd();
  }
  if (!rest.endsWith(':')) return undefined;
  const name = rest.slice(0, -1).trim();
  return name ? name : undefined;
}

/** Classifies one line (without its line terminator). */
export function parseLine(content: string): LineInfo {
  const ie = indentEnd(content);
  const indent = content.slice(0, ie);
  if (ie === content.length || (isWhitespace(content.charCodeAt(ie)) && content.slice(ie).trim() === '')) return { kind: 'blank', indent };
  const marker = markerAt(content, ie);
  if (marker) return { kind: 'task', indent, task: partsAt(content, ie, marker) };
  const projectName = projectNameOf(content, ie);
  if (projectName !== undefined) return { kind: 'project', indent, projectName };
  return { kind: 'note', indent };
}
