// launchRun: validates a RunSpec, takes the environment's deploy lock, creates the 0600 run log
// and starts the detached runner (own session and process group, output on the log, unref'd).
// It returns once the runner has journalled run-started, so every reader sees the run at once.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, fchmodSync } from 'node:fs';
import { mkdir, open, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunLock } from '../../models/run-lock.js';
import type { RunSpec } from '../../models/run.js';
import { RunSpecSchema } from '../../models/run.js';
import { UserError } from '../errors.js';
import { parkedCaEnv } from '../net/ca-env.js';
import { packageRoot } from '../paths.js';
import { journalFile } from './journal.js';
import { runLogPath, runSpecPath } from './run-ids.js';
import { acquireLock, LockHeldError, releaseLock } from './run-lock.js';

export type LaunchResult = { runId: string; pid: number; logPath: string; recoveredStaleLock?: string };

const START_TIMEOUT_MS = 15_000;
const ENV_NAME = /^[A-Za-z0-9._-]+$/;
/**
 * A runner journals run-finished and then frees its lock: a launch in between (the rollback
 * offered right after a failed deploy) waits this long for the lock of a finished run.
 */
export const FINISHING_GRACE_MS = 3000;
const TAIL_BYTES = 64 * 1024;

export type LaunchOptions = { finishingGraceMs?: number };

/** The runner script: `dist/run-worker.js` of the installed package (sources are TypeScript). */
export function runWorkerPath(): string {
  const sibling = join(dirname(fileURLToPath(import.meta.url)), 'run-worker.js');
  return existsSync(sibling) ? sibling : join(packageRoot(), 'dist', 'run-worker.js');
}

function validate(spec: RunSpec): RunSpec {
  const parsed = RunSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`invalid run spec: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  if (parsed.data.env !== null && !ENV_NAME.test(parsed.data.env)) throw new UserError(`invalid environment name "${parsed.data.env}"`);
  // the runner runs in the root: every path it is given must be absolute
  return { ...parsed.data, root: resolve(parsed.data.root) };
}

async function sizeOf(file: string): Promise<number> {
  return stat(file).then((s) => s.size).catch(() => 0);
}

async function hasStarted(journal: string, from: number, needle: string): Promise<boolean> {
  const size = await sizeOf(journal);
  if (size <= from) return false;
  const handle = await open(journal, 'r');
  try {
    const buffer = Buffer.alloc(size - from);
    await handle.read(buffer, 0, buffer.length, from);
    return buffer.toString('utf8').split('\n').some((line) => line.includes(needle) && line.includes('"event":"run-started"'));
  } finally {
    await handle.close();
  }
}

/** Waits until the journal holds this run's run-started, or the runner exits first. */
async function waitForStart(journal: string, from: number, runId: string, exited: () => string | undefined): Promise<void> {
  const needle = `"runId":${JSON.stringify(runId)}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    // read the exit state before the journal: a runner that appended and exited is still found
    const why = exited();
    if (await hasStarted(journal, from, needle)) return;
    if (why) throw new UserError(`the runner for ${runId} exited before it started (${why}); see its log`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new UserError(`the runner for ${runId} did not start within ${START_TIMEOUT_MS / 1000}s; see its log`);
}

/** Whether the journal's tail holds run-finished for `runId`. */
async function hasFinished(journal: string, runId: string): Promise<boolean> {
  const size = await sizeOf(journal);
  if (size === 0) return false;
  const from = Math.max(0, size - TAIL_BYTES);
  const handle = await open(journal, 'r');
  try {
    const buffer = Buffer.alloc(size - from);
    await handle.read(buffer, 0, buffer.length, from);
    const needle = `"runId":${JSON.stringify(runId)}`;
    return buffer.toString('utf8').split('\n').some((line) => line.includes(needle) && line.includes('"event":"run-finished"'));
  } finally {
    await handle.close();
  }
}

/** Takes the lock; the lock of a run that has journalled its end is waited for (briefly), not refused. */
async function takeLock(lock: RunLock, root: string, journal: string, graceMs: number): Promise<{ recovered?: string }> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    try {
      return await acquireLock(root, lock);
    } catch (error) {
      if (!(error instanceof LockHeldError) || Date.now() >= deadline || !(await hasFinished(journal, error.lock.runId))) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export async function launchRun(input: RunSpec, options: LaunchOptions = {}): Promise<LaunchResult> {
  const spec = validate(input);
  const root = spec.root;
  let recoveredStaleLock: string | undefined;
  if (spec.env) {
    const lock = { env: spec.env, who: spec.who, host: hostname(), pid: process.pid, runId: spec.id, startedAt: new Date().toISOString() };
    const taken = await takeLock(lock, root, journalFile(root, spec.journal), options.finishingGraceMs ?? FINISHING_GRACE_MS);
    recoveredStaleLock = taken.recovered;
  }
  try {
    const logPath = runLogPath(root, spec.id);
    const specFile = runSpecPath(root, spec.id);
    await mkdir(dirname(logPath), { recursive: true });
    await writeFile(specFile, JSON.stringify(spec), { mode: 0o600 });
    const journal = journalFile(root, spec.journal);
    const from = await sizeOf(journal);
    const fd = openSync(logPath, 'a', 0o600);
    fchmodSync(fd, 0o600);
    let exitReason: string | undefined;
    let pid: number | undefined;
    try {
      const child = spawn(process.execPath, [runWorkerPath(), specFile], { cwd: root, detached: true, stdio: ['ignore', fd, fd], env: parkedCaEnv() });
      child.once('error', (error) => { exitReason = error.message; });
      child.once('exit', (code, signal) => { exitReason = signal ? `killed by ${signal}` : `exit code ${code}`; });
      child.unref();
      pid = child.pid;
    } finally {
      closeSync(fd);
    }
    if (pid === undefined) throw new UserError(`cannot start the runner for ${spec.id}: ${exitReason ?? 'spawn failed'}`);
    await waitForStart(journal, from, spec.id, () => exitReason);
    return { runId: spec.id, pid, logPath, ...(recoveredStaleLock ? { recoveredStaleLock } : {}) };
  } catch (error) {
    if (spec.env) await releaseLock(root, spec.env, spec.id).catch(() => undefined);
    throw error;
  }
}
