// Streaming output in big chunks: the sanitizer is skipped only when it would change nothing,
// and a private key cut by a chunk's end is held back until its END line.
import { describe, expect, it } from 'vitest';
import { logPrinter } from '../../src/deploy/headless.js';
import { cleanStreamText, needsSanitize, openPemStart, PEM_HOLD_LIMIT } from '../../src/runs/stream-clean.js';
import { redactSecrets } from '../../src/sanitize/redact-secrets.js';
import { sanitize } from '../../src/sanitize/sanitize.js';

describe('cleanStreamText', () => {
  it('equals sanitize(redactSecrets()) for every control character, escape and plain text', () => {
    const samples = ['plain text\n\twith tab\n', 'é ✓ 漢字 emoji 🙂\n', 'red \x1b[31mx\x1b[0m\n', 'osc \x1b]0;title\x07 x', 'cr\r\n', 'bar 10%\rbar 100%\n', 'c1 \u009b31m \u009d x', 'del \x7f x', 'API_TOKEN=abcdefgh1234 \x1b[2J'];
    for (let code = 0; code < 0xa0; code += 1) samples.push(`a${String.fromCharCode(code)}b\n`);
    for (const text of samples) {
      for (const options of [{ keepSgr: true, keepCr: true }, { keepSgr: false, keepCr: false }, { keepSgr: false, keepCr: true }]) {
        expect(cleanStreamText(text, options), JSON.stringify(text)).toBe(sanitize(redactSecrets(text), options));
      }
    }
  });

  it('says whether the sanitizer is needed', () => {
    expect(needsSanitize('plain\n\ttext é ✓\n')).toBe(false);
    for (const c of ['\x1b', '\r', '\x00', '\x07', '\x7f', '\u009b', '\u0085']) expect(needsSanitize(`a${c}b`)).toBe(true);
  });
});

describe('openPemStart', () => {
  const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';
  it('finds the line where an unfinished key block begins', () => {
    expect(openPemStart('no key here\n')).toBe(-1);
    expect(openPemStart(`before\n${key}after\n`)).toBe(-1);
    expect(openPemStart(`before\n${key.slice(0, 60)}`)).toBe(7);
    expect(openPemStart(`${key}x\nkey: -----BEGIN RSA PRIVATE KEY-----\nMIIE\n`)).toBe(key.length + 2);
  });

  it('logPrinter holds a key cut by a chunk until its END line: no key line leaks', () => {
    for (const isTty of [false, true]) {
      const out: string[] = [];
      const io = { out: (t: string) => out.push(t), err: () => undefined, write: (t: string) => out.push(t), isTty };
      const printer = logPrinter(io);
      const text = `before\n${key}after\n`;
      // every cut point, including inside the BEGIN and END lines
      for (let cut = 1; cut < text.length; cut += 1) {
        out.length = 0;
        printer.push(text.slice(0, cut));
        printer.push(text.slice(cut));
        printer.flush();
        const all = out.join('\n');
        expect(all, `cut ${cut}`).not.toMatch(/b3BlbnNz|AAAABG5v/);
        expect(all).toContain('before');
        expect(all).toContain('after');
      }
    }
  });

  it('gives up holding past the limit (the redactor then masks to the chunk end)', () => {
    const out: string[] = [];
    const printer = logPrinter({ out: (t) => out.push(t), err: () => undefined, write: () => undefined, isTty: false });
    printer.push(`-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(PEM_HOLD_LIMIT)}\n`);
    expect(out).toEqual(['*** private key']);
    printer.push('\n');
    expect(out).toEqual(['*** private key', '']);
  });
});
