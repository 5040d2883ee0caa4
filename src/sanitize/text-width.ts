// Terminal display width of plain text (no escape sequences), by grapheme cluster, and
// cutting text to a width. Used by sanitizeLine and by fixed-width tables.

// Made on first use: creating a Segmenter loads ICU data (about 20 ms), which commands that
// never measure text (`--version`, `mcp`) should not pay for.
let segmenter: Intl.Segmenter | undefined;
function graphemes(text: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(text);
}

/** East Asian wide/fullwidth ranges and emoji take two terminal columns. */
const WIDE = /^(?:\p{Extended_Pictographic}|[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}])/u;
const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|\p{Cf})+$/u;

/** Terminal columns of one grapheme cluster. */
export function graphemeWidth(grapheme: string): number {
  if (grapheme.length === 0 || ZERO_WIDTH.test(grapheme)) return 0;
  return WIDE.test(grapheme) ? 2 : 1;
}

/** Terminal columns of plain text (no escape sequences). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes(text)) width += graphemeWidth(segment);
  return width;
}

/** Cuts plain text to at most `maxWidth` columns, ending with `…` when it was cut. */
export function truncateToWidth(text: string, maxWidth: number): string {
  if (maxWidth <= 0) return '';
  if (displayWidth(text) <= maxWidth) return text;
  let width = 0;
  let result = '';
  for (const { segment } of graphemes(text)) {
    const w = graphemeWidth(segment);
    if (width + w > maxWidth - 1) break;
    result += segment;
    width += w;
  }
  return `${result}…`;
}
