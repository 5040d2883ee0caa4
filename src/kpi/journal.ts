// Lenient readers of the deploy journal and the incident log (pure: text in, records out).
// A malformed line is skipped and counted, never fatal: one bad write must not blank the KPIs.
import { IncidentEventSchema } from '../../models/incident.js';
import type { IncidentEvent, Priority } from '../../models/incident.js';
import { JournalEventSchema } from '../../models/run.js';
import type { JournalEvent, RunRecord } from '../../models/run.js';
import { jsonLines } from '../json-lines.js';
import { foldRunEvent } from '../runs/run-fold.js';
import { isPlainJournalEvent } from './journal-check.js';

export type Parsed<T> = { records: T[]; malformed: number; malformedLines: number[] };

/** step-started lines as the runner writes them: DORA reads nothing from them. */
const STEP_STARTED = '"event":"step-started"';

/** Lines between two yields of foldRunJournal(): a few milliseconds of parsing. */
export const FOLD_SLICE_LINES = 1000;

/**
 * Folds `.orchestration/deploys.jsonl` into runs, in the order they started. `skipStepStarts`
 * leaves out step-started events unparsed (DORA needs only finishes; a third of the lines).
 */
export function parseRunJournal(text: string, options: { skipStepStarts?: boolean } = {}): Parsed<RunRecord> {
  const fold = foldRunJournal(text, options);
  for (;;) {
    const step = fold.next();
    if (step.done) return step.value;
  }
}

/**
 * parseRunJournal() in slices: yields after every FOLD_SLICE_LINES lines read, so a caller can
 * let its event loop run (read git's output, draw a frame) between slices; returns the result.
 */
export function* foldRunJournal(text: string, options: { skipStepStarts?: boolean } = {}): Generator<void, Parsed<RunRecord>, void> {
  const runs = new Map<string, RunRecord>();
  const malformedLines: number[] = [];
  const skip = options.skipStepStarts ? STEP_STARTED : undefined;
  let slice = 0;
  for (const { line, value } of jsonLines(text, { skip })) {
    if (line >= slice) {
      slice = line + FOLD_SLICE_LINES;
      yield;
    }
    // Events as the runner writes them need no copy; zod reads everything else.
    if (isPlainJournalEvent(value)) {
      foldEvent(runs, value, line, malformedLines);
      continue;
    }
    const parsed = JournalEventSchema.safeParse(value);
    if (!parsed.success) {
      malformedLines.push(line);
      continue;
    }
    foldEvent(runs, parsed.data, line, malformedLines);
  }
  return { records: [...runs.values()], malformed: malformedLines.length, malformedLines };
}

/** A line whose event fits no run (an event for a run never started) counts as malformed. */
function foldEvent(runs: Map<string, RunRecord>, event: JournalEvent, line: number, malformedLines: number[]): void {
  if (foldRunEvent(runs, event) === 'unknown-run') malformedLines.push(line);
}

export type IncidentRecord = {
  id: string;
  title: string;
  priority: Priority;
  openedAt: string;
  resolvedAt: string | null;
  cause: string | null;
};

/** Folds `.orchestration/incidents.jsonl` into incidents (reopened ones keep their first open). */
export function parseIncidents(text: string): Parsed<IncidentRecord> {
  const incidents = new Map<string, IncidentRecord>();
  const malformedLines: number[] = [];
  for (const { line, value } of jsonLines(text)) {
    const parsed = IncidentEventSchema.safeParse(value);
    if (!parsed.success) {
      malformedLines.push(line);
      continue;
    }
    const event: IncidentEvent = parsed.data;
    if (event.event === 'opened') {
      if (!incidents.has(event.incidentId)) {
        incidents.set(event.incidentId, { id: event.incidentId, title: event.title, priority: event.priority, openedAt: event.at, resolvedAt: null, cause: null });
      }
      continue;
    }
    const incident = incidents.get(event.incidentId);
    if (!incident) {
      malformedLines.push(line);
      continue;
    }
    if (event.event === 'priority-changed') incident.priority = event.priority;
    if (event.event === 'resolved') {
      incident.resolvedAt = event.at;
      incident.cause = event.cause ?? incident.cause;
    }
  }
  return { records: [...incidents.values()], malformed: malformedLines.length, malformedLines };
}
