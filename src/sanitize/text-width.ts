// Terminal display width of plain text (no escape sequences), by grapheme cluster, and
// cutting text to a width (string-width's widths for the text Ink draws). Used by
// sanitizeLine and by fixed-width tables.

import { standaloneWidth } from './fast-width.js';

// Made on first use: creating a Segmenter loads ICU data (about 20 ms), which commands that
// never measure text (`--version`, `mcp`) should not pay for.
let segmenter: Intl.Segmenter | undefined;
function graphemes(text: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(text);
}

/** Emoji and East Asian wide/fullwidth ranges take two terminal columns. */
const WIDE = /^(?:\p{Extended_Pictographic}|[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}])/u;
const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|\p{Cf})+$/u;

/**
 * Terminal columns of one grapheme cluster: a lone code point as string-width (Ink) counts
 * it; a cluster of several (emoji sequences, combining marks) by its first code point.
 */
export function graphemeWidth(grapheme: string): number {
  const standalone = standaloneWidth(grapheme);
  if (standalone !== undefined) return standalone;
  if (ZERO_WIDTH.test(grapheme)) return 0;
  return WIDE.test(grapheme) ? 2 : 1;
}

/** Terminal columns of plain text (no escape sequences). */
export function displayWidth(text: string): number {
  const standalone = standaloneWidth(text);
  if (standalone !== undefined) return standalone;
  let width = 0;
  for (const { segment } of graphemes(text)) width += graphemeWidth(segment);
  return width;
}

/** Cuts plain text to at most `maxWidth` columns, ending with `…` when it was cut. */
export function truncateToWidth(text: string, maxWidth: number): string {
  if (maxWidth <= 0) return '';
  const standalone = standaloneWidth(text);
  if ((standalone ?? displayWidth(text)) <= maxWidth) return text;
  let width = 0;
  let result = '';
  for (const cluster of clusters(text, standalone !== undefined)) {
    const w = graphemeWidth(cluster);
    if (width + w > maxWidth - 1) break;
    result += cluster;
    width += w;
  }
  return `${result}…`;
}

/** The grapheme clusters of text; when each code point stands alone, without the segmenter. */
function* clusters(text: string, standalone: boolean): Iterable<string> {
  if (standalone) {
    yield* text;
    return;
  }
  for (const { segment } of graphemes(text)) yield segment;
}
