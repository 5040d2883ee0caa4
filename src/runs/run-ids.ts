// Run ids and where a run's files live under `.orchestration/runs/`.
import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { RunKind } from '../../models/run.js';

export const DEPLOYS_JOURNAL = '.orchestration/deploys.jsonl';
export const BACKUPS_JOURNAL = '.orchestration/backups.jsonl';
export const RUNS_DIR = '.orchestration/runs';
export const LOCKS_DIR = '.orchestration/locks';
export const COMMAND_LOG = '.orchestration/runs/commands.jsonl';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYYMMDD-HHMMSS-<kind>-<4 hex>` (UTC): unique and sortable. */
export function newRunId(kind: RunKind, now: Date = new Date()): string {
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `${date}-${time}-${kind}-${randomBytes(2).toString('hex')}`;
}

/** The raw log of a run, relative to the repo root (as the journal records it). */
export function runLogRelPath(runId: string): string {
  return `${RUNS_DIR}/${runId}.log`;
}

export function runLogPath(root: string, runId: string): string {
  return join(root, runLogRelPath(runId));
}

/** The spec the runner executes (written by the launcher, mode 0600). */
export function runSpecPath(root: string, runId: string): string {
  return join(root, RUNS_DIR, `${runId}.spec.json`);
}

export function lockPath(root: string, env: string): string {
  return join(root, LOCKS_DIR, `${env}.lock`);
}

/** `user@host` of this process. */
export function whoAmI(): string {
  let user = process.env.USER ?? process.env.LOGNAME ?? '';
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return `${user}@${hostname()}`;
}
