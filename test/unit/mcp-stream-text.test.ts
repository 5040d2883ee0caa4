// Streamed model output is sanitized piece by piece, and the pieces add up to the sanitized whole
// wherever the stream is cut (escape sequences split between pieces included).
import { describe, expect, it } from 'vitest';
import { cleanText, createStreamSanitizer } from '../../src/mcp/stream-text.js';

function stream(chunks: readonly string[]): string[] {
  const out: string[] = [];
  const s = createStreamSanitizer((t) => out.push(t));
  for (const c of chunks) s.push(c);
  s.end();
  return out;
}

const NASTY = 'ok \u001b[31mred\u001b[0m \u001b]0;title\u0007 \u001b]52;c;ZXZpbA==\u001b\\ clear\u001b[2J \u009b31m c1 line\r\nnext\ttab\r progress';

describe('stream sanitizer', () => {
  it('drops every escape sequence and control, keeping newlines and tabs', () => {
    expect(cleanText(NASTY)).toBe('ok red   clear  c1 line\nnext\ttab progress');
  });

  it('passes plain pieces through unchanged, one emit each', () => {
    expect(stream(['Hello', ' from', ' the', ' tiny'])).toEqual(['Hello', ' from', ' the', ' tiny']);
  });

  it('adds up to the sanitized whole at every cut point, never leaking a half sequence', () => {
    const whole = cleanText(NASTY);
    for (let a = 0; a <= NASTY.length; a += 1) {
      for (let b = a; b <= NASTY.length; b += 3) {
        const pieces = stream([NASTY.slice(0, a), NASTY.slice(a, b), NASTY.slice(b)]);
        expect(pieces.join(''), `cut at ${a}, ${b}`).toBe(whole);
        for (const p of pieces) expect(p).not.toMatch(/\[3[01]m|\]0;|\]52;/);
      }
    }
  });

  it('does not hold a runaway sequence forever: past 4 KiB it is dropped and plain text goes on', () => {
    expect(stream(['a\u001b]0;', 'x'.repeat(5000), 'b'])).toEqual(['a', 'b']);
  });
});
