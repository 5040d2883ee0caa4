// GET /health: what the deploy script and the SOP's `curl .../health` check.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

export async function health() {
  return { status: 200, body: { status: 'ok', version: `v${pkg.version}` } };
}
