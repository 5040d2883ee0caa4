// What `opsdeck deploy` and `opsdeck rollback` share: reading the repo's deploy state, the
// confirmation rules on a terminal, launching the detached run and following it to the end
// with progress on stdout (sanitized and redacted; plain lines when stdout is not a terminal).
import type { Config } from '../../models/config.js';
import type { RunRecord, RunSpec } from '../../models/run.js';
import { EXIT_FAILURE, EXIT_USAGE, UserError } from '../errors.js';
import { foldRuns, readJournal } from '../runs/journal.js';
import { launchRun } from '../runs/launch-run.js';
import { sanitize } from '../sanitize/sanitize.js';
import { cleanStreamText, openPemStart, PEM_HOLD_LIMIT } from '../runs/stream-clean.js';
import { findEnvironment, DEPLOY_JOURNAL } from './plan.js';
import { askConfirmation, openTty } from './tty-confirm.js';
import { followRun } from './follow.js';

export type HeadlessIo = { out(text: string): void; err(text: string): void; write(text: string): void; isTty: boolean };

export async function readDeployRuns(root: string): Promise<{ runs: RunRecord[]; problems: string[] }> {
  const { events, problems } = await readJournal(root, DEPLOY_JOURNAL);
  const folded = foldRuns(events, DEPLOY_JOURNAL);
  return { runs: folded.runs, problems: [...problems, ...folded.problems] };
}

/**
 * Fails fast (exit 2) when a production action cannot be confirmed: no --yes and no terminal.
 * Returns whether a question must be asked.
 */
export function needsQuestion(config: Config, env: string, yes: boolean): boolean {
  const environment = findEnvironment(config, env);
  if (yes) return false;
  const tty = process.stdin.isTTY || process.stdout.isTTY;
  if (!tty) {
    if (environment.production) throw new UserError(`${env} is a production environment: confirm with --yes, or run in a terminal to type its name`, EXIT_USAGE);
    return false;
  }
  return true;
}

/** Asks on the terminal; false (cancelled) unless the typed answer matches. */
export async function confirmOnTty(config: Config, env: string, what: string): Promise<boolean> {
  const production = findEnvironment(config, env).production;
  const io = openTty();
  if (!io) {
    if (production) throw new UserError(`${env} is a production environment: confirm with --yes, or run in a terminal to type its name`, EXIT_USAGE);
    return true;
  }
  const question = production ? `${what}\nType "${env}" to confirm (anything else cancels): ` : `${what}\nProceed? [y/N] `;
  return askConfirmation(io, question, production ? env : 'y');
}

/** `\r` rewrites applied: each line keeps what a terminal would show last. */
function collapseCr(text: string): string {
  if (!text.includes('\r')) return text;
  return text
    .split('\n')
    .map((line) => line.split('\r').filter((s) => s !== '').at(-1) ?? '')
    .join('\n');
}

/**
 * Turns raw log chunks into output, a whole chunk of complete lines at a time (one redaction
 * pass, one sanitizer check and one write per chunk, never per line): terminal text keeps colour
 * and `\r`; otherwise plain lines with `\r` rewrites applied. A private key cut by a chunk's end
 * is held back until its END line, so the redactor always sees the whole block.
 */
export function logPrinter(io: HeadlessIo): { push(text: string): void; flush(): void } {
  let partial = '';
  const emit = (text: string) => {
    if (text === '') return;
    if (io.isTty) io.write(cleanStreamText(text, { keepSgr: true, keepCr: true }));
    else io.out(collapseCr(cleanStreamText(text, { keepSgr: false, keepCr: true })));
  };
  return {
    push(text) {
      const cut = text.lastIndexOf('\n');
      if (cut < 0) {
        partial += text;
        return;
      }
      let ready = partial + text.slice(0, cut + 1);
      partial = text.slice(cut + 1);
      const held = openPemStart(ready);
      if (held >= 0 && ready.length - held + partial.length <= PEM_HOLD_LIMIT) {
        partial = ready.slice(held) + partial;
        ready = ready.slice(0, held);
      }
      if (ready === '') return;
      if (io.isTty) emit(ready);
      else if (ready === '\n') io.out(''); // a blank line stays a line
      else emit(ready.slice(0, -1));
    },
    flush() {
      emit(partial);
      partial = '';
    },
  };
}

function stepLines(run: RunRecord | undefined, seen: Set<string>): string[] {
  const lines: string[] = [];
  for (const step of run?.steps ?? []) {
    if (step.startedAt && !seen.has(`s:${step.id}`)) {
      seen.add(`s:${step.id}`);
      lines.push(`[opsdeck] ▶ ${step.title}`);
    }
    if (step.finished && !seen.has(`f:${step.id}`)) {
      seen.add(`f:${step.id}`);
      const secs = (step.finished.durationMs / 1000).toFixed(1);
      lines.push(step.finished.ok ? `[opsdeck] ✓ ${step.title} (${secs}s)` : `[opsdeck] ✗ ${step.title} failed: ${sanitize(step.finished.detail ?? `exit ${step.finished.exitCode}`, { keepSgr: false })} (${secs}s)`);
    }
  }
  return lines;
}

export function runSummary(run: RunRecord | undefined, runId: string): Record<string, unknown> {
  return {
    runId,
    kind: run?.started.kind ?? null,
    env: run?.started.env ?? null,
    version: run?.started.version ?? null,
    previousVersion: run?.started.previousVersion ?? null,
    result: run?.finished?.result ?? 'interrupted',
    failedStep: run?.finished?.failedStep ?? null,
    durationMs: run?.finished?.durationMs ?? null,
    logPath: run?.started.logPath ?? null,
    steps: (run?.steps ?? []).map((s) => ({ id: s.id, title: s.title, ok: s.finished?.ok ?? null, exitCode: s.finished?.exitCode ?? null, durationMs: s.finished?.durationMs ?? null })),
  };
}

/** Launches the spec (LockHeldError: exit 3), follows it to the end; returns the exit code. */
export async function launchAndFollow(spec: RunSpec, io: HeadlessIo, json: boolean): Promise<number> {
  const launched = await launchRun(spec);
  if (launched.recoveredStaleLock) io.err(`opsdeck: ${launched.recoveredStaleLock}`);
  if (!json) io.out(`[opsdeck] run ${spec.id} started (log ${spec.root ? `.orchestration/runs/${spec.id}.log` : launched.logPath}); Ctrl-C detaches, the run goes on`);
  const printer = logPrinter(io);
  const seen = new Set<string>();
  const detach = () => {
    io.err(`\nopsdeck: detached; the run goes on. Follow it with: opsdeck runs follow ${spec.id}`);
    process.exit(130);
  };
  process.once('SIGINT', detach);
  try {
    const run = await followRun(spec.root, spec.id, {
      journal: spec.journal,
      onOutput: json ? undefined : (text) => printer.push(text),
    });
    printer.flush();
    if (json) {
      io.out(JSON.stringify(runSummary(run, spec.id), null, 2));
    } else {
      if (run?.finished?.result !== 'success') for (const line of stepLines(run, seen)) if (line.includes('✗')) io.out(line);
      const result = run?.finished?.result ?? 'interrupted (the runner died without recording its end)';
      io.out(`[opsdeck] ${spec.kind} ${spec.version ?? ''} to ${spec.env ?? ''}: ${result}`.replace(/\s+/g, ' '));
    }
    return run?.finished?.result === 'success' ? 0 : EXIT_FAILURE;
  } finally {
    process.off('SIGINT', detach);
  }
}
