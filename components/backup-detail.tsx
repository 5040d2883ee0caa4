// A component's detail: its policy, state, error, retention, last verification, and the newest
// backups its source listed.
import { Text } from 'ink';
import type { ComponentStatus } from '../models/backup-status.js';
import type { SourceResult } from '../src/backup/status.js';
import { formatAge, formatSize } from '../src/backup/duration.js';
import { stateStyle } from './backup-table.js';
import type { Theme } from './theme.js';
import { cleanLine } from './theme.js';

export function BackupDetail({ status, result, height, nowMs, theme }: { status: ComponentStatus; result: SourceResult | undefined; height: number; nowMs: number; theme: Theme }) {
  const v = status.verification;
  const lines: Array<{ text: string; style?: object }> = [
    { text: `${status.name} (${status.label}) · ${status.schedule} · ${status.type} · keep ${status.retention}` },
    { text: `source: ${status.source}` },
    { text: `state: ${status.state}: ${status.detail}`, style: stateStyle(theme, status.state) },
    { text: `retention: ${status.retentionState}${status.retentionDetail ? `: ${status.retentionDetail}` : ''}`, style: status.retentionState === 'shortfall' ? theme.error : undefined },
    { text: `verified: ${v ? `${v.result} ${v.at.slice(0, 16).replace('T', ' ')} UTC (${v.runId})` : 'never (v verifies)'}` },
  ];
  if (result?.listing?.pending && result.listing.pending.count > 0) lines.push({ text: `not backed up: ${result.listing.pending.paths.join(', ')}`, style: theme.warn });
  const entries = [...(result?.listing?.entries ?? [])].sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  const cached = result?.listing?.cached ? ' (listing cached, repo unchanged)' : '';
  lines.push({ text: entries.length ? `${entries.length} backups listed, newest first${cached}:` : result?.error ? '' : `no backups listed${cached}`, style: theme.dim });
  for (const e of entries.slice(0, Math.max(0, height - lines.length))) {
    lines.push({ text: `${e.ok ? ' ' : '✗'} ${e.time.slice(5, 16).replace('T', ' ')} ${formatAge(nowMs - Date.parse(e.time)).padEnd(7)} ${(e.type === 'incremental' ? 'incr' : (e.type ?? '')).slice(0, 5).padEnd(5)} ${formatSize(e.size).padEnd(9)} ${e.id ?? ''}` });
  }
  return (
    <>
      {lines.slice(0, height).map((line, i) => (
        <Text key={i} wrap="truncate-end" {...(line.style ?? {})}>
          {cleanLine(line.text, false)}
        </Text>
      ))}
    </>
  );
}
