// The backups journal folded into what the pane shows (pure; src/backup/journal.ts reads the
// file): the last verification per component and the last run of each recovery step.
import { JournalEventSchema } from '../../models/run.js';
import type { Verification } from '../../models/backup-status.js';

export type BackupRun = {
  runId: string;
  kind: 'verify' | 'recovery' | 'other';
  at: string;
  component: string | null;
  stepIds: string[];
  result: Verification['result'];
  failedStep: string | null;
  logPath: string | null;
};

export type BackupJournal = { runs: BackupRun[]; badLines: number };

export function foldBackupJournal(text: string): BackupJournal {
  const runs = new Map<string, BackupRun>();
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      badLines += 1;
      continue;
    }
    const parsed = JournalEventSchema.safeParse(raw);
    if (!parsed.success) {
      badLines += 1;
      continue;
    }
    const event = parsed.data;
    if (event.event === 'run-started') {
      runs.set(event.runId, {
        runId: event.runId,
        kind: event.kind === 'verify' || event.kind === 'recovery' ? event.kind : 'other',
        at: event.at,
        component: event.component ?? null,
        stepIds: event.steps.map((s) => s.id),
        result: 'running',
        failedStep: null,
        logPath: event.logPath,
      });
    } else if (event.event === 'run-finished') {
      const run = runs.get(event.runId);
      if (run) {
        run.result = event.result;
        run.failedStep = event.failedStep;
      }
    }
  }
  return { runs: [...runs.values()], badLines };
}

export function verificationsOf(journal: BackupJournal): Verification[] {
  return journal.runs.filter((r) => r.kind === 'verify').map((r) => ({ runId: r.runId, at: r.at, result: r.result, component: r.component }));
}

/** The newest recovery run per step id. */
export function recoveryRunsByStep(journal: BackupJournal): Map<string, BackupRun> {
  const out = new Map<string, BackupRun>();
  for (const run of journal.runs.filter((r) => r.kind === 'recovery').sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    for (const id of run.stepIds) out.set(id, run);
  }
  return out;
}
