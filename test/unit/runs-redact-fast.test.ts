// The redactor's fast path (a cheap trigger per rule) must never skip a secret: every result is
// compared with the thorough pass that runs every rule's full pattern.
import { describe, expect, it } from 'vitest';
import { REDACTION_RULES, redactSecrets, redactSecretsThorough } from '../../src/sanitize/redact-secrets.js';

/** Mixed-case spellings: as written, lower, upper, and alternating. */
function casings(text: string): string[] {
  const alternating = [...text].map((c, i) => (i % 2 ? c.toLowerCase() : c.toUpperCase())).join('');
  return [...new Set([text, text.toLowerCase(), text.toUpperCase(), alternating])];
}

// One sample per secret class, with the secret part that must disappear (when the rule is case-insensitive).
const SECRETS: { text: string; secret: string; anyCase: boolean }[] = [
  { text: 'key AKIAIOSFODNN7EXAMPLE used', secret: 'IOSFODNN7EXAMPLE', anyCase: false },
  { text: 'session ASIAY34FZKBOKMUTVV7A', secret: 'Y34FZKBOKMUTVV7A', anyCase: false },
  { text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', secret: 'wJalrXUtnFEMI', anyCase: true },
  { text: 'Authorization: Bearer abc.def-123456789', secret: 'abc.def-123456789', anyCase: false },
  { text: 'curl -H "Authorization: token 0123456789abcdef"', secret: '0123456789abcdef', anyCase: false },
  { text: 'GET /hook?token=abc123def&x=1', secret: 'abc123def', anyCase: true },
  { text: 'call --api_key=sk-12345 --v', secret: 'sk-12345', anyCase: true },
  { text: 'https://api.example.com/v1?apikey=zzz999', secret: 'zzz999', anyCase: true },
  { text: 'token is ghp_abcdefghijklmnopqrstuvwxyz0123 here', secret: 'ghp_abcdefghijklmnopqrstuvwxyz0123', anyCase: false },
  { text: 'slack xoxb-123456789012-abcdefABCDEF ok', secret: 'xoxb-123456789012', anyCase: false },
  { text: 'push https://user:pass@host/repo.git', secret: ':pass@', anyCase: true },
  { text: 'postgres://app:s3cr3t-pw@db:5432/payments', secret: 's3cr3t-pw', anyCase: true },
  { text: 'export DEPLOY_TOKEN=supersecretvalue123', secret: 'supersecretvalue123', anyCase: true },
  { text: 'STRIPE_SECRET=sk_live_51abc next', secret: 'sk_live_51abc', anyCase: true },
  { text: 'DB_PASSWORD="two words" next', secret: 'two words', anyCase: true },
  { text: 'password: hunter2', secret: 'hunter2', anyCase: true },
  { text: 'password=hunter2&user=x', secret: 'hunter2', anyCase: true },
  { text: 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIz', secret: 'c2lnbmF0dXJlMTIz', anyCase: false },
  { text: '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nafter', secret: 'MIIEow', anyCase: false },
];

describe('redactSecrets fast path', () => {
  it('redacts every secret class, in every casing, exactly as the thorough pass does', () => {
    for (const { text, secret, anyCase } of SECRETS) {
      for (const variant of anyCase ? casings(text) : [text]) {
        const fast = redactSecrets(variant);
        expect(fast, variant).toBe(redactSecretsThorough(variant));
        expect(fast.toLowerCase(), variant).not.toContain(secret.toLowerCase());
      }
      // case-sensitive classes: the other casings are not secrets to the rules, and the fast path agrees
      for (const variant of casings(text)) expect(redactSecrets(variant), variant).toBe(redactSecretsThorough(variant));
    }
  });

  it('finds a secret wherever it sits in a big chunk of plain text: first, middle, last, across lines', () => {
    const plain = 'line 0000001 ordinary deploy output, padded ............................................\n'.repeat(2_000);
    for (const { text, secret } of SECRETS) {
      for (const chunk of [`${text}\n${plain}`, `${plain}${text}\n${plain}`, `${plain}${text}`]) {
        const fast = redactSecrets(chunk);
        expect(fast).toBe(redactSecretsThorough(chunk));
        expect(fast).not.toContain(secret);
      }
    }
    // values and headers that run over a line break
    for (const text of ['DB_PASSWORD="first\nsecond" x', 'Authorization: Bearer\n   abcdefgh12345', 'api_key =\n value123', 'AWS_SECRET_ACCESS_KEY=\n"wJalrXUtnFEMI/K7MDENG"']) {
      expect(redactSecrets(text), text).toBe(redactSecretsThorough(text));
      expect(redactSecrets(text)).toContain('***');
    }
  });

  it('each trigger is part of every match of its rule (so a missing trigger means no match)', () => {
    const corpus = SECRETS.flatMap(({ text }) => casings(text));
    let checked = 0;
    for (const rule of REDACTION_RULES) {
      for (const text of corpus) {
        for (const match of text.matchAll(new RegExp(rule.re.source, rule.re.flags))) {
          expect(rule.trigger.test(match[0]), `${rule.name}: ${match[0]}`).toBe(true);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(SECRETS.length);
  });

  it('agrees with the thorough pass on thousands of generated lines, masks that hold a trigger included', () => {
    // a small seeded generator: the same cases on every run
    let seed = 0x2545f491;
    const next = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const pick = <T,>(xs: readonly T[]): T => xs[next(xs.length)] as T;
    const keys = ['token', 'TOKEN', 'Api_Key', 'apikey', 'api-key', 'access_token', 'Secret', 'PassWord', 'passwd', 'pwd', 'pass', 'DB_PASSWORD', 'x_Token', 'GH_PRIVATE_KEY', 'ACCESS_KEY', 'aws_secret_access_key', 'Bearer', 'Basic', 'bearer'];
    const seps = ['=', ': ', ' = ', '=\n', ' ', ':', '"=', '\t'];
    const values = ['abcdefgh12345678', '"quoted value"', "'single q'", 'v', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '', '***'];
    const noise = ['deploy ok', 'https://host/path', 'https://u:p@h/x', 'ftp://a:b@c', 'AKIAIOSFODNN7EXAMPLE', 'ghp_abcdefghijklmnopqrstuvwxyz012', 'xoxp-1234567890-abc', 'eyJabcdefghij.abcdefghij.abcdefghij', 'PASS tests/a.ts', 'passed', '-----BEGIN EC PRIVATE KEY-----', '-----END EC PRIVATE KEY-----', '?', '&', ';', '(', '\n', ' '];
    const masks = ['***', '[REDACTED]', 'TOKEN=x', 'token ABCDEFGHIJ', 'user:pw@', 'AKIAIOSFODNN7EXAMPLE'];
    for (let i = 0; i < 4000; i += 1) {
      const parts: string[] = [];
      const count = 1 + next(6);
      for (let p = 0; p < count; p += 1) parts.push(next(2) ? `${pick(keys)}${pick(seps)}${pick(values)}` : pick(noise), pick([' ', '\n', '', '&', '?']));
      const text = parts.join('');
      const mask = pick(masks);
      expect(redactSecrets(text, mask), JSON.stringify([text, mask])).toBe(redactSecretsThorough(text, mask));
    }
  });

  it('leaves ordinary text untouched, and returns the same string when there is nothing to do', () => {
    const text = 'PASS test/unit/a.test.ts (12 tests) 140 ms; tokens counted: 12; passed=ok? no: passed 12\n';
    expect(redactSecrets(text)).toBe(redactSecretsThorough(text));
    const plain = 'nothing here at all\n'.repeat(1000);
    expect(redactSecrets(plain)).toBe(plain);
  });
});
