// Everything the incidents views need, read at one moment: incidents folded from the journal,
// the SLA rules and the run journal for automatic timeline entries, plus every problem found.
// Pure assembly; incident-repo.ts does the reading.
import type { IncidentsConfig } from '../../models/incident-config.js';
import type { Incident, LineProblem } from '../../models/incident-view.js';
import { foldIncidents } from './fold.js';
import { parseIncidentJournal } from './incident-events.js';
import type { ParsedJournal } from './incident-events.js';
import { mergeJournals, parseRunJournal } from './run-entries.js';
import type { RunJournal } from './run-entries.js';
import { parseSopSla } from './sla-parse.js';
import type { SopSla } from './sla-parse.js';
import { mergeSla } from './sla.js';
import type { SlaSetup } from './sla.js';

export type IncidentSnapshot = {
  incidents: Incident[];
  /** Malformed journal lines and events that do not fit, with line numbers. */
  problems: LineProblem[];
  sla: SlaSetup;
  runs: RunJournal;
};

export type SnapshotTexts = {
  incidents: string | undefined;
  sop: string | undefined;
  runJournals: (string | undefined)[];
};

export const EMPTY_RUNS: RunJournal = { events: [], runs: [], skipped: 0 };

/** A snapshot from parsed parts: journal events, the SOP (when present) and the run journals. */
export function assembleSnapshot(journal: ParsedJournal, sop: SopSla | undefined, runs: RunJournal, config: IncidentsConfig['sla'] | undefined, file: string): IncidentSnapshot {
  const folded = foldIncidents(journal.events, file);
  return {
    incidents: folded.incidents,
    problems: [...journal.problems, ...folded.problems].sort((a, b) => a.line - b.line),
    sla: mergeSla(sop, config),
    runs,
  };
}

export function buildSnapshot(texts: SnapshotTexts, config: IncidentsConfig['sla'] | undefined, files = { incidents: 'incidents.jsonl', sop: 'sop.md' }): IncidentSnapshot {
  const parsed = parseIncidentJournal(texts.incidents ?? '', files.incidents);
  const sop = texts.sop === undefined ? undefined : parseSopSla(texts.sop, files.sop);
  const runs = mergeJournals(texts.runJournals.filter((t): t is string => t !== undefined).map(parseRunJournal));
  return assembleSnapshot(parsed, sop, runs, config, files.incidents);
}
