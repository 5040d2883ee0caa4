// Runs once before the suite: makes sure the real tools the tests drive are there (or fails
// with the exact install command), and that the bundle the CLI and e2e tests spawn is built.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOOLS: Record<string, string> = { git: 'git', tmux: 'tmux', script: 'bsdutils' };

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
  const missing = Object.entries(TOOLS).filter(([tool]) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(' ');
    throw new Error(`the tests need ${missing.map(([t]) => t).join(', ')}: apt-get install -y --no-install-recommends ${packages}`);
  }
  const bundle = join(ROOT, 'dist', 'opsdeck.js');
  const sources = Math.max(...['bin', 'commands', 'components', 'src', 'models'].map((d) => newestMtime(join(ROOT, d))));
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources) {
    execFileSync('node', [join(ROOT, 'esbuild.config.mjs')], { stdio: 'inherit' });
  }
}
