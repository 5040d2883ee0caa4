// In-process TLS for a process whose NODE_EXTRA_CA_CERTS was deferred (ca-env.ts): on first use
// the file's certificates join Node's default trust, as Node itself would have done at start.
// Every TLS client (fetch, https, the AWS SDK) makes its context through
// tls.createSecureContext; a call without `ca` gets the default store plus the extra
// certificates, and an explicit `ca` still replaces both (NODE_EXTRA_CA_CERTS's documented
// behaviour). Await trustDeferredCas() before any in-process TLS; when nothing was deferred it
// costs nothing, not even loading node:tls. test/unit/net-ca-trust-guard.test.ts holds every TLS
// user to it.
import { readFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import type { SecureContext, SecureContextOptions } from 'node:tls';
import { deferredCaFile } from './ca-env.js';

/** The options tls.createSecureContext reads besides `ca` (Node 20's _tls_common.js). */
const CONTEXT_KEYS = [
  'cert',
  'key',
  'pfx',
  'passphrase',
  'ciphers',
  'ecdhCurve',
  'dhparam',
  'crl',
  'sigalgs',
  'honorCipherOrder',
  'secureProtocol',
  'minVersion',
  'maxVersion',
  'secureOptions',
  'sessionIdContext',
  'ticketKeys',
  'sessionTimeout',
  'privateKeyEngine',
  'privateKeyIdentifier',
  'clientCertEngine',
] as const;

type NativeContext = { addCACert(pem: string): void };

let installing: Promise<void> | undefined;

/** Makes in-process TLS trust the deferred NODE_EXTRA_CA_CERTS (once per process). */
export function trustDeferredCas(): Promise<void> {
  installing ??= install();
  return installing;
}

async function install(): Promise<void> {
  const file = deferredCaFile();
  if (file === undefined) return;
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    // Node's own words for a file it cannot load, once
    process.emitWarning(`Ignoring extra certs from \`${file}\`, load failed: ${(error as Error).message}`);
    return;
  }
  const { default: tls } = await import('node:tls');
  const original = tls.createSecureContext;
  const withExtras = (options?: SecureContextOptions): SecureContext => {
    const context = original(options);
    // the context's own copy of the default store, plus every certificate in the file
    (context.context as NativeContext).addCACert(pem);
    return context;
  };
  // contexts that differ only in options no context reads share one: the file is parsed once
  let shared: SecureContext | undefined;
  tls.createSecureContext = (options?: SecureContextOptions): SecureContext => {
    if (options?.ca !== undefined) return original(options);
    if (options && CONTEXT_KEYS.some((key) => options[key] !== undefined)) return withExtras(options);
    shared ??= withExtras();
    return shared;
  };
  syncBuiltinESMExports();
}
