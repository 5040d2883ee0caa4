// Turns emulator buffer lines back into text: the cells' characters with their colours as SGR
// (nothing else), then redaction and the shared sanitizer. Only the visible window is rendered.
import type { IBuffer, IBufferCell, IBufferLine } from '@xterm/headless';
import { sanitize } from '../sanitize/sanitize.js';
import { redactSecrets } from '../sanitize/redact-secrets.js';

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
