import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunLock } from '../../models/run-lock.js';
import { acquireLock, isLockStale, LockHeldError, readLock, releaseLock, updateLockPid } from '../../src/runs/run-lock.js';
import { lockPath } from '../../src/runs/run-ids.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsdeck-lock-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const lock = (extra: Partial<RunLock> = {}): RunLock => ({ env: 'production', who: 'ann@box', host: hostname(), pid: process.pid, runId: 'run-a', startedAt: '2026-01-01T10:00:00.000Z', ...extra });

/** A pid that existed and is gone now. */
function deadPid(): number {
  return spawnSync('true').pid ?? 999_999;
}

describe('deploy lock', () => {
  it('is taken atomically, refused while held (exit 3, who/since/how to follow) and released by its run only', async () => {
    expect(await acquireLock(root, lock())).toEqual({});
    const error = await acquireLock(root, lock({ runId: 'run-b', who: 'bob@box' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).exitCode).toBe(3);
    expect((error as LockHeldError).message).toBe(
      `production is locked by ann@box since 2026-01-01T10:00:00.000Z (run run-a, pid ${process.pid} on ${hostname()}); follow it with: opsdeck runs follow run-a`,
    );
    expect(await releaseLock(root, 'production', 'run-b')).toBe(false);
    expect(await readLock(root, 'production')).toMatchObject({ runId: 'run-a' });
    await updateLockPid(root, 'production', 'run-a', 4242);
    expect((await readLock(root, 'production'))?.pid).toBe(4242);
    await updateLockPid(root, 'production', 'other', 1);
    expect((await readLock(root, 'production'))?.pid).toBe(4242);
    expect(await releaseLock(root, 'production', 'run-a')).toBe(true);
    expect(await readLock(root, 'production')).toBeUndefined();
  });

  it('recovers a stale lock (dead pid on this host) with a message', async () => {
    const pid = deadPid();
    await acquireLock(root, lock({ pid, runId: 'old-run' }));
    expect(isLockStale((await readLock(root, 'production'))!)).toBe(true);
    const taken = await acquireLock(root, lock({ runId: 'new-run' }));
    expect(taken.recovered).toBe(`recovered a stale production lock of run old-run (ann@box, pid ${pid} is gone since it started 2026-01-01T10:00:00.000Z)`);
    expect((await readLock(root, 'production'))?.runId).toBe('new-run');
  });

  it('never treats a lock from another host as stale', async () => {
    await acquireLock(root, lock({ host: 'other-host', pid: deadPid() }));
    await expect(acquireLock(root, lock({ runId: 'x' }))).rejects.toBeInstanceOf(LockHeldError);
  });

  it('reports a corrupt lock file by name', async () => {
    mkdirSync(join(root, '.orchestration/locks'), { recursive: true });
    writeFileSync(lockPath(root, 'production'), 'garbage');
    await expect(acquireLock(root, lock())).rejects.toThrow(`${lockPath(root, 'production')}: not a valid lock file`);
  });
});
