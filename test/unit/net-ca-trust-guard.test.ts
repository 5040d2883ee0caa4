// Every module that opens TLS in-process awaits trustDeferredCas() (src/net/ca-trust.ts):
// one that does not would not trust a private CA given through NODE_EXTRA_CA_CERTS.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
/** What opens TLS in-process: fetch, node:https, node:tls, node:http2, the AWS SDK. */
const TLS_USE = /(?<![\w.])fetch\(|from 'node:(https|tls|http2)'|import\('node:(https|tls|http2)'\)|@aws-sdk\//;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('in-process TLS', () => {
  const files = ['bin', 'commands', 'components', 'src'].flatMap((dir) => sources(join(ROOT, dir)));
  const users = files.filter((file) => !file.endsWith(join('src', 'net', 'ca-trust.ts')) && TLS_USE.test(readFileSync(file, 'utf8')));

  it('is found where it is known to be (the guard can see it)', () => {
    expect(users.map((file) => relative(ROOT, file)).sort()).toEqual(expect.arrayContaining(['src/backup/sources/s3.ts', 'src/kpi/metrics.ts', 'src/runs/run-steps.ts']));
  });

  it.each(users.map((file) => [relative(ROOT, file)]))('%s awaits trustDeferredCas()', (file) => {
    expect(readFileSync(join(ROOT, file), 'utf8')).toMatch(/await trustDeferredCas\(\)/);
  });
});
