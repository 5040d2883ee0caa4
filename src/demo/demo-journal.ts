// The demo's deploy journal (`.orchestration/deploys.jsonl`): staging and production deploys
// of the demo's release tags (demo-history.ts), dated like the tags at `now`, including a
// production deploy that failed its health step (rolled back) and one rolled back after it
// went out, so the cockpit shows real DORA figures from the first start.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEvent, RunKind } from '../../models/run.js';
import { DEMO_COMMITS } from './demo-history.js';
import { commitTime } from './history-plan.js';

export const DEMO_JOURNAL = join('.orchestration', 'deploys.jsonl');

const HOUR = 3600;
const STEP_SECONDS: Record<string, number> = { deploy: 95, health: 12, smoke: 41, status: 2, rollback: 64 };

/** The command line of a step as `opsdeck deploy` would have run it with the demo's config. */
function stepCommand(step: string, plan: { kind: string; env: string; version: string }): string {
  const host = plan.env === 'production' ? 'api.payments.example.com' : 'staging.payments.example.com';
  const done = plan.kind === 'rollback' ? `Rolled back ${plan.env} to ${plan.version}` : `Deployed ${plan.version} to ${plan.env}`;
  const commands: Record<string, string> = {
    deploy: `./scripts/deploy.sh ${plan.env} ${plan.version}`,
    rollback: `./scripts/rollback.sh ${plan.version}`,
    health: `GET https://${host}/health`,
    smoke: `./scripts/smoke.sh ${plan.env}`,
    status: `./scripts/update-status.sh '${done}'`,
  };
  return commands[step] ?? `./scripts/${step}.sh`;
}
const WHO = ['priya.raman@payments-bastion', 'tomas.ortega@payments-bastion', 'jun.park@payments-bastion', 'dana.whitfield@payments-bastion'];

/** Epoch seconds of every release tag, computed exactly as the demo's git history dates them. */
export function demoTagTimes(now: Date): Array<{ tag: string; time: number }> {
  const nowSec = Math.floor(now.getTime() / 1000);
  const todaySec = Math.floor(nowSec / 86_400) * 86_400;
  let previous = -Infinity;
  const tags: Array<{ tag: string; time: number }> = [];
  for (const commit of DEMO_COMMITS) {
    previous = commitTime(commit, todaySec, nowSec, previous);
    if (commit.tag) tags.push({ tag: commit.tag, time: previous });
  }
  return tags;
}

type Plan = { kind: RunKind; env: string; version: string; previousVersion: string | null; at: number; fail?: 'health'; rolledBackBy?: string; who: string };

const stamp = (sec: number): string => new Date(sec * 1000).toISOString();

function runId(kind: RunKind, at: number, seq: number): string {
  const t = stamp(at).replace(/[-:]/g, '');
  const hex = createHash('sha1').update(`${kind}${at}${seq}`).digest('hex').slice(0, 4);
  return `${t.slice(0, 8)}-${t.slice(9, 15)}-${kind}-${hex}`;
}

function events(id: string, plan: Plan, seq: number): JournalEvent[] {
  const steps = plan.kind === 'rollback' ? ['rollback', 'health', 'status'] : ['deploy', 'health', 'smoke', 'status'];
  const base = { v: 1 as const, runId: id };
  const out: JournalEvent[] = [
    {
      ...base,
      event: 'run-started',
      at: stamp(plan.at),
      kind: plan.kind,
      env: plan.env,
      version: plan.version,
      previousVersion: plan.previousVersion,
      commit: null,
      who: plan.who,
      host: 'payments-bastion',
      pid: 40_000 + seq * 17,
      logPath: `.orchestration/runs/${id}.log`,
      steps: steps.map((s) => ({ id: s, title: s === 'status' ? 'Status page' : s[0]!.toUpperCase() + s.slice(1) })),
    },
  ];
  let t = plan.at;
  let failed: string | null = null;
  for (const step of steps) {
    out.push({ ...base, event: 'step-started', at: stamp(t), step, command: stepCommand(step, plan) });
    const ok = plan.fail !== step;
    t += STEP_SECONDS[step] ?? 5;
    out.push({ ...base, event: 'step-finished', at: stamp(t), step, ok, exitCode: ok ? (step === 'health' ? 200 : 0) : 503, durationMs: (STEP_SECONDS[step] ?? 5) * 1000, ...(ok ? {} : { detail: 'HTTP 503 after 5 attempts' }) });
    if (!ok) {
      failed = step;
      break;
    }
  }
  out.push({ ...base, event: 'run-finished', at: stamp(t), result: failed ? 'failed' : 'success', failedStep: failed, durationMs: (t - plan.at) * 1000 });
  return out;
}

/** The demo's deploys and rollbacks, oldest first. */
export function demoRunPlans(now: Date): Plan[] {
  const nowSec = Math.floor(now.getTime() / 1000);
  const latest = nowSec - 600;
  const plans: Plan[] = [];
  const versions: Record<string, string | null> = { staging: null, production: null };
  const add = (kind: RunKind, env: string, version: string, at: number, extra: Partial<Plan> = {}): Plan => {
    const plan: Plan = { kind, env, version, previousVersion: versions[env] ?? null, at: Math.min(at, latest), who: WHO[plans.length % WHO.length]!, ...extra };
    plans.push(plan);
    if (!plan.fail) versions[env] = version;
    return plan;
  };
  const tags = demoTagTimes(now);
  tags.forEach(({ tag, time }, i) => {
    const nextMorning = Math.floor(time / 86_400) * 86_400 + 86_400 + 10 * HOUR;
    add('deploy', 'staging', tag, time + HOUR);
    if (tag === 'v1.2.0') {
      // Production fails its health check; the on-call rolls back to v1.1.0 twenty minutes later.
      const prev = versions.production ?? null;
      add('deploy', 'production', tag, nextMorning, { fail: 'health' });
      add('rollback', 'production', prev ?? tag, nextMorning + 20 * 60, { previousVersion: tag });
      versions.production = prev;
    } else if (tag === 'v1.2.2') {
      // Out fine, but webhooks lag: rolled back after 50 minutes, shipped again the next day.
      const prev = versions.production ?? null;
      add('deploy', 'production', tag, nextMorning);
      add('rollback', 'production', prev ?? tag, nextMorning + 50 * 60, { previousVersion: tag });
      versions.production = prev;
      add('deploy', 'production', tag, nextMorning + 86_400 + HOUR);
    } else {
      add('deploy', 'production', tag, nextMorning + (i % 2) * 2 * HOUR);
    }
  });
  return plans.filter((p) => p.at <= latest).sort((a, b) => a.at - b.at);
}

/** The raw log the runner would have written for a demo run (what the deploy pane's log view shows). */
function runLog(id: string, plan: Plan, evs: readonly JournalEvent[]): string {
  const out = [`[opsdeck] run ${id} (${plan.kind} ${plan.env} ${plan.version}) by ${plan.who}, pid 4${id.slice(-4)}`, ''];
  const started = evs.filter((e) => e.event === 'step-started');
  started.forEach((e, i) => {
    const done = evs.find((f) => f.event === 'step-finished' && f.step === e.step);
    out.push(`▶ [${i + 1}/${started.length}] ${e.step}`, `$ ${e.command}`);
    if (done?.event === 'step-finished') {
      const secs = (done.durationMs / 1000).toFixed(1);
      out.push(done.ok ? `✔ ${e.step} passed (${secs} s)` : `✘ ${e.step} failed: ${done.detail ?? 'failed'} (${secs} s)`, '');
    }
  });
  const finished = evs.find((e) => e.event === 'run-finished');
  if (finished?.event === 'run-finished') out.push(`[opsdeck] run ${finished.result}${finished.failedStep ? ` at step ${finished.failedStep}` : ''}`);
  return out.join('\n') + '\n';
}

/** Writes the demo's `.orchestration/deploys.jsonl` and run logs; returns the run ids, oldest first. */
export async function writeDemoJournal(root: string, now: Date): Promise<string[]> {
  const plans = demoRunPlans(now);
  const ids: string[] = [];
  const lines: string[] = [];
  const byPlan = new Map<Plan, string>();
  const logs = new Map<string, string>();
  plans.forEach((plan, seq) => {
    const id = runId(plan.kind, plan.at, seq);
    byPlan.set(plan, id);
    ids.push(id);
  });
  plans.forEach((plan, seq) => {
    const id = byPlan.get(plan)!;
    const evs = events(id, plan, seq);
    // A rollback marks the deploy it undid: a second run-finished with result rolled_back.
    if (plan.kind === 'rollback') {
      const undone = [...plans.slice(0, seq)].reverse().find((p) => p.kind === 'deploy' && p.env === plan.env && p.version === plan.previousVersion);
      const last = evs[evs.length - 1]!;
      if (undone && !undone.fail) {
        evs.push({ v: 1, runId: byPlan.get(undone)!, event: 'run-finished', at: last.at, result: 'rolled_back', failedStep: null, durationMs: 0, rolledBackBy: id });
      }
    }
    for (const e of evs) lines.push(JSON.stringify(e));
    logs.set(id, runLog(id, plan, evs));
  });
  await mkdir(join(root, '.orchestration', 'runs'), { recursive: true });
  await writeFile(join(root, DEMO_JOURNAL), lines.join('\n') + '\n');
  await Promise.all([...logs].map(([id, text]) => writeFile(join(root, '.orchestration', 'runs', `${id}.log`), text)));
  return ids;
}
