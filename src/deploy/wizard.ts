// The deploy/rollback wizard's state and its pure transitions: env -> version (or rollback
// target) -> checklist -> confirmation -> run. The store's handlers do the I/O around it.
import type { RunSpec } from '../../models/run.js';
import type { CheckState, ManualItem } from './checklist.js';
import type { ConfirmState } from './confirm.js';
import type { EnvStatus } from './deployed.js';
import type { RollbackTarget } from './plan.js';
import type { ConventionalCommit } from './versions.js';

export type WizardStep = 'env' | 'version' | 'checklist' | 'plan' | 'confirm' | 'locked' | 'running';

/** Who holds the environment's lock, as the refused launch (or the pre-check) found it. */
export type WizardLock = { runId: string; who: string; host: string; pid: number; since: string };

export type VersionOption = { label: string; version: string; createTag: boolean };
export type RollbackOption = { label: string; target: RollbackTarget | null; version: string | null };

export type Wizard = {
  kind: 'deploy' | 'rollback';
  /** `p`: stop at the plan, run nothing. */
  planOnly: boolean;
  step: WizardStep;
  cursor: number;
  env: string | null;
  production: boolean;
  loading: boolean;
  versions: VersionOption[];
  rollbacks: RollbackOption[];
  choice: VersionOption | null;
  rollback: RollbackOption | null;
  commits: ConventionalCommit[];
  previousTag: string | null;
  checks: CheckState[];
  manual: ManualItem[];
  overrideReason: string | null;
  releaseNotes: string[];
  notesPath: string | null;
  push: boolean;
  remote: string | null;
  spec: RunSpec | null;
  planLines: string[];
  confirm: ConfirmState | null;
  runId: string | null;
  error: string | null;
  /** Step `locked`: the lock that refused this run, and how many times it did. */
  lock: WizardLock | null;
  refusals: number;
  /** What changed since the refusal (re-read plan), shown above the checklist and confirmation. */
  notice: string | null;
};

export function newWizard(kind: Wizard['kind'], planOnly = false): Wizard {
  return {
    kind, planOnly, step: 'env', cursor: 0, env: null, production: false, loading: false, versions: [], rollbacks: [], choice: null, rollback: null,
    commits: [], previousTag: null, checks: [], manual: [], overrideReason: null, releaseNotes: [], notesPath: null, push: false, remote: null,
    spec: null, planLines: [], confirm: null, runId: null, error: null, lock: null, refusals: 0, notice: null,
  };
}

/** Existing tags newest first, after the suggested new tag (when HEAD has commits past the last tag). */
export function versionOptions(versions: readonly string[], suggested: string, commitsSinceLast: number): VersionOption[] {
  const options: VersionOption[] = [];
  if (commitsSinceLast > 0 || versions.length === 0) options.push({ label: `${suggested}  new tag from HEAD (${commitsSinceLast} commit${commitsSinceLast === 1 ? '' : 's'} since ${versions[0] ?? 'the start'})`, version: suggested, createTag: true });
  for (const v of versions) options.push({ label: v, version: v, createTag: false });
  return options;
}

/** Immediate (to the previous version), each version once deployed there, a database rollback. */
export function rollbackOptions(status: EnvStatus | undefined, history: readonly string[]): RollbackOption[] {
  const current = status?.current?.version ?? null;
  const options: RollbackOption[] = [
    { label: `immediate  ./scripts/rollback.sh immediate${status?.previous ? ` (to ${status.previous})` : ''}`, target: { kind: 'immediate' }, version: status?.previous ?? null },
  ];
  for (const v of history) if (v !== current) options.push({ label: `to ${v}`, target: { kind: 'version', version: v }, version: v });
  options.push({ label: 'database migration…  ./scripts/db-rollback.sh MIGRATION', target: null, version: null });
  return options;
}

/** How many rows the current step's list has (for cursor moves). */
export function stepLength(w: Wizard, envCount: number): number {
  switch (w.step) {
    case 'env':
      return envCount;
    case 'version':
      return w.kind === 'deploy' ? w.versions.length : w.rollbacks.length;
    case 'checklist':
      return w.manual.length;
    default:
      return 0;
  }
}

export function moveCursor(w: Wizard, step: number, envCount: number): Wizard {
  const count = stepLength(w, envCount);
  if (count === 0) return w;
  return { ...w, cursor: Math.min(count - 1, Math.max(0, w.cursor + step)) };
}

export function toggleManual(w: Wizard, all = false): Wizard {
  if (w.step !== 'checklist') return w;
  const everyTicked = w.manual.every((m) => m.ticked);
  return { ...w, manual: w.manual.map((m, i) => (all ? { ...m, ticked: !everyTicked } : i === w.cursor ? { ...m, ticked: !m.ticked } : m)) };
}
