import { describe, expect, it } from 'vitest';
import { sanitize, sanitizeLine, stripAnsi } from '../../src/sanitize/sanitize.js';
import { displayWidth, truncateToWidth } from '../../src/sanitize/text-width.js';

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

describe('sanitize: what is kept', () => {
  it('keeps plain text, unicode, newlines and tabs', () => {
    const text = 'deploy ✔ 日本語 🚀\n\tstep 2 — done';
    expect(sanitize(text)).toBe(text);
  });

  it('keeps SGR colour sequences, including 256-colour, truecolour and colon forms', () => {
    const text = `${ESC}[31mred${ESC}[0m ${ESC}[1;38;5;208mor${ESC}[m ${ESC}[38;2;10;20;30mtc${ESC}[38:2::1:2:3m${ESC}[0m`;
    expect(sanitize(text)).toBe(text);
  });

  it('drops SGR when keepSgr is false, and stripAnsi does the same', () => {
    const text = `${ESC}[1;31mred${ESC}[0m plain`;
    expect(sanitize(text, { keepSgr: false })).toBe('red plain');
    expect(stripAnsi(text)).toBe('red plain');
  });
});

describe('sanitize: one test per payload class', () => {
  it('drops an OSC 0 window title (BEL and ST terminated)', () => {
    expect(sanitize(`a${ESC}]0;pwned${BEL}b`)).toBe('ab');
    expect(sanitize(`a${ESC}]2;pwned${ST}b`)).toBe('ab');
  });

  it('drops an OSC 52 clipboard write', () => {
    expect(sanitize(`x${ESC}]52;c;Y3VybCBldmlsLnNofHNo${BEL}y`)).toBe('xy');
  });

  it('drops OSC 8 hyperlinks but keeps the link text', () => {
    expect(sanitize(`${ESC}]8;;https://evil.example/${ST}click${ESC}]8;;${ST}`)).toBe('click');
  });

  it('drops DCS, APC, PM and SOS strings', () => {
    expect(sanitize(`a${ESC}P+q544e${ST}b`)).toBe('ab');
    expect(sanitize(`a${ESC}_Gf=100;AAAA${ST}b`)).toBe('ab');
    expect(sanitize(`a${ESC}^privacy${ST}b`)).toBe('ab');
    expect(sanitize(`a${ESC}Xstring${ST}b`)).toBe('ab');
  });

  it('drops CSI cursor moves', () => {
    expect(sanitize(`a${ESC}[2Ab${ESC}[10;20Hc${ESC}[Dd${ESC}[s${ESC}[u`)).toBe('abcd');
  });

  it('drops erases and clears', () => {
    expect(sanitize(`a${ESC}[2Jb${ESC}[Kc${ESC}[3J${ESC}[1;1r`)).toBe('abc');
  });

  it('drops device status reports and other queries (CSI 6n, DA)', () => {
    expect(sanitize(`a${ESC}[6nb${ESC}[c${ESC}[>0c`)).toBe('ab');
  });

  it('drops private modes (alternate screen, mouse, bracketed paste)', () => {
    expect(sanitize(`a${ESC}[?1049h${ESC}[?1000h${ESC}[?2004lb`)).toBe('ab');
  });

  it('drops RIS (ESC c) and other two-character and charset escapes', () => {
    expect(sanitize(`a${ESC}cb${ESC}7${ESC}8${ESC}=${ESC}Mc${ESC}(0d${ESC}#8`)).toBe('abcd');
  });

  it('drops 8-bit C1 forms and the whole sequence they introduce', () => {
    expect(sanitize('a\u009b31mb')).toBe('ab'); // 8-bit CSI, even an SGR
    expect(sanitize('a\u009b2Jb')).toBe('ab');
    expect(sanitize('a\u009d0;title\u0007b')).toBe('ab'); // 8-bit OSC
    expect(sanitize('a\u009d52;c;eA==\u009cb')).toBe('ab'); // ended by 8-bit ST
    expect(sanitize('a\u0090q\u009cb\u009f\u009cc\u0085d')).toBe('abcd');
  });

  it('drops unterminated sequences to the end of the text', () => {
    expect(sanitize(`ok${ESC}]0;no terminator ever\nstill title`)).toBe('ok');
    expect(sanitize(`ok${ESC}Pdcs forever`)).toBe('ok');
    expect(sanitize(`ok${ESC}[12;3`)).toBe('ok');
    expect(sanitize(`ok${ESC}`)).toBe('ok');
    expect(sanitize(`ok${ESC}(`)).toBe('ok');
  });

  it('drops C0 controls except newline and tab; CRLF becomes LF; lone CR is dropped', () => {
    expect(sanitize('a\u0000b\u0007c\u0008d\u000be\u000cf\u007fg')).toBe('abcdefg');
    expect(sanitize('one\r\ntwo\r\n')).toBe('one\ntwo\n');
    expect(sanitize('10%\r20%\r')).toBe('10%20%');
    expect(sanitize('10%\r20%', { keepCr: true })).toBe('10%\r20%');
  });

  it('an ESC inside a string or CSI cancels it and starts a new sequence', () => {
    expect(sanitize(`a${ESC}]0;t${ESC}[31mred`)).toBe(`a${ESC}[31mred`);
    expect(sanitize(`a${ESC}[1${ESC}[32mg`)).toBe(`a${ESC}[32mg`);
    expect(sanitize(`a${ESC}[1\nb`)).toBe('a\nb');
    expect(sanitize(`a${ESC}${ESC}[0mb`)).toBe(`a${ESC}[0mb`);
    expect(sanitize(`a${ESC}\né`)).toBe('a\né');
  });

  it('rejects SGR look-alikes: private markers, intermediates, oversized params', () => {
    expect(sanitize(`a${ESC}[?31mb`)).toBe('ab');
    expect(sanitize(`a${ESC}[>4;2mb`)).toBe('ab');
    expect(sanitize(`a${ESC}[1 mb`)).toBe('ab');
    expect(sanitize(`a${ESC}[${'1;'.repeat(100)}mb`)).toBe('ab');
  });
});

/** Every ESC left must start a complete, valid SGR sequence; no C1 or C0 besides \n \t (and \r with keepCr). */
function assertOnlySgr(output: string, keepCr = false): void {
  // eslint-disable-next-line no-control-regex
  const withoutSgr = output.replace(/\u001b\[[0-9:;]*m/g, '');
  // eslint-disable-next-line no-control-regex
  expect(withoutSgr).not.toMatch(keepCr ? /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f]/ : /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
}

/** A seeded PRNG (mulberry32) so a failure can be reproduced from the printed seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sanitize: property-ish', () => {
  const ALPHABET = ['\u001b', '[', ']', 'P', '_', '^', 'X', '\\', '\u0007', '\u009b', '\u009c', '\u009d', '\r', '\n', '\t', ';', ':', '?', '0', '1', '3', '8', 'm', 'H', 'c', '(', ' ', 'a', '✔', '\u0000', '\u007f', '\u0085'];

  it('random control-heavy text never yields an escape other than a valid SGR', () => {
    for (let seed = 1; seed <= 400; seed += 1) {
      const next = rng(seed);
      let text = '';
      const length = Math.floor(next() * 80);
      for (let i = 0; i < length; i += 1) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      const out = sanitize(text);
      try {
        assertOnlySgr(out);
        assertOnlySgr(sanitize(text, { keepCr: true }), true);
        expect(stripAnsi(text)).not.toContain('\u001b');
      } catch (error) {
        throw new Error(`seed ${seed}: ${JSON.stringify(text)} -> ${JSON.stringify(out)}: ${String(error)}`);
      }
    }
  });

  it('random bytes (every code unit 0-255) never yield a stray escape', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const next = rng(seed * 7919);
      const codes = Array.from({ length: 120 }, () => Math.floor(next() * 256));
      const text = String.fromCharCode(...codes);
      assertOnlySgr(sanitize(text));
    }
  });

  it('is idempotent', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const next = rng(seed * 31);
      let text = '';
      for (let i = 0; i < 60; i += 1) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      const once = sanitize(text);
      expect(sanitize(once)).toBe(once);
    }
  });

  it('handles large inputs in one pass (no quadratic blow-up on repeated openers)', () => {
    const big = `${'\u001b['.repeat(200_000)}${'\u001b]'.repeat(1)}${'x'.repeat(200_000)}`;
    expect(sanitize(big)).toBe('');
    const text = 'line\n'.repeat(100_000);
    expect(sanitize(text)).toBe(text);
  });
});

describe('sanitizeLine and widths', () => {
  it('folds newlines and tabs, strips escapes, trims', () => {
    expect(sanitizeLine(`  fix ${ESC}[31mthe${ESC}[0m\r\nbug\t\tnow ${ESC}]0;t${BEL} `)).toBe('fix the bug now');
  });

  it('cuts to a display width with an ellipsis, counting wide characters as two', () => {
    expect(sanitizeLine('abcdefghij', 5)).toBe('abcd…');
    expect(sanitizeLine('abc', 5)).toBe('abc');
    expect(displayWidth('日本語')).toBe(6);
    expect(truncateToWidth('日本語です', 5)).toBe('日本…');
    expect(displayWidth('e\u0301')).toBe(1);
    expect(truncateToWidth('abc', 0)).toBe('');
  });
});
