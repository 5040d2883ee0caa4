// Classifies the journal's runs for DORA (pure): which deploys shipped, which succeeded,
// which failed (health/smoke, rolled back, incident cause) and when they were restored.
import type { RunRecord } from '../../models/run.js';
import type { IncidentRecord } from './journal.js';

export type DeployFailure = { reasons: string[]; at: number };

export type DeployView = {
  run: RunRecord;
  id: string;
  version: string | null;
  /** The commit (or version) git should resolve. */
  ref: string | null;
  /** ms: finished, else started. */
  at: number;
  /** Counts as a production deploy (something was shipped). */
  shipped: boolean;
  /** Deployed and passed its health/smoke checks (a later rollback does not undo this). */
  succeeded: boolean;
  rolledBackBy: string | null;
  failure: DeployFailure | null;
};

export type RollbackView = { run: RunRecord; id: string; startedAt: number; finishedAt: number; previousVersion: string | null };

const CHECK_STEPS = new Set(['health', 'smoke']);

const ms = (iso: string): number => Date.parse(iso);

function shippedOf(run: RunRecord): boolean {
  const deployStep = run.steps.find((s) => s.id === 'deploy');
  if (deployStep) return deployStep.finished?.ok === true;
  const result = run.finished?.result;
  if (result === 'success' || result === 'rolled_back') return true;
  return result === 'failed' && CHECK_STEPS.has(run.finished?.failedStep ?? '');
}

/** Deploys and successful rollbacks of one environment, oldest first, with failures attached. */
export function classifyRuns(runs: readonly RunRecord[], env: string, incidents: readonly IncidentRecord[]): { deploys: DeployView[]; rollbacks: RollbackView[] } {
  const ofEnv = runs.filter((r) => r.started.env === env && r.finished !== undefined);
  const rollbacks: RollbackView[] = ofEnv
    .filter((r) => r.started.kind === 'rollback' && r.finished?.result === 'success')
    .map((r) => ({ run: r, id: r.id, startedAt: ms(r.started.at), finishedAt: ms(r.finished!.at), previousVersion: r.started.previousVersion }))
    .sort((a, b) => a.finishedAt - b.finishedAt);
  const deploys: DeployView[] = ofEnv
    .filter((r) => r.started.kind === 'deploy')
    .map((run) => {
      const failedChecks = run.steps.filter((s) => CHECK_STEPS.has(s.id) && s.finished && !s.finished.ok);
      const shipped = shippedOf(run);
      const result = run.finished!.result;
      const reasons = failedChecks.map((s) => `failed ${s.id}`);
      const failAt = failedChecks.map((s) => ms(s.finished!.at));
      return {
        run,
        id: run.id,
        version: run.started.version,
        ref: run.started.commit ?? run.started.version,
        at: ms(run.finished!.at),
        shipped,
        succeeded: shipped && failedChecks.length === 0 && (result === 'success' || result === 'rolled_back'),
        rolledBackBy: run.finished!.rolledBackBy ?? null,
        failure: reasons.length > 0 ? { reasons, at: Math.min(...failAt) } : null,
      };
    })
    .filter((d) => Number.isFinite(d.at))
    .sort((a, b) => a.at - b.at);

  // A successful rollback undoes the latest shipped deploy before it (of the version it rolled back from).
  const claimed = new Set(deploys.map((d) => d.rolledBackBy).filter(Boolean));
  for (const rollback of rollbacks) {
    if (claimed.has(rollback.id)) continue;
    const target = deploys.filter((d) => d.shipped && d.at <= rollback.startedAt).pop();
    if (!target || target.rolledBackBy) continue;
    if (rollback.previousVersion && target.version && rollback.previousVersion !== target.version) continue;
    target.rolledBackBy = rollback.id;
  }
  for (const deploy of deploys) {
    if (deploy.rolledBackBy) {
      // A deploy that had to be rolled back was bad from the moment it went out.
      deploy.failure = deploy.failure
        ? { reasons: [...deploy.failure.reasons, `rolled back by ${deploy.rolledBackBy}`], at: deploy.failure.at }
        : { reasons: [`rolled back by ${deploy.rolledBackBy}`], at: deploy.at };
    }
  }
  const byId = new Map(deploys.map((d) => [d.id, d]));
  for (const incident of incidents) {
    const deploy = incident.cause ? byId.get(incident.cause) : undefined;
    if (!deploy) continue;
    const reason = `caused ${incident.id}`;
    deploy.failure = deploy.failure ? { ...deploy.failure, reasons: [...deploy.failure.reasons, reason] } : { reasons: [reason], at: ms(incident.openedAt) };
  }
  return { deploys, rollbacks };
}

/** Finish times of successful deploys and rollbacks, sorted, for restoredAt(). */
export type RestoreIndex = { at: Float64Array; by: string[] };

export function restoreIndex(deploys: readonly DeployView[], rollbacks: readonly RollbackView[]): RestoreIndex {
  const all = [...deploys.filter((d) => d.succeeded).map((d) => ({ at: d.at, by: d.id })), ...rollbacks.map((r) => ({ at: r.finishedAt, by: r.id }))].sort((a, b) => a.at - b.at);
  return { at: Float64Array.from(all.map((x) => x.at)), by: all.map((x) => x.by) };
}

/**
 * When a failed deploy was restored: its rollback's finish, else the next successful deploy
 * or rollback that finished after the failure. null: not restored yet.
 */
export function restoredAt(deploy: DeployView, index: RestoreIndex, rollbacks: readonly RollbackView[]): { at: number; by: string } | null {
  if (!deploy.failure) return null;
  const from = deploy.failure.at;
  if (deploy.rolledBackBy) {
    const own = rollbacks.find((r) => r.id === deploy.rolledBackBy);
    if (own && own.finishedAt >= from) return { at: own.finishedAt, by: own.id };
  }
  // First entry strictly after the failure (binary search).
  let lo = 0;
  let hi = index.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.at[mid]! > from) hi = mid;
    else lo = mid + 1;
  }
  for (let i = lo; i < index.at.length; i += 1) if (index.by[i] !== deploy.id) return { at: index.at[i]!, by: index.by[i]! };
  return null;
}

/** What windowRevisions() reads of a deploy (oldest first). */
export type WindowDeploy = Pick<DeployView, 'succeeded' | 'at' | 'ref'> & { run: { started: { previousVersion: string | null } } };

/** Revisions for one `git log`: tips to walk from, and `^rev`s below which it stops. */
export type Revisions = { include: string[]; exclude: string[] };

/**
 * The revisions one `git log` needs for the window's lead times: every successful deploy in
 * it (and the one before, as `^rev`, so history older than the window is never walked).
 */
export function windowRevisions(deploys: readonly WindowDeploy[], start: number, end: number): Revisions {
  const ok = deploys.filter((d) => d.succeeded && d.at <= end);
  const firstIn = ok.findIndex((d) => d.at > start);
  if (firstIn < 0) return { include: [], exclude: [] };
  const before = ok[firstIn - 1];
  const include = new Set<string>();
  for (const d of ok.slice(firstIn)) if (d.ref) include.add(d.ref);
  const prevOfFirst = before?.ref ?? ok[firstIn]!.run.started.previousVersion;
  return { include: [...include], exclude: prevOfFirst ? [prevOfFirst] : [] };
}
