// The nvidia-smi process adapter: one long-lived `--query-gpu … -lms N` child read line by
// line, and the one-shot `--query-compute-apps` query. Parsing lives in parse-csv.ts.
import { execa } from 'execa';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { COMPUTE_APPS_FIELDS, GPU_QUERY_FIELDS } from '../../models/gpu.js';
import type { ComputeAppRow } from '../../models/gpu.js';
import { errorMessage } from '../errors.js';
import { parseComputeApps } from './parse-csv.js';

const CSV_FORMAT = '--format=csv,noheader,nounits';
/** A hung `--query-compute-apps` is killed after this long. */
const QUERY_TIMEOUT_MS = 10_000;
/** How many stderr lines an exit report keeps. */
const STDERR_TAIL = 5;

/** The arguments of the long-lived sampler. */
export function gpuStreamArgs(intervalMs: number): string[] {
  return [`--query-gpu=${GPU_QUERY_FIELDS.join(',')}`, CSV_FORMAT, '-lms', String(Math.round(intervalMs))];
}

export function computeAppsArgs(): string[] {
  return [`--query-compute-apps=${COMPUTE_APPS_FIELDS.join(',')}`, CSV_FORMAT];
}

export type SmiExit = {
  exitCode: number | null;
  signal: string | null;
  /** Set when the process could not be started at all (ENOENT, EACCES…). */
  startError: string | null;
  /** The last stderr lines, oldest first. */
  stderr: string[];
};

export type GpuStreamOptions = {
  intervalMs: number;
  env: NodeJS.ProcessEnv;
  onLine(line: string): void;
  /** Called once, after every stdout line has been delivered. */
  onExit(exit: SmiExit): void;
};

export interface IGpuStream {
  readonly pid: number | undefined;
  /** Kills the child (SIGTERM, then SIGKILL after 5 s) and resolves once it has exited. */
  stop(): Promise<void>;
}

function lines(stream: Readable | null, onLine: (line: string) => void): Promise<void> {
  if (!stream) return Promise.resolve();
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  reader.on('line', onLine);
  return new Promise((resolve) => reader.once('close', resolve));
}

/** Starts `nvidia-smi --query-gpu=… -lms intervalMs`. Never throws: failures arrive in onExit. */
export function spawnGpuStream(path: string, options: GpuStreamOptions): IGpuStream {
  const child = execa(path, gpuStreamArgs(options.intervalMs), {
    buffer: false,
    reject: false,
    stdin: 'ignore',
    env: options.env,
    extendEnv: false,
  });
  const stderr: string[] = [];
  const stdoutDone = lines(child.stdout, options.onLine);
  const stderrDone = lines(child.stderr, (line) => {
    if (line.trim() === '') return;
    stderr.push(line);
    if (stderr.length > STDERR_TAIL) stderr.shift();
  });
  const done = Promise.all([child, stdoutDone, stderrDone]).then(([result]) => {
    const startError = result.exitCode === undefined && result.signal === undefined ? (result.code ?? errorMessage(result.originalMessage)) : null;
    options.onExit({
      exitCode: result.exitCode ?? null,
      signal: result.signal ?? null,
      startError: startError === null ? null : String(startError),
      stderr,
    });
  });
  return {
    pid: child.pid,
    stop: async () => {
      child.kill();
      await done;
    },
  };
}

export type ComputeAppsResult = { ok: true; rows: ComputeAppRow[] } | { ok: false; error: string };

/** Runs `nvidia-smi --query-compute-apps=…` once. Never throws. */
export async function queryComputeApps(path: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<ComputeAppsResult> {
  const result = await execa(path, computeAppsArgs(), {
    reject: false,
    stdin: 'ignore',
    env,
    extendEnv: false,
    timeout: QUERY_TIMEOUT_MS,
    cancelSignal: signal,
  });
  if (result.failed) {
    const reason = result.exitCode === undefined ? (result.code ?? 'failed') : `exit code ${result.exitCode}`;
    return { ok: false, error: `nvidia-smi --query-compute-apps: ${reason}` };
  }
  return { ok: true, rows: parseComputeApps(result.stdout) };
}
