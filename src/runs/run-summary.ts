// One flat row per run for lists and --json: what `opsdeck runs` and `opsdeck deploys` print.
import type { RunKind, RunRecord, RunResult } from '../../models/run.js';
import { isRunLive } from './read-runs.js';

export type RunSummary = {
  id: string;
  kind: RunKind;
  env: string | null;
  version: string | null;
  previousVersion: string | null;
  commit: string | null;
  /** The result, `running` while the runner is alive, `unknown` when it died unrecorded (until reconciled). */
  result: RunResult | 'running' | 'unknown';
  failedStep: string | null;
  who: string;
  host: string;
  pid: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  logPath: string;
  component: string | null;
  override: { reason: string; failedChecks: string[] } | null;
};

export function runSummary(run: RunRecord, now: Date = new Date()): RunSummary {
  const live = !run.finished && isRunLive(run);
  return {
    id: run.id,
    kind: run.started.kind,
    env: run.started.env,
    version: run.started.version,
    previousVersion: run.started.previousVersion,
    commit: run.started.commit,
    result: run.finished ? run.finished.result : live ? 'running' : 'unknown',
    failedStep: run.finished?.failedStep ?? null,
    who: run.started.who,
    host: run.started.host,
    pid: run.started.pid,
    startedAt: run.started.at,
    finishedAt: run.finished?.at ?? null,
    durationMs: run.finished ? run.finished.durationMs : live ? Math.max(0, now.getTime() - Date.parse(run.started.at)) : null,
    logPath: run.started.logPath,
    component: run.started.component ?? null,
    override: run.started.override ?? null,
  };
}

/** `850ms`, `12.3s`, `4m05s`, `2h03m`. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
