// How the runner executes one step: a command (no shell, in the runner's process group, output
// straight into the run log) or an HTTP health check (GET, timeout, retries, backoff).
import { spawn } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import type { RunStep } from '../../models/run.js';
import { errorMessage } from '../errors.js';
import { trustDeferredCas } from '../net/ca-trust.js';
import { redactSecrets } from '../sanitize/redact-secrets.js';
import { groupMembers, isGroupLeader } from './proc-group.js';

export type StepOutcome = { ok: boolean; exitCode: number | null; detail?: string };

type CommandStep = Extract<RunStep, { kind: 'command' }>;
type HttpStep = Extract<RunStep, { kind: 'http' }>;

/** Grace between SIGTERM and SIGKILL when a step times out. */
const KILL_GRACE_MS = 3000;
const MAX_BACKOFF_MS = 30_000;

export type StepControl = {
  /** Set when the run is being aborted; steps stop as soon as they can. */
  aborted: () => boolean;
  /** The running command's pid, so the runner can forward signals. */
  onChild: (pid: number | undefined) => void;
  /** An AbortSignal fired when the run is aborted (ends HTTP requests and backoff waits). */
  signal: AbortSignal;
  /** Writes a line to the run log. */
  log: (text: string) => void;
  /** The run log's file descriptor: a command's stdout and stderr. */
  outputFd: number;
};

/** Shell-like quoting, only for showing a command line. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * Kills the step and anything it left behind: every other member of this process's group when
 * this process leads its group (the detached runner), else only the step's own pid.
 */
export function killStep(childPid: number | undefined, signal: NodeJS.Signals): void {
  const members = isGroupLeader() ? groupMembers(process.pid) : childPid ? [childPid] : [];
  for (const pid of members) {
    if (pid === process.pid) continue;
    try {
      process.kill(pid, signal);
    } catch {
      // gone already
    }
  }
}

export function runCommandStep(step: CommandStep, root: string, control: StepControl): Promise<StepOutcome> {
  const cwd = step.cwd ? (isAbsolute(step.cwd) ? step.cwd : join(root, step.cwd)) : root;
  return new Promise((resolve) => {
    const [file, ...args] = step.argv as [string, ...string[]];
    const child = spawn(file, args, { cwd, env: { ...process.env, ...step.env }, stdio: ['ignore', control.outputFd, control.outputFd] });
    control.onChild(child.pid);
    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    if (step.timeoutSec) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          control.log(`\n[opsdeck] step timed out after ${step.timeoutSec}s: SIGTERM`);
          killStep(child.pid, 'SIGTERM');
          timers.push(setTimeout(() => killStep(child.pid, 'SIGKILL'), KILL_GRACE_MS));
        }, step.timeoutSec * 1000),
      );
    }
    const finish = (outcome: StepOutcome): void => {
      for (const t of timers) clearTimeout(t);
      control.onChild(undefined);
      resolve(outcome);
    };
    child.once('error', (error) => finish({ ok: false, exitCode: null, detail: `cannot run ${file}: ${error.message}` }));
    child.once('exit', (code, signal) => {
      if (timedOut) finish({ ok: false, exitCode: null, detail: `timed out after ${step.timeoutSec}s` });
      else if (signal) finish({ ok: false, exitCode: null, detail: `killed by ${signal}` });
      else finish({ ok: code === 0, exitCode: code, ...(code === 0 ? {} : { detail: `exit code ${code}` }) });
    });
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

export async function runHttpStep(step: HttpStep, control: StepControl): Promise<StepOutcome> {
  const shown = redactSecrets(step.url);
  const deadline = step.timeoutSec ? Date.now() + step.timeoutSec * 1000 : Infinity;
  let last: StepOutcome = { ok: false, exitCode: null, detail: 'not tried' };
  for (let attempt = 1; attempt <= step.attempts; attempt += 1) {
    if (control.aborted()) break;
    const started = Date.now();
    const request = new AbortController();
    const timer = setTimeout(() => request.abort(), step.requestTimeoutMs);
    const onAbort = (): void => request.abort();
    control.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await trustDeferredCas();
      const response = await fetch(step.url, { signal: request.signal, redirect: 'follow' });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      last = { ok, exitCode: response.status, ...(ok ? {} : { detail: `HTTP ${response.status} after ${attempt} attempt(s)` }) };
      control.log(`[health] attempt ${attempt}/${step.attempts}: GET ${shown} -> ${response.status} (${Date.now() - started} ms)`);
    } catch (error) {
      const why = request.signal.aborted && !control.aborted() ? `no answer within ${step.requestTimeoutMs} ms` : errorMessage(error);
      last = { ok: false, exitCode: null, detail: `${why} after ${attempt} attempt(s)` };
      control.log(`[health] attempt ${attempt}/${step.attempts}: GET ${shown} -> ${why}`);
    } finally {
      clearTimeout(timer);
      control.signal.removeEventListener('abort', onAbort);
    }
    if (last.ok) return last;
    if (attempt < step.attempts) {
      const wait = Math.min(step.backoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
      if (Date.now() + wait > deadline) {
        last = { ...last, detail: `${last.detail ?? 'failed'}; step timeout ${step.timeoutSec}s reached` };
        break;
      }
      await sleep(wait, control.signal);
    }
  }
  return last;
}
