// The backups tile's body on the dashboard (issue 5): the summary line, then the components
// that need attention (overdue, failed, due), then the RPO gauge.
import { Text } from 'ink';
import { formatAge } from '../src/backup/duration.js';
import { useAppStore, useTheme } from './store-context.js';
import { rpoBar } from './backup-gauge.js';
import { stateStyle } from './backup-table.js';
import { cleanLine } from './theme.js';

export function BackupsTileBody({ lines }: { lines: number }) {
  const theme = useTheme();
  const report = useAppStore((s) => s.backupReport);
  const error = useAppStore((s) => s.backupError);
  useAppStore((s) => s.minute);
  if (error) {
    return (
      <Text wrap="truncate-end" {...theme.error}>
        {cleanLine(error, false)}
      </Text>
    );
  }
  const waiting = report?.components.filter((c) => c.detail === 'querying…').length ?? 0;
  if (!report || (waiting > 0 && waiting === report.components.filter((c) => c.source !== 'none').length)) return <Text {...theme.dim}>querying backups…</Text>;
  const ok = report.components.filter((c) => c.state === 'ok').length;
  const attention = report.components.filter((c) => c.state !== 'ok' && c.detail !== 'querying…').sort((a, b) => rank(a.state) - rank(b.state));
  const rpo = report.rpo;
  const body = Math.max(0, lines - 1 - (rpo ? 1 : 0));
  return (
    <>
      <Text wrap="truncate-end" {...(report.alert ? theme.error : theme.info)}>
        {`${ok}/${report.components.length} ok${report.alert ? ' · ALERT' : ''}${waiting > 0 ? ' · …' : ''}`}
      </Text>
      {attention.slice(0, body).map((c) => (
        <Text key={c.name} wrap="truncate-end">
          <Text {...stateStyle(theme, c.state)}>{c.state.padEnd(8)}</Text>
          {cleanLine(` ${c.name}${c.last ? ` ${formatAge(c.last.ageMs)}` : ''}`, false)}
        </Text>
      ))}
      {rpo && lines > 1 ? (
        <Text wrap="truncate-end" {...(rpo.breach ? theme.error : theme.dim)}>
          {`RPO ${rpoBar(rpo.ratio, 8)} ${rpo.ageMs === null ? 'none' : formatAge(rpo.ageMs)}${rpo.breach ? ' BREACH' : ''}`}
        </Text>
      ) : null}
    </>
  );
}

function rank(state: string): number {
  return ['failed', 'overdue', 'due', 'unknown', 'ok'].indexOf(state);
}
