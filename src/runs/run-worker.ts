// The detached runner (its own esbuild entry, dist/run-worker.js): `node run-worker.js SPEC`.
// launchRun starts it in its own session and process group with stdout/stderr on the run log,
// so SIGHUP, a closed terminal or a crashed cockpit never stop it.
import { readFileSync, writeSync } from 'node:fs';
import type { RunSpec } from '../../models/run.js';
import { RunSpecSchema } from '../../models/run.js';
import { restoreCaEnv } from '../net/ca-env.js';
import { runSpec } from './runner.js';

function fail(text: string): never {
  try {
    writeSync(1, `[opsdeck] run-worker: ${text}\n`);
  } catch {
    // no log to write to
  }
  process.exit(2);
}

async function main(): Promise<void> {
  // the steps see NODE_EXTRA_CA_CERTS as the user set it (launchRun parked it)
  restoreCaEnv();
  const specFile = process.argv[2];
  if (!specFile) fail('usage: run-worker SPEC.json');
  let spec: RunSpec;
  try {
    spec = RunSpecSchema.parse(JSON.parse(readFileSync(specFile, 'utf8')));
  } catch (error) {
    fail(`${specFile}: not a valid run spec: ${(error as Error).message.split('\n')[0]}`);
  }
  process.exit(await runSpec(spec, { signals: true }));
}

void main();
