// Where opsdeck keeps its own files, following the XDG base directory spec.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ORCHESTRATION_DIR = '.orchestration';
export const CONFIG_FILE = 'opsdeck.yaml';

/** `$XDG_STATE_HOME/opsdeck`, default `~/.local/state/opsdeck`: demo copies, chat sessions, run logs. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'opsdeck');
}

/** `$XDG_DATA_HOME/opsdeck`, default `~/.local/share/opsdeck`: models. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'opsdeck');
}

/** Expands a leading `~/`. */
export function expandHome(path: string): string {
  return path === '~' ? homedir() : path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
}

let packageRootCache: string | undefined;

/**
 * The installed package's root (the folder with opsdeck's package.json), found by walking up
 * from this module. Works from the bundle (dist/, dist/chunks/) and from sources under vitest.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  if (packageRootCache) return packageRootCache;
  let dir = resolve(dirname(from));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'opsdeck') {
          packageRootCache = dir;
          return dir;
        }
      } catch {
        // not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the opsdeck package root');
    dir = parent;
  }
}

export function orchestrationDir(root: string): string {
  return join(root, ORCHESTRATION_DIR);
}

export function configPath(root: string): string {
  return join(root, ORCHESTRATION_DIR, CONFIG_FILE);
}
