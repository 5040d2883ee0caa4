// The runner's work: executes a RunSpec's steps in order, appends the journal events and the
// command log, and releases the deploy lock at the end. An abort (SIGTERM in the detached
// runner) ends the current step and records `interrupted`. Output goes to fd 1: the run log.
import { writeSync } from 'node:fs';
import { hostname } from 'node:os';
import type { JournalEvent, RunResult, RunSpec, RunStep } from '../../models/run.js';
import { appendCommandLog } from './command-log.js';
import { appendJournalEvent } from './journal.js';
import { runLogRelPath } from './run-ids.js';
import { releaseLock, updateLockPid } from './run-lock.js';
import type { StepControl, StepOutcome } from './run-steps.js';
import { commandLine, runCommandStep, runHttpStep } from './run-steps.js';

/** How long to wait for a pending signal handler after a step died of a signal. */
const SIGNAL_SETTLE_MS = 100;

const now = (): string => new Date().toISOString();

function logTo(fd: number, text: string): void {
  try {
    writeSync(fd, `${text}\n`);
  } catch {
    // the log is gone: keep running, the journal still records the result
  }
}

function describe(step: RunStep): string {
  return step.kind === 'command' ? commandLine(step.argv) : `GET ${step.url}`;
}

export type RunnerOptions = {
  /** Install SIGTERM/SIGINT/SIGHUP handlers (the detached runner does; tests drive abort() instead). */
  signals?: boolean;
  /** Receives the abort function once the run has started. */
  onStart?: (abort: (signal: NodeJS.Signals) => void) => void;
  /** Where the log goes (default 1: the detached runner's stdout is the run log). */
  logFd?: number;
};

/** Executes a validated spec: journal events, steps in order, command log, lock release. Returns the exit code. */
export async function runSpec(spec: RunSpec, options: RunnerOptions = { signals: true }): Promise<number> {
  const root = spec.root;
  const logFd = options.logFd ?? 1;
  const log = (text: string): void => logTo(logFd, text);
  const journal = (event: JournalEvent): Promise<void> => appendJournalEvent(root, spec.journal, event);
  const base = { v: 1 as const, runId: spec.id };
  const startedMs = Date.now();
  const abort = new AbortController();
  let abortSignal: NodeJS.Signals | undefined;
  let childPid: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (abortSignal) return;
    abortSignal = signal;
    log(`\n[opsdeck] ${signal}: aborting the run`);
    abort.abort();
    // the group signal reached the step already; forward it in case only the runner got it
    if (childPid) {
      try {
        process.kill(childPid, 'SIGTERM');
      } catch {
        // gone
      }
    }
  };
  if (options.signals) {
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGHUP', () => undefined); // no controlling terminal, but be explicit
  }

  if (spec.env) await updateLockPid(root, spec.env, spec.id, process.pid).catch(() => undefined);
  await journal({
    ...base, at: now(), event: 'run-started', kind: spec.kind, env: spec.env, version: spec.version,
    previousVersion: spec.previousVersion, commit: spec.commit, who: spec.who, host: hostname(), pid: process.pid,
    logPath: runLogRelPath(spec.id), steps: spec.steps.map((s) => ({ id: s.id, title: s.title })),
    override: spec.override, component: spec.component,
  });
  options.onStart?.(onSignal);
  log(`[opsdeck] run ${spec.id} (${spec.kind}${spec.env ? ` ${spec.env}` : ''}${spec.version ? ` ${spec.version}` : ''}) by ${spec.who}, pid ${process.pid}`);

  const control: StepControl = {
    aborted: () => abortSignal !== undefined,
    onChild: (pid) => { childPid = pid; },
    signal: abort.signal,
    log,
    outputFd: logFd,
  };
  let result: RunResult = 'success';
  let failedStep: string | null = null;
  for (const [index, step] of spec.steps.entries()) {
    if (abortSignal) {
      result = 'interrupted';
      failedStep = step.id;
      break;
    }
    const command = describe(step);
    log(`\n▶ [${index + 1}/${spec.steps.length}] ${step.title}\n$ ${command}`);
    const stepStarted = Date.now();
    await journal({ ...base, at: now(), event: 'step-started', step: step.id, command });
    let outcome: StepOutcome;
    try {
      outcome = step.kind === 'command' ? await runCommandStep(step, root, control) : await runHttpStep(step, control);
    } catch (error) {
      outcome = { ok: false, exitCode: null, detail: (error as Error).message };
    }
    // a group-wide SIGTERM can end the step before our own handler has run: give it a moment
    if (!outcome.ok && !abortSignal && outcome.detail?.startsWith('killed by')) await new Promise((r) => setTimeout(r, SIGNAL_SETTLE_MS));
    if (abortSignal) outcome = { ok: false, exitCode: outcome.exitCode, detail: `aborted (${abortSignal})` };
    const durationMs = Date.now() - stepStarted;
    log(`${outcome.ok ? '✔' : '✘'} ${step.title} ${outcome.ok ? 'passed' : `failed: ${outcome.detail ?? ''}`} (${(durationMs / 1000).toFixed(1)} s)`);
    await journal({ ...base, at: now(), event: 'step-finished', step: step.id, ok: outcome.ok, exitCode: outcome.exitCode, durationMs, ...(outcome.detail ? { detail: outcome.detail } : {}) });
    await appendCommandLog(root, {
      at: new Date(stepStarted).toISOString(), source: step.kind === 'http' ? 'health' : 'script', command,
      ...(step.kind === 'command' && step.cwd ? { cwd: step.cwd } : {}), exitCode: outcome.exitCode, durationMs, runId: spec.id, who: spec.who,
    }).catch(() => undefined);
    if (!outcome.ok) {
      result = abortSignal ? 'interrupted' : 'failed';
      failedStep = step.id;
      break;
    }
  }
  const durationMs = Date.now() - startedMs;
  await journal({ ...base, at: now(), event: 'run-finished', result, failedStep, durationMs });
  log(`\n[opsdeck] run ${result}${failedStep ? ` at step ${failedStep}` : ''} in ${(durationMs / 1000).toFixed(1)} s`);
  if (spec.env) await releaseLock(root, spec.env, spec.id).catch(() => undefined);
  return result === 'success' ? 0 : result === 'interrupted' ? 130 : 1;
}
