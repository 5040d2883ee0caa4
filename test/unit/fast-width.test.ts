import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { standaloneWidth } from '../../src/sanitize/fast-width.js';
import terminalWidth from '../../bin/string-width-shim.js';
import { displayWidth } from '../../src/sanitize/text-width.js';

/** Every code unit the fast path takes (it answers for them), plus a sample it must refuse. */
function fastUnits(): number[] {
  const units: number[] = [];
  for (let u = 0; u <= 0xffff; u += 1) if (standaloneWidth(String.fromCharCode(u)) !== undefined) units.push(u);
  return units;
}

describe('terminal width without string-width’s regular expressions', () => {
  it('gives every code point it takes the width string-width gives it', () => {
    const units = fastUnits();
    expect(units.length).toBeGreaterThan(30_000);
    const wrong = units.filter((u) => standaloneWidth(String.fromCharCode(u)) !== stringWidth(String.fromCharCode(u)));
    expect(wrong.map((u) => u.toString(16))).toEqual([]);
  });

  it('agrees with string-width on random frame text, styled or not', () => {
    const units = fastUnits();
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 2000; i += 1) {
      let text = '';
      for (let j = random(60); j > 0; j -= 1) text += String.fromCharCode(units[random(units.length)] as number);
      const styled = i % 3 === 0 ? `\u001b[31m${text}\u001b[39m` : text;
      expect(terminalWidth(styled)).toBe(stringWidth(styled));
      expect(displayWidth(text)).toBe(stringWidth(text));
    }
  });

  it('leaves clusters of several code points to string-width, with the same answers', () => {
    const hard = ['e\u0301', '👍🏽', '👨‍👩‍👧', '✔️', '1️⃣', '🇫🇷', '\u1100\u1161\u11a8', 'a\u200db', 'x\u0308y', '\ud83d'];
    for (const text of hard) {
      expect(standaloneWidth(text)).toBeUndefined();
      expect(terminalWidth(text)).toBe(stringWidth(text));
      expect(terminalWidth(`│ ${text} ☐ · ok`)).toBe(stringWidth(`│ ${text} ☐ · ok`));
    }
  });

  it('the bundled shim answers like string-width, options included', () => {
    for (const text of ['│ ☐ deploy v1.2.0 · 3m ago', '\u001b[1m日本語\u001b[22m', '⚠ P1 ⏱ 12m', '', 'plain']) {
      expect(terminalWidth(text)).toBe(stringWidth(text));
      expect(terminalWidth(text, { ambiguousIsNarrow: false })).toBe(stringWidth(text, { ambiguousIsNarrow: false }));
      expect(terminalWidth(text, { countAnsiEscapeCodes: true })).toBe(stringWidth(text, { countAnsiEscapeCodes: true }));
    }
  });
});
