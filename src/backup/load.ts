// The I/O side of backup status: read sop.md, build the policy, query the sources, read the
// journal, and put the report together (src/backup/status.ts does the thinking).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupsConfig } from '../../models/backup-config.js';
import type { BackupPolicy } from '../../models/backup-policy.js';
import type { BackupReport } from '../../models/backup-status.js';
import { readBackupJournal, verificationsOf } from './journal.js';
import { buildPolicy } from './policy.js';
import { queryComponents } from './query.js';
import type { QueryOptions } from './query.js';
import { parseSopBackups } from './sop-parse.js';
import { buildReport } from './status.js';
import type { SourceResult } from './status.js';

export const SOP_PATH = '.orchestration/sop.md';

export async function loadPolicy(root: string, config: BackupsConfig): Promise<BackupPolicy> {
  let text: string | undefined;
  try {
    text = await readFile(join(root, SOP_PATH), 'utf8');
  } catch {
    text = undefined;
  }
  const sop = text === undefined ? undefined : parseSopBackups(text, SOP_PATH);
  return buildPolicy(config, sop, { sop: SOP_PATH, config: '.orchestration/opsdeck.yaml' });
}

export type CollectOptions = Omit<QueryOptions, 'root' | 'concurrency' | 'onResult'> & {
  now?: () => Date;
  /** Called with a fresh report each time a source answers. */
  onPartial?: (report: BackupReport) => void;
  /** Queries already started (from the config's components, before the policy was built). */
  started?: Promise<Map<string, SourceResult>>;
};

export async function collectReport(root: string, policy: BackupPolicy, concurrency: number, options: CollectOptions = {}): Promise<BackupReport> {
  const now = options.now ?? (() => new Date());
  const journal = readBackupJournal(root);
  const partial = new Map<string, SourceResult>();
  // a source answering before the journal is read gets no partial report (the journal is local, fast)
  const read: { verifications?: ReturnType<typeof verificationsOf> } = {};
  const results =
    options.started ??
    queryComponents(policy.components, {
      root,
      env: options.env,
      signal: options.signal,
      listingCache: options.listingCache,
      concurrency,
      onResult: (name, result) => {
        partial.set(name, result);
        if (read.verifications && options.onPartial) options.onPartial(buildReport(policy, partial, read.verifications, now()));
      },
    });
  read.verifications = verificationsOf(await journal);
  // While started queries run, one report over no results warms the schedule code up (cron-parser
  // and luxon compiled and first run: ~10 ms) so little is left once the last source answers.
  if (options.started) buildReport(policy, new Map(), read.verifications, now());
  return buildReport(policy, await results, read.verifications, now());
}
