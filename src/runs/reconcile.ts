// Runs that died silently: a run with no run-finished whose runner pid is gone on this host
// (a reboot, a SIGKILL) is marked `interrupted`, and its deploy lock is released.
import { hostname } from 'node:os';
import type { RunRecord } from '../../models/run.js';
import { appendJournalEvent } from './journal.js';
import { cmdlineOf, isPidAlive } from './proc-group.js';
import { journalsOf, readRuns } from './read-runs.js';
import { releaseLock } from './run-lock.js';

/** Whether the runner of `run` is still this run's process (a reused pid after a reboot is not). */
export function runnerAlive(run: RunRecord): boolean {
  if (!isPidAlive(run.started.pid)) return false;
  const cmdline = cmdlineOf(run.started.pid);
  return cmdline === '' || cmdline.includes(run.id);
}

/** The step that was going when the run stopped: started but not finished. */
export function openStep(run: RunRecord): string | null {
  return [...run.steps].reverse().find((s) => s.startedAt && !s.finished)?.id ?? null;
}

/** Appends step-finished (for an open step) and run-finished `interrupted`, and frees the lock. */
export async function markInterrupted(root: string, journal: string, run: RunRecord, detail: string): Promise<void> {
  const at = new Date().toISOString();
  const step = openStep(run);
  const durationMs = Math.max(0, Date.parse(at) - Date.parse(run.started.at)) || 0;
  if (step) {
    const startedAt = run.steps.find((s) => s.id === step)?.startedAt ?? run.started.at;
    await appendJournalEvent(root, journal, { v: 1, runId: run.id, at, event: 'step-finished', step, ok: false, exitCode: null, durationMs: Math.max(0, Date.parse(at) - Date.parse(startedAt)) || 0, detail });
  }
  await appendJournalEvent(root, journal, { v: 1, runId: run.id, at, event: 'run-finished', result: 'interrupted', failedStep: step, durationMs });
  if (run.started.env) await releaseLock(root, run.started.env, run.id).catch(() => undefined);
}

/** Marks dead unfinished runs of this host `interrupted`; returns their ids. */
export async function reconcileRuns(root: string, journal?: string): Promise<string[]> {
  const marked: string[] = [];
  const host = hostname();
  for (const file of journalsOf(journal)) {
    const { runs } = await readRuns(root, file);
    for (const run of runs) {
      if (run.finished || run.started.host !== host || runnerAlive(run)) continue;
      await markInterrupted(root, file, run, `the runner (pid ${run.started.pid}) died without recording an end`);
      marked.push(run.id);
    }
  }
  return marked;
}
