// After a launch was refused because another run holds the environment's lock: the wizard's
// `locked` step, and how a retry re-resolves what the user chose against what is true now (the
// other run may have deployed a version, created the tag, or moved the rollback target). Pure:
// the flow (src/deploy/wizard-flow.ts) re-reads the journal and git and re-runs the checks.
import type { RunLock } from '../../models/run-lock.js';
import { RunLockSchema } from '../../models/run-lock.js';
import type { EnvStatus } from './deployed.js';
import type { RollbackOption, VersionOption, Wizard, WizardLock } from './wizard.js';
import { rollbackOptions } from './wizard.js';

/** The lock a LockHeldError carries (checked by shape: the class may come from another chunk), else null. */
export function lockOfError(error: unknown): WizardLock | null {
  if (!(error instanceof Error) || error.name !== 'LockHeldError') return null;
  const parsed = RunLockSchema.safeParse((error as Error & { lock?: unknown }).lock);
  return parsed.success ? toWizardLock(parsed.data) : null;
}

export function toWizardLock(lock: RunLock): WizardLock {
  return { runId: lock.runId, who: lock.who, host: lock.host, pid: lock.pid, since: lock.startedAt };
}

/** The wizard after a refusal: no confirmation stays open; the plan is kept to compare a retry against. */
export function refused(w: Wizard, lock: WizardLock): Wizard {
  return { ...w, step: 'locked', lock, refusals: w.refusals + 1, confirm: null, loading: false, cursor: 0 };
}

/** What the version deployed on `env` now says about the plan made before the refusal. */
export function deployedNotice(env: string, before: string | null, now: string | null): string | null {
  if (before === now) return null;
  return `${env} now runs ${now ?? 'no recorded version'} (was ${before ?? 'unknown'})`;
}

/**
 * The deploy choice against the tags there are now: a new tag someone else created meanwhile is
 * deployed as the existing tag (not tagged again); an existing tag that is gone cannot be deployed.
 */
export function reresolveVersion(choice: VersionOption, versions: readonly string[]): { choice: VersionOption | null; notice: string | null } {
  const exists = versions.includes(choice.version);
  if (choice.createTag && exists) return { choice: { label: choice.version, version: choice.version, createTag: false }, notice: `tag ${choice.version} now exists: not tagging` };
  if (!choice.createTag && !exists) return { choice: null, notice: `tag ${choice.version} is gone: pick a version again` };
  return { choice, notice: null };
}

/** The rollback choice against the journal now: `immediate` follows the new previous version. */
export function reresolveRollback(option: RollbackOption, status: EnvStatus | undefined, history: readonly string[]): { option: RollbackOption; notice: string | null } {
  if (option.target?.kind !== 'immediate') return { option, notice: null };
  const next = rollbackOptions(status, history)[0] ?? option;
  if (next.version === option.version) return { option: next, notice: null };
  return { option: next, notice: `immediate now rolls back to ${next.version ?? 'what the script decides'} (was ${option.version ?? 'unknown'})` };
}

/** `env already runs VERSION`, when the chosen version is the one deployed now. */
export function alreadyRunsNotice(env: string, target: string | null, current: string | null): string | null {
  return target !== null && target === current ? `${env} already runs ${target}` : null;
}

export function joinNotices(...notices: Array<string | null>): string | null {
  const kept = notices.filter((n): n is string => n !== null && n !== '');
  return kept.length > 0 ? kept.join(' · ') : null;
}
