// What runs where, from the journal's RunRecords: per environment the version deployed by the
// last successful deploy or rollback (who, when), the previous one, a live run and the history.
import type { Environment } from '../../models/config.js';
import type { RunRecord } from '../../models/run.js';

export type Deployed = { version: string; at: string; who: string; runId: string; kind: 'deploy' | 'rollback' };

export type EnvStatus = {
  env: string;
  production: boolean;
  current: Deployed | null;
  /** The version before the current one: the target of an immediate rollback. */
  previous: string | null;
  /** A run of this environment that is still going. */
  live: RunRecord | null;
  /** Newest first, at most `limit`. */
  history: RunRecord[];
};

function isDeployRun(run: RunRecord): boolean {
  return run.started.kind === 'deploy' || run.started.kind === 'rollback';
}

function sortKey(run: RunRecord): string {
  return run.finished?.at ?? run.started.at;
}

/** Successful deploys and version rollbacks of `env`, oldest first. */
function successes(runs: readonly RunRecord[], env: string): Deployed[] {
  return runs
    .filter((r) => isDeployRun(r) && r.started.env === env && r.started.version !== null && r.finished !== undefined)
    .filter((r) => r.finished?.result === 'success' || r.finished?.result === 'rolled_back')
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
    .map((r) => ({ version: r.started.version as string, at: r.finished?.at ?? r.started.at, who: r.started.who, runId: r.id, kind: r.started.kind as Deployed['kind'] }));
}

/** The version `env` runs now (last successful deploy or rollback), or null. */
export function deployedVersion(runs: readonly RunRecord[], env: string): Deployed | null {
  return successes(runs, env).at(-1) ?? null;
}

/** The last deployed version that differs from the current one. */
export function previousVersion(runs: readonly RunRecord[], env: string): string | null {
  const list = successes(runs, env);
  const current = list.at(-1)?.version;
  for (let i = list.length - 2; i >= 0; i -= 1) {
    const v = list[i]?.version;
    if (v !== undefined && v !== current) return v;
  }
  return null;
}

/** Versions once deployed to `env`, newest first, without repeats: rollback targets. */
export function versionHistory(runs: readonly RunRecord[], env: string): string[] {
  return [...new Set(successes(runs, env).map((d) => d.version).reverse())];
}

export function envStatuses(envs: readonly Environment[], runs: readonly RunRecord[], isLive: (run: RunRecord) => boolean, limit: number): EnvStatus[] {
  return envs.map((e) => {
    const mine = runs.filter((r) => isDeployRun(r) && r.started.env === e.name).sort((a, b) => b.started.at.localeCompare(a.started.at));
    return {
      env: e.name,
      production: e.production,
      current: deployedVersion(runs, e.name),
      previous: previousVersion(runs, e.name),
      live: mine.find((r) => r.finished === undefined && isLive(r)) ?? null,
      history: mine.slice(0, limit),
    };
  });
}

/** "3m", "2h", "5d": how long ago `iso` was, for narrow tables. */
export function ageOf(iso: string, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

/** "03:55:17 UTC" from an ISO time (the header clock is UTC too). */
export function clockOf(iso: string): string {
  const match = /T(\d\d:\d\d:\d\d)/.exec(iso);
  return match ? `${match[1]} UTC` : iso;
}
