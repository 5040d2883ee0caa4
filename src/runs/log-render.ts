// Turns emulator buffer lines back into text: the cells' characters with their colours as SGR
// (nothing else), then redaction and the shared sanitizer. Only the visible window is rendered.
import type { IBuffer, IBufferCell, IBufferLine } from '@xterm/headless';
import { sanitize } from '../sanitize/sanitize.js';
import { redactSecrets, REDACTION_MASK } from '../sanitize/redact-secrets.js';

function colorParams(mode: 'fg' | 'bg', cell: IBufferCell): string[] {
  const isFg = mode === 'fg';
  if (isFg ? cell.isFgDefault() : cell.isBgDefault()) return [];
  const color = isFg ? cell.getFgColor() : cell.getBgColor();
  if (isFg ? cell.isFgRGB() : cell.isBgRGB()) return [isFg ? '38' : '48', '2', String((color >> 16) & 255), String((color >> 8) & 255), String(color & 255)];
  if (color < 8) return [String((isFg ? 30 : 40) + color)];
  if (color < 16) return [String((isFg ? 90 : 100) + color - 8)];
  return [isFg ? '38' : '48', '5', String(color)];
}

/** The SGR that selects a cell's attributes from a reset state ('' for default attributes). */
export function sgrOf(cell: IBufferCell): string {
  if (cell.isAttributeDefault()) return '';
  const params: string[] = [];
  if (cell.isBold()) params.push('1');
  if (cell.isDim()) params.push('2');
  if (cell.isItalic()) params.push('3');
  if (cell.isUnderline()) params.push('4');
  if (cell.isInverse()) params.push('7');
  params.push(...colorParams('fg', cell), ...colorParams('bg', cell));
  return params.length ? `\x1b[${params.join(';')}m` : '';
}

/** One buffer line as text with SGR colours, trailing blanks trimmed. */
export function renderLine(line: IBufferLine, cols: number, cell: IBufferCell): string {
  const parts: string[] = [];
  let current = '';
  let pendingSpaces = '';
  for (let x = 0; x < cols; x += 1) {
    if (!line.getCell(x, cell)) break;
    if (cell.getWidth() === 0) continue; // the second half of a wide character
    const chars = cell.getChars() || ' ';
    const sgr = sgrOf(cell);
    if (chars === ' ' && sgr === '') {
      pendingSpaces += ' ';
      continue;
    }
    if (pendingSpaces) {
      if (current !== '') {
        parts.push('\x1b[0m');
        current = '';
      }
      parts.push(pendingSpaces);
      pendingSpaces = '';
    }
    if (sgr !== current) {
      parts.push(current !== '' ? `\x1b[0m${sgr}` : sgr);
      current = sgr;
    }
    parts.push(chars);
  }
  if (current !== '') parts.push('\x1b[0m');
  return parts.join('');
}

/** A line ready for the terminal: secrets redacted (colour dropped on such a line), sanitized. */
export function displayLine(buffer: IBuffer, index: number, cols: number, cell: IBufferCell): string {
  const line = buffer.getLine(index);
  if (!line) return '';
  const plain = line.translateToString(true);
  const redacted = redactSecrets(plain);
  if (redacted !== plain) return sanitize(redacted, { keepSgr: false });
  return sanitize(renderLine(line, cols, cell), { keepSgr: true });
}

/** Rows of context either side of a wrapped row that redaction looks at (a secret is shorter). */
const WRAP_CONTEXT = 8;
/** How far above the window to look for the start of a private key block. */
const PEM_LOOKBACK = 200;
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const PEM_END = /-----END [A-Z0-9 ]*PRIVATE KEY-----/;

/**
 * A row that is part of a long line the terminal wrapped: the secret may be cut at the row's
 * edge, so the rows around it are joined and redacted together. Returns the row's share of the
 * redacted text (colour dropped), or undefined when there is nothing to redact.
 */
function wrappedRowRedacted(buffer: IBuffer, index: number, cols: number): string | undefined {
  let first = index;
  while (first > index - WRAP_CONTEXT && first > 0 && buffer.getLine(first)?.isWrapped) first -= 1;
  const texts: string[] = [];
  for (let i = first; i <= index + WRAP_CONTEXT; i += 1) {
    const row = buffer.getLine(i);
    if (!row || (i > first && !row.isWrapped)) break;
    texts.push(row.translateToString(false));
  }
  const whole = texts.join('').trimEnd();
  const redacted = redactSecrets(whole);
  if (redacted === whole) return undefined;
  const k = index - first;
  return sanitize(redacted.slice(k * cols, (k + 1) * cols), { keepSgr: false }).trimEnd();
}

/**
 * The rows [top, end) ready for the terminal: each one as displayLine() makes it, and also
 * redacted where a secret spans rows: a long line wrapped at the view's width (its rows are
 * redacted together), and the body of a private key block (every row from BEGIN to END).
 */
export function displayRows(buffer: IBuffer, top: number, end: number, cols: number, cell: IBufferCell): string[] {
  // inside a key block at `top`? the nearest BEGIN or END line above decides
  let inKey = false;
  for (let i = top - 1; i >= Math.max(0, top - PEM_LOOKBACK); i -= 1) {
    const text = buffer.getLine(i)?.translateToString(true) ?? '';
    if (PEM_END.test(text)) break;
    if (PEM_BEGIN.test(text)) {
      inKey = true;
      break;
    }
  }
  const rows: string[] = [];
  for (let i = top; i < end; i += 1) {
    const line = buffer.getLine(i);
    const text = line?.translateToString(true) ?? '';
    const begins = PEM_BEGIN.test(text);
    const ends = PEM_END.test(text);
    if (inKey && !begins) {
      rows.push(REDACTION_MASK);
      if (ends) inKey = false;
      continue;
    }
    if (begins && !ends) inKey = true;
    const wrapped = line && (line.isWrapped || buffer.getLine(i + 1)?.isWrapped) ? wrappedRowRedacted(buffer, i, cols) : undefined;
    rows.push(wrapped ?? displayLine(buffer, i, cols, cell));
  }
  return rows;
}

/** Which rows of [from, to) hold `query` (case-insensitive): their indexes, and a mark per row. */
export function matchingRows(buffer: IBuffer, from: number, to: number, query: string): { rows: number[]; marks: boolean[] } {
  const wanted = query.toLowerCase();
  const rows: number[] = [];
  const marks: boolean[] = [];
  for (let i = from; i < to; i += 1) {
    const hit = buffer.getLine(i)?.translateToString(true).toLowerCase().includes(wanted) ?? false;
    marks.push(hit);
    if (hit) rows.push(i);
  }
  return { rows, marks };
}
