// Runs the automated pre-deployment checks (config `checks`, SOP §2.1) in parallel: each a real
// child process without a shell, with its timeout and its own log under `.orchestration/runs/`
// (mode 0600). Reports every status change; each finished check goes to `record` (the
// command log).
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { errorMessage } from '../errors.js';
import type { CheckState } from './checklist.js';
import { initialChecks } from './checklist.js';
import { splitWords } from './template.js';

export type CheckSpec = { name: string; command: string; timeoutSec: number };

export type CheckRecord = { command: string; exitCode: number | null; durationMs: number; logPath: string; source: string; at: string };

export type RunChecksOptions = {
  /** Prefix of the log files, e.g. a run id; keeps two checklists apart. */
  tag: string;
  onUpdate?: (checks: CheckState[]) => void;
  record?: (entry: CheckRecord) => void | Promise<void>;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
};

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'check';
}

async function runOne(root: string, spec: CheckSpec, logRel: string, options: RunChecksOptions): Promise<Pick<CheckState, 'status' | 'exitCode' | 'durationMs' | 'detail'>> {
  const started = Date.now();
  const log = createWriteStream(join(root, logRel), { mode: 0o600 });
  const opened = new Promise<void>((resolve) => log.once('open', () => resolve()).once('error', () => resolve()));
  await opened;
  let argv: string[];
  try {
    argv = splitWords(spec.command, `checks.${spec.name}.command`);
  } catch (error) {
    log.end(`${errorMessage(error)}\n`);
    return { status: 'failed', exitCode: null, durationMs: 0, detail: errorMessage(error) };
  }
  const child = execa(argv[0] as string, argv.slice(1), {
    cwd: root,
    all: true,
    reject: false,
    stdin: 'ignore',
    timeout: spec.timeoutSec * 1000,
    forceKillAfterDelay: 2000,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    env: { ...(options.env ?? {}), OPSDECK_CHECK: spec.name },
  });
  child.all?.pipe(log, { end: false });
  const result = await child;
  const durationMs = Date.now() - started;
  let detail: string | null = null;
  if (result.timedOut) detail = `timed out after ${spec.timeoutSec}s`;
  else if (result.isCanceled) detail = 'cancelled';
  else if (result.failed && result.exitCode === undefined) detail = (result.shortMessage ?? '').split('\n')[0] || 'could not start';
  else if (result.exitCode !== 0) detail = `exit ${result.exitCode}`;
  await new Promise<void>((resolve) => log.end(`\n[opsdeck] ${detail ?? 'passed'} in ${durationMs} ms\n`, () => resolve()));
  return { status: detail === null ? 'passed' : 'failed', exitCode: result.exitCode ?? null, durationMs, detail };
}

/** Runs every check at once; resolves with the final states (never rejects for a failed check). */
export async function runChecks(root: string, specs: readonly CheckSpec[], options: RunChecksOptions): Promise<CheckState[]> {
  await mkdir(join(root, '.orchestration', 'runs'), { recursive: true });
  const states = initialChecks(specs).map((c) => ({ ...c, status: 'running' as const, logPath: `.orchestration/runs/check-${options.tag}-${safeName(c.name)}.log` }));
  let current: CheckState[] = states;
  const update = (index: number, patch: Partial<CheckState>) => {
    current = current.map((c, i) => (i === index ? { ...c, ...patch } : c));
    options.onUpdate?.(current);
  };
  options.onUpdate?.(current);
  await Promise.all(
    specs.map(async (spec, index) => {
      const logPath = states[index]?.logPath as string;
      const outcome = await runOne(root, spec, logPath, options);
      update(index, outcome);
      try {
        await options.record?.({ command: spec.command, exitCode: outcome.exitCode, durationMs: outcome.durationMs ?? 0, logPath, source: `check ${spec.name}`, at: new Date().toISOString() });
      } catch {
        // the command log is best effort; the check result stands
      }
    }),
  );
  return current;
}
