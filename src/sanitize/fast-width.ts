// Terminal width of text, as string-width (the measure Ink uses) computes it, without its
// Unicode regular expressions for the text a cockpit frame is made of. string-width has a fast
// path for printable ASCII only; the first string with one `│`, `☐` or `·` in it compiles its
// \p{RGI_Emoji} and property-class expressions (~19 ms measured here, on the first frame), and
// every such string then goes through Intl.Segmenter.
//
// Fast path: when every UTF-16 unit lies in a range where each code point is a grapheme cluster
// of its own (no combining marks, joiners, variation selectors, Hangul jamo or surrogates),
// the width is the sum over code points of what string-width gives a lone code point: 0 for a
// control or the soft hyphen, else its East Asian Width (emoji-presentation symbols are W
// since Unicode 9, as string-width's RGI check also says). Anything else is left to the caller:
// bin/string-width-shim.ts (bundled in place of string-width for Ink) asks string-width, and
// text-width.ts its grapheme rules. No string-width import here: headless commands that only
// sanitize a line should not pay for its Intl.Segmenter (~8 ms).
import { eastAsianWidth } from 'get-east-asian-width';

/** [from, to] inclusive ranges of code units whose code points always stand alone. */
const STANDALONE: readonly (readonly [number, number])[] = [
  [0x0000, 0x02ff], // ASCII, Latin-1, Latin Extended A/B, IPA, spacing modifier letters
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis
  [0x2030, 0x205e], // per mille, primes, brackets, punctuation
  [0x20a0, 0x20c0], // currency
  [0x2100, 0x2bff], // letterlike, arrows, maths, technical, box drawing, blocks, shapes, symbols, dingbats
  [0x3000, 0x3029], // CJK punctuation
  [0x3041, 0x3096], // hiragana
  [0x30a1, 0x30fa], // katakana
  [0x4e00, 0x9fff], // CJK ideographs
  [0xac00, 0xd7a3], // Hangul syllables
  [0xff01, 0xff60], // fullwidth forms
];

function standalone(unit: number): boolean {
  for (const [from, to] of STANDALONE) {
    if (unit < from) return false;
    if (unit <= to) return true;
  }
  return false;
}

const EAW_NARROW = { ambiguousAsWide: false };

/** The width of text made only of standalone code points; undefined when it has others. */
export function standaloneWidth(text: string): number | undefined {
  let width = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x20 && unit < 0x7f) {
      width += 1;
      continue;
    }
    if (!standalone(unit)) return undefined;
    if (unit < 0x20 || (unit >= 0x7f && unit < 0xa0) || unit === 0xad) continue;
    width += eastAsianWidth(unit, EAW_NARROW);
  }
  return width;
}
