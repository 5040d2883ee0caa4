// Reading runs: fold the journal(s) into RunRecords, watch them for live updates, and tell
// whether a run is still going.
import { basename, dirname, join } from 'node:path';
import type { RunRecord } from '../../models/run.js';
import { foldRuns, journalFile, readJournal } from './journal.js';
import { BACKUPS_JOURNAL, DEPLOYS_JOURNAL, RUNS_DIR } from './run-ids.js';
import { watchFolders } from '../watch/watch-folder.js';

const DEBOUNCE_MS = 100;

/** The journals to read: the one given, else both (deploys and backups). */
export function journalsOf(journal?: string): string[] {
  return journal ? [journal] : [DEPLOYS_JOURNAL, BACKUPS_JOURNAL];
}

/**
 * Runs from one journal (or both when none is given), oldest first. Malformed lines are
 * reported in `problems` as `file:line: why`, never thrown.
 */
export async function readRuns(root: string, journal?: string): Promise<{ runs: RunRecord[]; problems: string[] }> {
  const runs: RunRecord[] = [];
  const problems: string[] = [];
  for (const file of journalsOf(journal)) {
    const read = await readJournal(root, file);
    const folded = foldRuns(read.events, file);
    runs.push(...folded.runs);
    problems.push(...read.problems, ...folded.problems);
  }
  runs.sort((a, b) => a.started.at.localeCompare(b.started.at) || a.id.localeCompare(b.id));
  return { runs, problems };
}

export { isRunLive } from './run-live.js';

/**
 * Calls `onChange` (debounced) whenever a journal or anything under `.orchestration/runs/`
 * changes. fs.watch costs nothing while idle. Returns stop.
 */
export function watchRuns(root: string, onChange: () => void, journal?: string): () => void {
  const files = journalsOf(journal).map((j) => journalFile(root, j));
  const folders = [...new Set(files.map((f) => dirname(f)))].map((dir) => ({
    dir,
    names: new Set(files.filter((f) => dirname(f) === dir).map((f) => basename(f))),
  }));
  return watchFolders([...folders, { dir: join(root, RUNS_DIR) }], { ms: DEBOUNCE_MS, mode: 'throttle', create: true }, onChange);
}
