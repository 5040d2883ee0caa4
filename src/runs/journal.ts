// The run journals (`.orchestration/deploys.jsonl`, `backups.jsonl`): append-only JSON
// lines, one fsync per append, each line one write() under PIPE_BUF so concurrent appenders
// never interleave; and the reader that folds events into RunRecords.
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { JournalEvent, RunRecord } from '../../models/run.js';
import { JournalEventSchema } from '../../models/run.js';
import { redactSecrets } from '../sanitize/redact-secrets.js';
import { jsonLines } from '../json-lines.js';
import { foldRunEvent } from './run-fold.js';

/** Lines stay below PIPE_BUF (4096) so one write() is atomic against other appenders. */
const MAX_LINE_BYTES = 4000;
const MAX_TEXT = 1000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Appends one JSON line: open with 'a', one write, fsync, close. */
export async function appendJsonLine(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a', 0o644);
  try {
    await handle.write(`${JSON.stringify(value)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Redacts and clips the free-text fields of an event so its line stays under PIPE_BUF. */
export function journalLine(event: JournalEvent): JournalEvent {
  let max = MAX_TEXT;
  for (;;) {
    const copy: JournalEvent = { ...event };
    if (copy.event === 'step-started') copy.command = clip(redactSecrets(copy.command), max);
    if (copy.event === 'step-finished' && copy.detail !== undefined) copy.detail = clip(redactSecrets(copy.detail), max);
    if (copy.event === 'run-started' && copy.override) copy.override = { ...copy.override, reason: clip(redactSecrets(copy.override.reason), max) };
    if (Buffer.byteLength(JSON.stringify(copy)) < MAX_LINE_BYTES || max < 50) return copy;
    max = Math.floor(max / 2);
  }
}

/** Appends one journal event (redacted, fsynced). `journal` is relative to `root` or absolute. */
export async function appendJournalEvent(root: string, journal: string, event: JournalEvent): Promise<void> {
  await appendJsonLine(journalFile(root, journal), journalLine(event));
}

export function journalFile(root: string, journal: string): string {
  return journal.startsWith('/') ? journal : join(root, journal);
}

export type JournalRead = { events: JournalEvent[]; problems: string[] };

/** Parses a journal; a malformed line becomes a problem `file:line: why`, never an exception. */
export function parseJournal(text: string, label: string): JournalRead {
  const events: JournalEvent[] = [];
  const problems: string[] = [];
  for (const { line, value, json } of jsonLines(text)) {
    if (!json) {
      problems.push(`${label}:${line}: not valid JSON`);
      continue;
    }
    const parsed = JournalEventSchema.safeParse(value);
    if (parsed.success) {
      events.push(parsed.data);
      continue;
    }
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    problems.push(`${label}:${line}: ${where}${issue?.message ?? 'not a journal event'}`);
  }
  return { events, problems };
}

/** Reads a journal file; a missing file is an empty journal. */
export async function readJournal(root: string, journal: string): Promise<JournalRead> {
  let text: string;
  try {
    text = await readFile(journalFile(root, journal), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], problems: [] };
    throw error;
  }
  return parseJournal(text, journal);
}

/** Folds events into runs, in the order their run-started events appear (rules: run-fold.ts). */
export function foldRuns(events: readonly JournalEvent[], label = 'journal'): { runs: RunRecord[]; problems: string[] } {
  const byId = new Map<string, RunRecord>();
  const problems: string[] = [];
  for (const event of events) {
    const problem = foldRunEvent(byId, event);
    if (problem === 'second-start') problems.push(`${label}: run ${event.runId} started twice; the first start is kept`);
    else if (problem === 'unknown-run') problems.push(`${label}: ${event.event} for unknown run ${event.runId}`);
  }
  return { runs: [...byId.values()], problems };
}
