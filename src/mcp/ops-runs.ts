// deploy_history and explain_run over the run journals (src/runs reads and folds them; the
// contract is models/run.ts). Log tails are stripped of escapes and redacted.
import { open } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { RunRecord } from '../../models/run.js';
import { UserError } from '../errors.js';
import { redactSecrets as redactLlm } from '../llm/redact.js';
import { redactSecrets } from '../sanitize/redact-secrets.js';
import { stripAnsi } from '../sanitize/sanitize.js';

export const LOG_TAIL_LINES = 40;
const LOG_TAIL_BYTES = 64 * 1024;

function resultOf(run: RunRecord, live: boolean): string {
  return run.finished?.result ?? (live ? 'running' : 'unfinished');
}

export function runEntry(run: RunRecord, live: boolean): Record<string, unknown> {
  const s = run.started;
  return {
    run_id: run.id,
    kind: s.kind,
    env: s.env,
    version: s.version,
    previous_version: s.previousVersion,
    commit: s.commit,
    who: s.who,
    started_at: s.at,
    finished_at: run.finished?.at ?? null,
    result: resultOf(run, live),
    failed_step: run.finished?.failedStep ?? null,
    duration_ms: run.finished?.durationMs ?? null,
    ...(run.finished?.rolledBackBy ? { rolled_back_by: run.finished.rolledBackBy } : {}),
    ...(s.override ? { override: s.override } : {}),
  };
}

async function loadRuns(root: string, journal?: string): Promise<{ runs: RunRecord[]; problems: string[]; isLive: (r: RunRecord) => boolean }> {
  const { readRuns, isRunLive } = await import('../runs/read-runs.js');
  const read = await readRuns(root, journal);
  return { ...read, isLive: isRunLive };
}

export async function deployHistory(root: string, env: string | undefined, limit: number): Promise<Record<string, unknown>> {
  const { DEPLOYS_JOURNAL } = await import('../runs/run-ids.js');
  const { runs, problems, isLive } = await loadRuns(root, DEPLOYS_JOURNAL);
  const wanted = runs.filter((r) => (r.started.kind === 'deploy' || r.started.kind === 'rollback') && (env === undefined || r.started.env === env));
  const newest = wanted.reverse().slice(0, limit);
  return {
    journal: DEPLOYS_JOURNAL,
    env: env ?? null,
    total: wanted.length,
    runs: newest.map((r) => runEntry(r, isLive(r))),
    ...(problems.length ? { journal_problems: problems.slice(0, 20) } : {}),
  };
}

/** The run `ref` names: its id, or a unique prefix (or fragment) of one. */
export function findRun(runs: readonly RunRecord[], ref: string): RunRecord {
  const exact = runs.find((r) => r.id === ref);
  if (exact) return exact;
  const byPrefix = runs.filter((r) => r.id.startsWith(ref));
  const matches = byPrefix.length ? byPrefix : runs.filter((r) => r.id.includes(ref));
  if (matches.length === 1) return matches[0] as RunRecord;
  const latest = [...runs].reverse().slice(0, 5).map((r) => r.id);
  if (matches.length === 0) {
    throw new UserError(`no run '${ref}'${latest.length ? `; the latest runs: ${latest.join(', ')}` : ' (the journals have no runs yet)'}`);
  }
  throw new UserError(`'${ref}' matches ${matches.length} runs: ${matches.slice(0, 8).map((r) => r.id).join(', ')}; give more of the id`);
}

/** The last `lines` lines of a file (reading at most its last 64 KiB), or null when it is missing. */
export async function tailFile(path: string, lines: number): Promise<{ lines: string[]; truncated: boolean } | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const size = (await handle.stat()).size;
    const start = Math.max(0, size - LOG_TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const all = buffer.toString('utf8').split(/\r?\n/);
    if (start > 0) all.shift(); // a partial first line
    if (all.at(-1) === '') all.pop();
    return { lines: all.slice(-lines), truncated: start > 0 || all.length > lines };
  } finally {
    await handle.close();
  }
}

export function cleanLogLine(line: string): string {
  // a progress bar's \r rewrites: keep what the terminal would show last
  const shown = line.split('\r').filter(Boolean).at(-1) ?? '';
  return redactLlm(redactSecrets(stripAnsi(shown)));
}

export async function explainRun(root: string, ref: string): Promise<Record<string, unknown>> {
  const { runs, isLive } = await loadRuns(root);
  const run = findRun(runs, ref.trim());
  const live = isLive(run);
  const logFile = isAbsolute(run.started.logPath) ? run.started.logPath : join(root, run.started.logPath);
  const tail = await tailFile(logFile, LOG_TAIL_LINES);
  const steps = run.steps.map((s) => ({
    id: s.id,
    title: s.title,
    state: s.finished ? (s.finished.ok ? 'ok' : 'failed') : s.startedAt ? (live ? 'running' : 'interrupted') : 'not run',
    exit_code: s.finished?.exitCode ?? null,
    duration_ms: s.finished?.durationMs ?? null,
    ...(s.finished?.detail ? { detail: redactSecrets(stripAnsi(s.finished.detail)) } : {}),
  }));
  const failed = steps.find((s) => s.state === 'failed');
  const entry = runEntry(run, live);
  const summary = [
    `${run.started.kind} ${run.started.version ?? ''}${run.started.env ? ` to ${run.started.env}` : ''} by ${run.started.who}: ${String(entry.result)}`.replace(/\s+/g, ' '),
    failed ? `failed at step '${failed.title}' (exit ${failed.exit_code ?? 'none'})${failed.detail ? `: ${failed.detail}` : ''}` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return {
    ...entry,
    summary,
    host: run.started.host,
    steps,
    log_path: run.started.logPath,
    log_tail: tail ? tail.lines.map(cleanLogLine) : null,
    ...(tail ? { log_truncated: tail.truncated } : { log_missing: true }),
  };
}
