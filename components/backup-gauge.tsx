// The RPO gauge: the newest restorable database backup's age against the RPO, as a bar.
import { Text } from 'ink';
import type { RpoGauge } from '../models/backup-status.js';
import { formatAge, formatDuration } from '../src/backup/duration.js';
import type { Theme } from './theme.js';
import { cleanLine } from './theme.js';

const BAR = 20;

export function rpoBar(ratio: number | null, width = BAR): string {
  if (ratio === null) return `[${'?'.repeat(width)}]`;
  const filled = Math.max(0, Math.min(width, Math.round(ratio * width)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

export function BackupGauge({ rpo, rtoMs, nowMs, reportMs, theme }: { rpo: RpoGauge | null; rtoMs: number; nowMs: number; reportMs: number; theme: Theme }) {
  if (!rpo) {
    return (
      <Text wrap="truncate-end" {...theme.dim}>
        {`RPO: no database component · RTO ${formatDuration(rtoMs)}`}
      </Text>
    );
  }
  // ages move on between refreshes
  const age = rpo.ageMs === null ? null : rpo.ageMs + Math.max(0, nowMs - reportMs);
  const breach = age === null ? rpo.breach : age > rpo.rpoMs;
  const ratio = age === null ? null : age / rpo.rpoMs;
  return (
    <Text wrap="truncate-end">
      {`RPO ${formatDuration(rpo.rpoMs)} `}
      <Text {...(breach ? theme.error : theme.info)}>{rpoBar(ratio)}</Text>
      {age === null ? ' no restorable database backup' : ` ${formatAge(age)} (${cleanLine(rpo.component ?? '', false)})`}
      <Text {...(breach ? theme.error : theme.dim)}>{breach ? ' BREACH' : ' ok'}</Text>
      {` · RTO ${formatDuration(rtoMs)}`}
    </Text>
  );
}
