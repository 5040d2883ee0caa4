// Word-wrapping styled spans to a terminal width (pure). Used by the markdown renderer and the
// chat history, which pre-wraps messages so only the visible lines are rendered.
import { displayWidth, graphemeWidth } from '../sanitize/text-width.js';

export const MD_STYLES = ['text', 'bold', 'italic', 'code', 'heading', 'quote', 'codeblock', 'link', 'dim', 'strike', 'user', 'note'] as const;
export type MdStyle = (typeof MD_STYLES)[number];
export type MdSpan = { text: string; style: MdStyle };
/** One terminal line: spans whose widths add up to at most the wrap width. */
export type MdLine = MdSpan[];

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Appends a span, merging it into the previous one when the style is the same. */
export function pushSpan(line: MdLine, span: MdSpan): void {
  if (!span.text) return;
  const last = line.at(-1);
  if (last && last.style === span.style) last.text += span.text;
  else line.push({ ...span });
}

export function lineWidth(line: MdLine): number {
  return line.reduce((sum, s) => sum + displayWidth(s.text), 0);
}

export function lineText(line: MdLine): string {
  return line.map((s) => s.text).join('');
}

/** Splits spans into words and the spaces between them, keeping styles. */
function pieces(spans: readonly MdSpan[]): MdSpan[] {
  const out: MdSpan[] = [];
  for (const span of spans) {
    for (const part of span.text.split(/( +)/)) if (part) out.push({ text: part, style: span.style });
  }
  return out;
}

/** Breaks a word that is wider than the line into chunks of at most `width` columns. */
function hardBreak(piece: MdSpan, width: number): MdSpan[] {
  const chunks: MdSpan[] = [];
  let text = '';
  let w = 0;
  for (const { segment } of segmenter.segment(piece.text)) {
    const gw = graphemeWidth(segment);
    if (w + gw > width && text) {
      chunks.push({ text, style: piece.style });
      text = '';
      w = 0;
    }
    text += segment;
    w += gw;
  }
  if (text) chunks.push({ text, style: piece.style });
  return chunks;
}

/**
 * Wraps one logical line (no newlines inside) to `width` columns. `first` prefixes the first
 * line and `rest` every continuation line (e.g. "• " and "  " for a list item).
 */
export function wrapSpans(spans: readonly MdSpan[], width: number, first: MdSpan[] = [], rest: MdSpan[] = []): MdLine[] {
  const lines: MdLine[] = [];
  let line: MdLine = first.map((s) => ({ ...s }));
  let used = lineWidth(line);
  const restWidth = lineWidth(rest);
  const room = (): number => Math.max(1, width - (lines.length === 0 ? lineWidth(first) : restWidth));
  const newLine = (): void => {
    // trailing spaces are not worth a column
    const last = line.at(-1);
    if (last) last.text = last.text.replace(/ +$/, '');
    lines.push(line.filter((s) => s.text));
    line = rest.map((s) => ({ ...s }));
    used = restWidth;
  };
  for (const piece of pieces(spans)) {
    const w = displayWidth(piece.text);
    const isSpace = /^ +$/.test(piece.text);
    if (used + w <= width) {
      pushSpan(line, piece);
      used += w;
      continue;
    }
    if (isSpace) {
      newLine();
      continue;
    }
    if (used > (lines.length === 0 ? lineWidth(first) : restWidth)) newLine();
    for (const chunk of w > room() ? hardBreak(piece, room()) : [piece]) {
      const cw = displayWidth(chunk.text);
      if (used + cw > width && used > restWidth) newLine();
      pushSpan(line, chunk);
      used += cw;
    }
  }
  lines.push(line);
  return lines;
}
