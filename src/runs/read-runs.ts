// Reading runs: fold the journal(s) into RunRecords, watch them for live updates, and tell
// whether a run is still going.
import { watch, mkdirSync, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RunRecord } from '../../models/run.js';
import { foldRuns, journalFile, readJournal } from './journal.js';
import { BACKUPS_JOURNAL, DEPLOYS_JOURNAL, RUNS_DIR } from './run-ids.js';

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
  const runsDir = join(root, RUNS_DIR);
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const fire = (): void => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped) onChange();
    }, DEBOUNCE_MS);
  };
  const add = (dir: string, filter?: (name: string) => boolean): void => {
    try {
      mkdirSync(dir, { recursive: true });
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (!filter || (name !== null && filter(String(name)))) fire();
      });
      watcher.on('error', () => undefined);
      watchers.push(watcher);
    } catch {
      // a read-only tree: no live updates, the caller still reads on demand
    }
  };
  for (const dir of new Set(files.map((f) => dirname(f)))) {
    const names = new Set(files.filter((f) => dirname(f) === dir).map((f) => basename(f)));
    add(dir, (name) => names.has(name));
  }
  add(runsDir);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
