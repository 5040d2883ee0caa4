// src/net/ca-trust.ts in-process against an HTTPS server with a private CA: nothing trusted
// before, trusted after (https and fetch), an explicit `ca` still replaces the default trust,
// context options that matter get their own context, and the rest share one.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, get, type Server } from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { selfSignedCert } from '../helpers/backup-services.js';

const ORIGINAL = tls.createSecureContext;
let dir: string;
let server: Server;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-ca-trust-'));
  const cert = await selfSignedCert(dir);
  server = createServer({ key: cert.key, cert: cert.cert }, (_, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  vi.resetModules();
  const { restoreCaEnv } = await import('../../src/net/ca-env.js');
  restoreCaEnv({ OPSDECK_NODE_EXTRA_CA_CERTS: cert.certPath });
}, 30_000);

afterAll(async () => {
  tls.createSecureContext = ORIGINAL;
  syncBuiltinESMExports();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The status code, or the error code when the handshake fails. */
const httpsGet = (options: Record<string, unknown> = {}) =>
  new Promise<string>((resolve) => {
    get(url, { agent: false, ...options }, (response) => {
      response.resume();
      resolve(String(response.statusCode));
    }).on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

describe('trustDeferredCas', () => {
  it('adds the deferred file to the default trust of https and fetch', async () => {
    expect(await httpsGet()).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    const { trustDeferredCas } = await import('../../src/net/ca-trust.js');
    await Promise.all([trustDeferredCas(), trustDeferredCas()]);
    expect(await httpsGet()).toBe('200');
    expect(await (await fetch(url)).text()).toBe('ok');
  });

  it('leaves an explicit ca alone: it replaces the default trust, extra certificates included', async () => {
    expect(await httpsGet({ ca: tls.rootCertificates })).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
  });

  it('shares one context among calls that differ only in options no context reads, and makes its own otherwise', () => {
    const shared = tls.createSecureContext({ servername: 'a' } as tls.SecureContextOptions);
    expect(tls.createSecureContext()).toBe(shared);
    const own = tls.createSecureContext({ minVersion: 'TLSv1.3' });
    expect(own).not.toBe(shared);
    expect(tls.createSecureContext({ minVersion: 'TLSv1.3' })).not.toBe(own);
  });

  it('trusts the file in a context with options of its own too', async () => {
    expect(await httpsGet({ minVersion: 'TLSv1.2' })).toBe('200');
  });
});
