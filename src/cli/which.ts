// A real PATH lookup (what `command -v` does for external commands): the first PATH entry
// that holds an executable regular file of that name.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, resolve } from 'node:path';

/** True when `path` is a regular file this process may execute. */
export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path `command` runs, or undefined. A name with a `/` is checked as a path
 * (relative to `cwd`); otherwise each PATH entry is tried in order (an empty entry is `cwd`).
 */
export async function which(command: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<string | undefined> {
  if (command === '') return undefined;
  if (command.includes('/')) {
    const path = isAbsolute(command) ? command : resolve(cwd, command);
    return (await isExecutableFile(path)) ? path : undefined;
  }
  for (const entry of (env.PATH ?? '').split(delimiter)) {
    const candidate = resolve(cwd, entry === '' ? '.' : entry, command);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** The first word of a shell command line (`./scripts/deploy.sh {env}` -> `./scripts/deploy.sh`), unquoted. */
export function commandWord(commandLine: string): string {
  const match = /^\s*(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(commandLine);
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : '';
}

