// A copy of a parsed file's lines that edits change one line at a time, keeping the file's
// line endings, its BOM and whether it ends with a newline.
import type { Eol } from '../../models/todo.js';
import type { ParsedTodo } from './todo-parse.js';
import { serializeLines } from './todo-parse.js';

export class LineBuffer {
  private readonly lines: { content: string; eol: Eol }[];
  private readonly eol: '\n' | '\r\n';
  private readonly bom: boolean;

  constructor(parsed: ParsedTodo) {
    this.lines = parsed.lines.map((l) => ({ content: l.content, eol: l.eol }));
    this.eol = parsed.eol;
    this.bom = parsed.bom;
  }

  replace(index: number, content: string): void {
    const line = this.lines[index];
    if (line) line.content = content;
  }

  /** Inserts a line before `index` (at the end when index is the line count). */
  insert(index: number, content: string): void {
    const last = this.lines[this.lines.length - 1];
    if (index >= this.lines.length && last && last.eol === '') {
      // the file had no final newline: keep it that way, the new line becomes the last one
      last.eol = this.eol;
      this.lines.push({ content, eol: '' });
      return;
    }
    this.lines.splice(index, 0, { content, eol: this.eol });
  }

  remove(index: number): void {
    const [removed] = this.lines.splice(index, 1);
    const last = this.lines[this.lines.length - 1];
    if (removed && removed.eol === '' && index === this.lines.length && last) last.eol = '';
  }

  text(): string {
    return serializeLines(this.lines, this.bom);
  }
}

/** The 1-based line of the project with exactly this path (case-insensitive fallback), if any. */
export function findProjectLine(parsed: ParsedTodo, path: readonly string[]): number | undefined {
  const key = path.join('\u001f');
  const exact = parsed.projects.find((p) => p.path.join('\u001f') === key);
  if (exact) return exact.line;
  const lower = key.toLowerCase();
  return parsed.projects.find((p) => p.path.join('\u001f').toLowerCase() === lower)?.line;
}

/**
 * Where a new last child of the project on `projectLine` goes (0-based line index): after
 * the last non-blank line indented deeper than the project. Without a project: after the
 * file's last non-blank line.
 */
export function insertionPoint(parsed: ParsedTodo, projectLine: number | undefined): number {
  const { lines } = parsed;
  if (projectLine === undefined) {
    let last = lines.length - 1;
    while (last >= 0 && lines[last]!.kind === 'blank') last -= 1;
    return last + 1;
  }
  const width = lines[projectLine - 1]!.width;
  let after = projectLine; // index just after the project line
  for (let i = projectLine; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.kind === 'blank') continue;
    if (line.width <= width) break;
    after = i + 1;
  }
  return after;
}
