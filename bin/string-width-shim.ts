// Bundled in place of `string-width` for every package that imports it (Ink, wrap-ansi,
// widest-line, cli-truncate; see esbuild.options.mjs): the same widths, from a fast path for
// the text of a frame (src/sanitize/fast-width.ts), string-width itself for the rest.
import realStringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { standaloneWidth } from '../src/sanitize/fast-width.js';

type Options = { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean };

export default function stringWidth(input: string, options: Options = {}): number {
  if (typeof input !== 'string' || input.length === 0) return 0;
  if (options.ambiguousIsNarrow === false || options.countAnsiEscapeCodes === true) return realStringWidth(input, options);
  const plain = input.includes('\u001b') || input.includes('\u009b') ? stripAnsi(input) : input;
  return standaloneWidth(plain) ?? realStringWidth(plain);
}
