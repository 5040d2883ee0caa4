// `opsdeck init`: the SOP layout (§5.1) in a folder. Every file is created exclusively
// (O_EXCL), so an existing file is never overwritten, even by a race.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commentedDefaultsText } from '../config/default-config-text.js';
import { EXIT_FAILURE, UserError } from '../errors.js';
import { CONFIG_FILE, ORCHESTRATION_DIR } from '../paths.js';

export type ScaffoldResult = { path: string; status: 'created' | 'kept' };

export const SAMPLE_CURRENT_TODO = `Release v1.0.0:
  ☐ Run the pre-deployment checks @high
  ☐ Prepare the release notes @today
`;

export const SAMPLE_BACKLOG_TODO = `Backlog:
  ☐ Document the rollback plan in docs/runbooks @low
`;

/**
 * What opsdeck writes while it runs, kept out of git: raw run logs (0600), locks, caches. The
 * journals (deploys, backups, incidents .jsonl) and release notes are the team's record and stay.
 */
export const ORCHESTRATION_GITIGNORE = `# written by opsdeck while it runs
runs/
locks/
.cache/
models/
.tasks.lock
`;

/** The files init creates, relative to the root, with their content. */
export function scaffoldFiles(): { path: string; content: string }[] {
  return [
    { path: `${ORCHESTRATION_DIR}/current.todo`, content: SAMPLE_CURRENT_TODO },
    { path: `${ORCHESTRATION_DIR}/backlog.todo`, content: SAMPLE_BACKLOG_TODO },
    { path: `${ORCHESTRATION_DIR}/${CONFIG_FILE}`, content: commentedDefaultsText() },
    { path: `${ORCHESTRATION_DIR}/.gitignore`, content: ORCHESTRATION_GITIGNORE },
  ];
}

function failure(path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new UserError(`cannot create ${path}: ${code}`, EXIT_FAILURE);
}

/** Creates the missing files under `root`; reports each file as created or kept. */
export async function scaffoldRepo(root: string): Promise<ScaffoldResult[]> {
  try {
    await mkdir(join(root, ORCHESTRATION_DIR), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new UserError(`${ORCHESTRATION_DIR} exists and is not a folder`);
    throw failure(`${ORCHESTRATION_DIR}/`, error);
  }
  const results: ScaffoldResult[] = [];
  for (const file of scaffoldFiles()) {
    try {
      await writeFile(join(root, file.path), file.content, { flag: 'wx', mode: 0o644 });
      results.push({ path: file.path, status: 'created' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw failure(file.path, error);
      results.push({ path: file.path, status: 'kept' });
    }
  }
  return results;
}
