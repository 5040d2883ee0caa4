import { describe, expect, it } from 'vitest';
import { askAboutThisPrompt, fitToContext, ON_CALL_SYSTEM_PROMPT, redactSecrets, REDACTED, TRUNCATION_NOTE } from '../../src/llm/redact.js';

describe('redactSecrets', () => {
  it.each([
    ['aws key id', 'key AKIAIOSFODNN7EXAMPLE used', 'AKIAIOSFODNN7EXAMPLE'],
    ['aws secret', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI'],
    ['bearer', 'Authorization: Bearer abc.def-123456789', 'abc.def-123456789'],
    ['url password', 'postgres://app:s3cr3t-pw@db:5432/payments', 's3cr3t-pw'],
    ['password=', 'login password=hunter2 ok', 'hunter2'],
    ['quoted password', 'password: "two words"', 'two words'],
    ['_TOKEN=', 'export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123', 'ghp_abc'],
    ['_SECRET=', 'STRIPE_SECRET=sk_live_51abc', 'sk_live_51abc'],
    ['github token alone', 'token is ghp_abcdefghijklmnopqrstuvwxyz0123 here', 'ghp_abcdefghijklmnopqrstuvwxyz0123'],
    ['private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----\nafter', 'MIIEow'],
  ])('removes %s', (_name, text, secret) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('leaves ordinary log text alone', () => {
    const text = 'deploy v1.4.2 to staging: health check 200 OK in 120 ms\npassword policy unchanged';
    expect(redactSecrets(text)).toBe(text);
  });

  it('keeps the key name so the engineer sees what was removed', () => {
    expect(redactSecrets('DB_PASSWORD=abc123 next')).toBe(`DB_PASSWORD=${REDACTED} next`);
    expect(redactSecrets('https://u:p4ss@host/x')).toBe(`https://u:${REDACTED}@host/x`);
  });
});

describe('fitToContext', () => {
  it('returns short text unchanged', () => {
    expect(fitToContext('short', 100)).toEqual({ text: 'short', truncated: false });
  });

  it('keeps the end of long text with a note that it was truncated', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n');
    const r = fitToContext(lines, 100);
    expect(r.truncated).toBe(true);
    expect(r.text.startsWith(TRUNCATION_NOTE)).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(400);
    expect(r.text.endsWith('line 499')).toBe(true);
    expect(r.text.split('\n')[1]).toMatch(/^line \d+$/);
  });
});

describe('askAboutThisPrompt', () => {
  it('redacts, then fits, and names the source', () => {
    const p = askAboutThisPrompt('failed check', 'curl -H "Authorization: Bearer abcdefghijkl" failed', 1000);
    expect(p).toMatch(/^About this failed check:/);
    expect(p).not.toContain('abcdefghijkl');
    expect(ON_CALL_SYSTEM_PROMPT).toMatch(/never executed|nothing you write is executed/);
  });
});
