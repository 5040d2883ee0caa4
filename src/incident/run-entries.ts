// Automatic timeline entries from the run journals (.orchestration/deploys.jsonl and
// backups.jsonl, models/run.ts): the deploys, rollbacks, verifications and recovery steps that
// happened while an incident was open. Parsed leniently: a malformed line is skipped. Pure.
import { JournalEventSchema } from '../../models/run.js';
import type { JournalEvent, RunRecord } from '../../models/run.js';
import type { LineProblem, TimelineEntry } from '../../models/incident-view.js';
import { compareText } from './fold.js';
import { jsonLines } from '../json-lines.js';
import { foldRunEvent } from '../runs/run-fold.js';

export const RUN_JOURNALS = ['deploys.jsonl', 'backups.jsonl'] as const;

export type RunJournal = { events: JournalEvent[]; runs: RunRecord[]; skipped: number };

/** Valid events of some journal lines, and one problem per line that is not one. */
export function parseRunLines(text: string, file: string, firstLine = 1): { items: JournalEvent[]; problems: LineProblem[] } {
  const items: JournalEvent[] = [];
  const problems: LineProblem[] = [];
  for (const { line, value, json } of jsonLines(text, { firstLine })) {
    const parsed = json ? JournalEventSchema.safeParse(value) : undefined;
    if (parsed?.success) items.push(parsed.data);
    else problems.push({ file, line, reason: json ? 'not a run journal event' : 'not JSON' });
  }
  return { items, problems };
}

/** Valid events of a run journal, in file order, and the runs they fold into. */
export function parseRunJournal(text: string): RunJournal {
  const { items, problems } = parseRunLines(text, '');
  return { events: items, runs: foldRuns(items), skipped: problems.length };
}

export function foldRuns(events: readonly JournalEvent[]): RunRecord[] {
  const runs = new Map<string, RunRecord>();
  for (const e of events) foldRunEvent(runs, e);
  return [...runs.values()];
}

/** Merges the events of several journals by time. */
export function mergeJournals(journals: readonly RunJournal[]): RunJournal {
  const events = journals.flatMap((j) => j.events).sort((a, b) => compareText(a.at, b.at));
  return { events, runs: foldRuns(events), skipped: journals.reduce((n, j) => n + j.skipped, 0) };
}

function describeRun(run: RunRecord): string {
  const s = run.started;
  const what = s.kind === 'deploy' || s.kind === 'rollback' ? [s.version, s.env ? `to ${s.env}` : null] : [s.component];
  return [s.kind, ...what].filter((x): x is string => Boolean(x)).join(' ');
}

/**
 * Entries for the run events with `from <= at <= to`: each run's start and end, and each
 * failed step. Events of runs whose start is not in the journals are skipped.
 */
export function runEntries(journal: RunJournal, from: string, to: string): TimelineEntry[] {
  const byId = new Map(journal.runs.map((r) => [r.id, r]));
  const entries: TimelineEntry[] = [];
  const t0 = Date.parse(from);
  const t1 = Date.parse(to);
  for (const e of journal.events) {
    const at = Date.parse(e.at);
    if (!(at >= t0 && at <= t1)) continue;
    const run = byId.get(e.runId);
    if (!run) continue;
    const kind = run.started.kind;
    const base = { at: e.at, kind, runId: run.id };
    if (e.event === 'run-started') {
      entries.push({ ...base, who: e.who, text: `${describeRun(run)} started (${run.id})` });
    } else if (e.event === 'run-finished') {
      const failed = e.failedStep ? ` at ${e.failedStep}` : '';
      const undone = e.rolledBackBy ? ` by ${e.rolledBackBy}` : '';
      entries.push({ ...base, who: run.started.who, text: `${describeRun(run)} ${e.result.replace('_', ' ')}${failed}${undone} (${run.id})` });
    } else if (e.event === 'step-finished' && !e.ok) {
      const title = run.steps.find((s) => s.id === e.step)?.title ?? e.step;
      entries.push({ ...base, who: run.started.who, text: `${title} failed${e.detail ? `: ${e.detail}` : ''} (${run.id})` });
    }
  }
  return entries;
}

/** Run ids of a journal that match `ref` exactly, or contain it. */
export function matchRunIds(runs: readonly RunRecord[], ref: string): string[] {
  const exact = runs.filter((r) => r.id === ref);
  if (exact.length > 0) return exact.map((r) => r.id);
  return runs.filter((r) => r.id.includes(ref)).map((r) => r.id);
}
