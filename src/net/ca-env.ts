// NODE_EXTRA_CA_CERTS, deferred. Node 20 reads that file and builds its whole root store (about
// 140 bundled roots) at every start, before any JavaScript runs (nodejs/node#40524): 37 ms on
// a 2-core ops box and 67-72 ms on a 16-core one, where `node -e 0` itself takes 23-33 ms.
// Almost no opsdeck command opens a TLS connection in-process, so `bin/opsdeck` (sh) moves the
// variable aside before it starts Node. Here it is put back: child processes (restic, deploy
// scripts, the run worker) see the environment exactly as the user set it, and the few
// in-process TLS clients load the certificates on first use (ca-trust.ts).

/** Where `bin/opsdeck` parks NODE_EXTRA_CA_CERTS. */
export const DEFERRED_CA_VAR = 'OPSDECK_NODE_EXTRA_CA_CERTS';

let deferred: string | undefined;

/**
 * Puts NODE_EXTRA_CA_CERTS back into `env` (once, at startup) and remembers that this process
 * started without it. A NODE_EXTRA_CA_CERTS already set wins: Node loaded that one itself.
 */
export function restoreCaEnv(env: NodeJS.ProcessEnv = process.env): void {
  const file = env[DEFERRED_CA_VAR];
  if (file === undefined) return;
  delete env[DEFERRED_CA_VAR];
  if (file === '' || env.NODE_EXTRA_CA_CERTS) return;
  env.NODE_EXTRA_CA_CERTS = file;
  deferred = file;
}

/**
 * The environment for a Node child of our own (the run worker, the model workers): its
 * NODE_EXTRA_CA_CERTS parked as bin/opsdeck parks it, so that the child does not parse the
 * file at its start either. A worker that starts other programs calls restoreCaEnv() first.
 */
export function parkedCaEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const parked = { ...env };
  const file = parked.NODE_EXTRA_CA_CERTS;
  if (!file) return parked;
  delete parked.NODE_EXTRA_CA_CERTS;
  parked[DEFERRED_CA_VAR] = file;
  return parked;
}

/** The NODE_EXTRA_CA_CERTS file Node did not load at start (bin/opsdeck deferred it); undefined when none was. */
export function deferredCaFile(): string | undefined {
  return deferred;
}
