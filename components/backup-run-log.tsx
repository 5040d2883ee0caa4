// A verification's or recovery step's live log (the run machinery's log view: sanitized,
// secrets redacted, batched), with its result from the journal.
import { Text } from 'ink';
import type { BackupLog } from '../src/store/backup-slice.js';
import type { BackupRun } from '../src/backup/journal-fold.js';
import type { Theme } from './theme.js';
import { cleanLine } from './theme.js';

export function BackupRunLog({ log, run, height, theme }: { log: BackupLog; run: BackupRun | undefined; height: number; theme: Theme }) {
  const result = run?.result ?? 'starting';
  const lines = log.lines.slice(-Math.max(1, height - 1));
  return (
    <>
      <Text wrap="truncate-end" {...(result === 'failed' ? theme.error : result === 'success' ? theme.info : theme.warn)}>
        {cleanLine(`${log.title} · ${log.runId} · ${result}${log.follow ? ' · following' : ''}`, false)}
      </Text>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {cleanLine(line, theme.color)}
        </Text>
      ))}
    </>
  );
}
