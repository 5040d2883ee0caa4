// The pure side of a lock refusal: the lock read off a real LockHeldError, the `locked` step,
// and how a retry re-resolves the deploy version and the rollback target.
import { describe, expect, it } from 'vitest';
import { alreadyRunsNotice, deployedNotice, joinNotices, lockOfError, refused, reresolveRollback, reresolveVersion, toWizardLock } from '../../src/deploy/lock-refusal.js';
import { newWizard } from '../../src/deploy/wizard.js';
import { clockOf } from '../../src/deploy/deployed.js';
import type { EnvStatus } from '../../src/deploy/deployed.js';
import { openConfirm } from '../../src/deploy/confirm.js';
import { LockHeldError } from '../../src/runs/run-lock.js';
import { UserError } from '../../src/errors.js';

const LOCK = { env: 'staging', who: 'ana@box', host: 'box', pid: 42, runId: '20261126-035517-deploy-abcd', startedAt: '2026-11-26T03:55:17.923Z' };

function status(current: string | null, previous: string | null): EnvStatus {
  return { env: 'staging', production: false, current: current ? { version: current, at: '', who: '', runId: '', kind: 'deploy' } : null, previous, live: null, history: [] };
}

describe('lock refusal', () => {
  it('reads the lock off a LockHeldError only', () => {
    expect(lockOfError(new LockHeldError(LOCK))).toEqual({ runId: LOCK.runId, who: 'ana@box', host: 'box', pid: 42, since: LOCK.startedAt });
    expect(lockOfError(new UserError('staging is locked'))).toBeNull();
    expect(lockOfError('LockHeldError')).toBeNull();
    const forged = Object.assign(new Error('x'), { name: 'LockHeldError', lock: { runId: 7 } });
    expect(lockOfError(forged)).toBeNull();
  });

  it('the locked step closes the confirmation and counts the refusals', () => {
    const w = { ...newWizard('deploy'), step: 'confirm' as const, confirm: openConfirm('staging', false, 0), loading: true };
    const once = refused(w, toWizardLock(LOCK));
    expect(once).toMatchObject({ step: 'locked', confirm: null, refusals: 1, loading: false, lock: { runId: LOCK.runId } });
    expect(refused(once, toWizardLock(LOCK)).refusals).toBe(2);
  });

  it('formats the time and the notices', () => {
    expect(clockOf(LOCK.startedAt)).toBe('03:55:17 UTC');
    expect(clockOf('yesterday')).toBe('yesterday');
    expect(deployedNotice('staging', 'v1.0.0', 'v1.0.0')).toBeNull();
    expect(deployedNotice('staging', null, 'v1.1.0')).toBe('staging now runs v1.1.0 (was unknown)');
    expect(deployedNotice('staging', 'v1.1.0', null)).toBe('staging now runs no recorded version (was v1.1.0)');
    expect(alreadyRunsNotice('staging', 'v1.1.0', 'v1.1.0')).toBe('staging already runs v1.1.0');
    expect(alreadyRunsNotice('staging', null, null)).toBeNull();
    expect(alreadyRunsNotice('staging', 'v1.2.0', 'v1.1.0')).toBeNull();
    expect(joinNotices(null, 'a', '', 'b')).toBe('a · b');
    expect(joinNotices(null)).toBeNull();
  });

  it('re-resolves the deploy version against the tags there are now', () => {
    const fresh = { label: 'v1.3.0  new tag', version: 'v1.3.0', createTag: true };
    expect(reresolveVersion(fresh, ['v1.2.0'])).toEqual({ choice: fresh, notice: null });
    expect(reresolveVersion(fresh, ['v1.3.0', 'v1.2.0'])).toEqual({ choice: { label: 'v1.3.0', version: 'v1.3.0', createTag: false }, notice: 'tag v1.3.0 now exists: not tagging' });
    const existing = { label: 'v1.2.0', version: 'v1.2.0', createTag: false };
    expect(reresolveVersion(existing, ['v1.2.0'])).toEqual({ choice: existing, notice: null });
    expect(reresolveVersion(existing, ['v1.1.0'])).toEqual({ choice: null, notice: 'tag v1.2.0 is gone: pick a version again' });
  });

  it('re-resolves an immediate rollback to the previous version there is now; fixed targets stay', () => {
    const immediate = { label: 'immediate', target: { kind: 'immediate' as const }, version: 'v1.0.0' };
    expect(reresolveRollback(immediate, status('v1.2.0', 'v1.1.0'), ['v1.2.0', 'v1.1.0', 'v1.0.0'])).toMatchObject({
      option: { target: { kind: 'immediate' }, version: 'v1.1.0' },
      notice: 'immediate now rolls back to v1.1.0 (was v1.0.0)',
    });
    expect(reresolveRollback(immediate, status('v1.1.0', 'v1.0.0'), ['v1.1.0', 'v1.0.0']).notice).toBeNull();
    expect(reresolveRollback(immediate, undefined, []).notice).toBe('immediate now rolls back to what the script decides (was v1.0.0)');
    const toVersion = { label: 'to v1.0.0', target: { kind: 'version' as const, version: 'v1.0.0' }, version: 'v1.0.0' };
    expect(reresolveRollback(toVersion, status('v1.2.0', 'v1.1.0'), [])).toEqual({ option: toVersion, notice: null });
    const db = { label: 'database 002', target: { kind: 'db' as const, migration: '002' }, version: null };
    expect(reresolveRollback(db, undefined, [])).toEqual({ option: db, notice: null });
  });
});
