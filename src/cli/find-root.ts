// Finds the repo root: the nearest folder, from cwd upwards, that holds `.orchestration/`
// (the way git finds `.git`). `--root DIR` overrides the search.
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ORCHESTRATION_DIR } from '../paths.js';
import { UserError } from '../errors.js';
import { sanitizeLine } from '../sanitize/sanitize.js';

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `OPSDECK_CEILING_DIRECTORIES`: colon-separated absolute folders the search never walks up
 * into (like GIT_CEILING_DIRECTORIES), e.g. to keep a stray `/.orchestration` out of reach.
 */
export function ceilingDirectories(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.OPSDECK_CEILING_DIRECTORIES ?? '')
    .split(':')
    .filter((dir) => isAbsolute(dir))
    .map((dir) => resolve(dir));
}

/**
 * The nearest folder at or above `cwd` that holds `.orchestration/`, or undefined. The walk
 * stops before entering a ceiling folder (cwd itself is always checked).
 */
export async function searchRepoRoot(cwd: string, ceilings: readonly string[] = ceilingDirectories()): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    if (await isDirectory(join(dir, ORCHESTRATION_DIR))) return dir;
    const parent = dirname(dir);
    if (parent === dir || ceilings.includes(parent)) return undefined;
    dir = parent;
  }
}

/** Checks an explicit `--root DIR` (relative to cwd): it must be a folder. Returns it absolute. */
export async function resolveExplicitRoot(cwd: string, explicit: string): Promise<string> {
  const dir = resolve(cwd, explicit);
  if (!(await isDirectory(dir))) {
    throw new UserError(`--root ${sanitizeLine(explicit)}: no such folder`);
  }
  return dir;
}

/**
 * The repo root: `explicit` (which must exist and hold `.orchestration/`), else the walk-up
 * search from `cwd`. Throws UserError (exit 2) with one line when there is none.
 */
export async function findRepoRoot(cwd: string, explicit?: string): Promise<string> {
  if (explicit !== undefined) {
    const dir = await resolveExplicitRoot(cwd, explicit);
    if (!(await isDirectory(join(dir, ORCHESTRATION_DIR)))) {
      throw new UserError(
        `--root ${sanitizeLine(explicit)}: no ${ORCHESTRATION_DIR}/ there; run \`opsdeck init --root ${sanitizeLine(explicit)}\` to create one`,
      );
    }
    return dir;
  }
  const found = await searchRepoRoot(cwd);
  if (found === undefined) {
    throw new UserError(
      `no ${ORCHESTRATION_DIR}/ found in ${sanitizeLine(resolve(cwd))} or any parent; run \`opsdeck init\` to create one, or \`opsdeck --demo\` to try the demo`,
    );
  }
  return found;
}
