import { describe, expect, it } from 'vitest';
import { redactSecrets, REDACTION_MASK } from '../../src/sanitize/redact-secrets.js';

describe('redactSecrets: one test per secret class', () => {
  it('AWS access key ids (AKIA…, ASIA…)', () => {
    expect(redactSecrets('key AKIAIOSFODNN7EXAMPLE used')).toBe('key *** used');
    expect(redactSecrets('session ASIAY34FZKBOKMUTVV7A')).toBe('session ***');
  });

  it('AWS secret access keys in env, ini and JSON form', () => {
    expect(redactSecrets('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('aws_secret_access_key = ***');
    expect(redactSecrets('AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY x')).toBe('AWS_SECRET_ACCESS_KEY=*** x');
    expect(redactSecrets('{"aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}')).not.toContain('wJalr');
  });

  it('Authorization: Bearer / Basic / token headers', () => {
    expect(redactSecrets('Authorization: Bearer abc.def-123456789')).toBe('Authorization: Bearer ***');
    expect(redactSecrets('curl -H "Authorization: token 0123456789abcdef"')).toBe('curl -H "Authorization: token ***"');
    expect(redactSecrets('Authorization: Basic dXNlcjpwYXNzd29yZA==')).toBe('Authorization: Basic ***');
  });

  it('token= and api_key= parameters', () => {
    expect(redactSecrets('GET /hook?token=abc123def&x=1')).toBe('GET /hook?token=***&x=1');
    expect(redactSecrets('call --api_key=sk-12345 --v')).toBe('call --api_key=*** --v');
    expect(redactSecrets('https://api.example.com/v1?apikey=zzz999')).toBe('https://api.example.com/v1?apikey=***');
  });

  it('GitHub tokens (ghp_…, github_pat_…)', () => {
    expect(redactSecrets('token is ghp_abcdefghijklmnopqrstuvwxyz0123 here')).not.toContain('ghp_');
    expect(redactSecrets('using github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz')).toBe('using ***');
  });

  it('Slack tokens (xox…)', () => {
    expect(redactSecrets('slack xoxb-123456789012-abcdefABCDEF ok')).toBe('slack *** ok');
  });

  it('passwords in URLs keep the user', () => {
    expect(redactSecrets('push https://user:pass@host/repo.git')).toBe('push https://user:***@host/repo.git');
    expect(redactSecrets('postgres://app:s3cr3t-pw@db:5432/payments')).toBe('postgres://app:***@db:5432/payments');
  });

  it('*_TOKEN=, *_SECRET=, *_PASSWORD= assignments keep the name', () => {
    expect(redactSecrets('export DEPLOY_TOKEN=supersecretvalue123')).toBe('export DEPLOY_TOKEN=***');
    expect(redactSecrets('STRIPE_SECRET=sk_live_51abc next')).toBe('STRIPE_SECRET=*** next');
    expect(redactSecrets('DB_PASSWORD="two words" next')).toBe('DB_PASSWORD=*** next');
    expect(redactSecrets('password: hunter2')).toBe('password: ***');
  });

  it('PEM private keys, whole block', () => {
    const out = redactSecrets('-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nafter');
    expect(out).toBe('*** private key\nafter');
  });

  it('leaves ordinary log lines alone and takes another mask', () => {
    const text = 'deploy v1.4.2 to staging: health 200 OK in 120 ms; token bucket refilled; password policy unchanged';
    expect(redactSecrets(text)).toBe(text);
    expect(redactSecrets('X_TOKEN=abc', '[REDACTED]')).toBe('X_TOKEN=[REDACTED]');
    expect(REDACTION_MASK).toBe('***');
  });
});
