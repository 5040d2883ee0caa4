// Reads `.orchestration/backups.jsonl` (the run journal of verifications and recovery steps,
// models/run.ts). Bad lines are skipped and counted, never fatal; src/backup/journal-fold.ts
// does the folding.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { foldBackupJournal } from './journal-fold.js';
import type { BackupJournal } from './journal-fold.js';

export type { BackupJournal, BackupRun } from './journal-fold.js';
export { foldBackupJournal, recoveryRunsByStep, verificationsOf } from './journal-fold.js';

export const BACKUPS_JOURNAL_PATH = '.orchestration/backups.jsonl';

export async function readBackupJournal(root: string): Promise<BackupJournal> {
  try {
    return foldBackupJournal(await readFile(join(root, BACKUPS_JOURNAL_PATH), 'utf8'));
  } catch {
    return { runs: [], badLines: 0 };
  }
}

