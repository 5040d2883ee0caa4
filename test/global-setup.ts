// Runs once before the suite: makes sure the real tools the tests drive are there (installing
// them, or failing with the exact install command), and that the bundle the CLI and e2e tests spawn is built.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePackages, PACKAGES } from './helpers/packages.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  // Every Debian package the suite drives, installed here once and in one apt run: test files
  // run in parallel workers, and two apt-get runs at once would fight over dpkg's lock.
  ensurePackages(Object.values(PACKAGES));
  const bundle = join(ROOT, 'dist', 'opsdeck.js');
  const sources = Math.max(...['bin', 'commands', 'components', 'src', 'models'].map((d) => newestMtime(join(ROOT, d))));
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources) {
    execFileSync('node', [join(ROOT, 'esbuild.config.mjs')], { stdio: 'inherit' });
  }
}
