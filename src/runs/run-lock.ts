// The per-environment deploy lock: `.orchestration/locks/ENV.lock`, created with O_EXCL ('wx').
// A lock whose pid is dead on this host is stale and is recovered (with a message).
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type { RunLock } from '../../models/run-lock.js';
import { RunLockSchema } from '../../models/run-lock.js';
import { UserError } from '../errors.js';
import { isPidAlive } from './proc-group.js';
import { lockPath } from './run-ids.js';

export const EXIT_LOCK_HELD = 3;

/** A second run for an environment whose lock is held (exit code 3). */
export class LockHeldError extends UserError {
  readonly lock: RunLock;
  constructor(lock: RunLock) {
    super(
      `${lock.env} is locked by ${lock.who} since ${lock.startedAt} (run ${lock.runId}, pid ${lock.pid} on ${lock.host}); follow it with: opsdeck runs follow ${lock.runId}`,
      EXIT_LOCK_HELD,
    );
    this.name = 'LockHeldError';
    this.lock = lock;
  }
}

/** Reads a lock; undefined when there is none. An unreadable lock file is reported as a UserError. */
export async function readLock(root: string, env: string): Promise<RunLock | undefined> {
  const file = lockPath(root, env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return RunLockSchema.parse(JSON.parse(text));
  } catch {
    throw new UserError(`${file}: not a valid lock file; if no run is going on for ${env}, remove it`);
  }
}

/** A lock is stale when it was taken on this host by a pid that is gone. */
export function isLockStale(lock: RunLock): boolean {
  return lock.host === hostname() && !isPidAlive(lock.pid);
}

function staleMessage(lock: RunLock): string {
  return `recovered a stale ${lock.env} lock of run ${lock.runId} (${lock.who}, pid ${lock.pid} is gone since it started ${lock.startedAt})`;
}

/**
 * Takes the lock for `lock.env` atomically. Throws LockHeldError when a live run holds it; a
 * stale lock is moved aside and retaken, and the message saying so is returned.
 */
export async function acquireLock(root: string, lock: RunLock): Promise<{ recovered?: string }> {
  const file = lockPath(root, lock.env);
  await mkdir(dirname(file), { recursive: true });
  let recovered: string | undefined;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      await writeFile(file, `${JSON.stringify(lock)}\n`, { flag: 'wx', mode: 0o644 });
      return recovered ? { recovered } : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await readLock(root, lock.env);
    if (!held) continue; // released meanwhile: try again
    if (!isLockStale(held)) throw new LockHeldError(held);
    // Move the stale lock aside; only one recoverer wins the rename. If what we moved is not the
    // stale lock we read (someone retook it meanwhile), put it back and look again.
    const aside = `${file}.stale-${process.pid}-${attempt}`;
    try {
      await rename(file, aside);
    } catch {
      continue;
    }
    const moved = await readFile(aside, 'utf8').catch(() => '');
    if (!moved.includes(`"runId":${JSON.stringify(held.runId)}`)) {
      await rename(aside, file).catch(() => undefined);
      continue;
    }
    await unlink(aside).catch(() => undefined);
    recovered = staleMessage(held);
  }
  throw new UserError(`${file}: could not take the lock (it keeps changing); try again`);
}

/** Rewrites the lock with the runner's pid, only while it is still this run's lock. */
export async function updateLockPid(root: string, env: string, runId: string, pid: number): Promise<void> {
  const held = await readLock(root, env).catch(() => undefined);
  if (!held || held.runId !== runId) return;
  const file = lockPath(root, env);
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify({ ...held, pid })}\n`, { mode: 0o644 });
  await rename(tmp, file);
}

/** Removes the lock if it belongs to `runId`; returns whether it did. */
export async function releaseLock(root: string, env: string, runId: string): Promise<boolean> {
  const held = await readLock(root, env).catch(() => undefined);
  if (!held || held.runId !== runId) return false;
  await unlink(lockPath(root, env)).catch(() => undefined);
  return true;
}
