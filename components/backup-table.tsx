// The Backups pane's component table: one row per component, the cursor row marked ">".
import { Text } from 'ink';
import type { ComponentStatus } from '../models/backup-status.js';
import { formatAge, formatSize } from '../src/backup/duration.js';
import { verificationLabel } from '../src/backup/format.js';
import type { Theme } from './theme.js';
import { cleanLine } from './theme.js';

export function stateStyle(theme: Theme, state: ComponentStatus['state']) {
  if (state === 'overdue' || state === 'failed') return theme.error;
  if (state === 'due' || state === 'unknown') return theme.warn;
  return theme.info;
}

function cell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function when(iso: string | null | undefined): string {
  return iso ? iso.slice(5, 16).replace('T', ' ') : '-';
}

export function BackupTable({ components, cursor, height, nowMs, theme }: { components: ComponentStatus[]; cursor: number; height: number; nowMs: number; theme: Theme }) {
  const rows = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(cursor - rows + 1, components.length - rows));
  const shown = components.slice(Math.max(0, start), Math.max(0, start) + rows);
  return (
    <>
      <Text wrap="truncate-end" {...theme.dim}>
        {`  ${cell('COMPONENT', 18)} ${cell('STATE', 8)} ${cell('LAST', 11)} ${cell('AGE', 7)} ${cell('SIZE', 8)} ${cell('NEXT', 11)} VERIFIED`}
      </Text>
      {shown.map((c, i) => {
        const index = start + i;
        const selected = index === cursor;
        const age = c.last ? formatAge(nowMs - Date.parse(c.last.time)) : '-';
        const mark = c.error ? '!' : c.retentionState === 'shortfall' ? '~' : ' ';
        return (
          <Text key={c.name} wrap="truncate-end" {...(selected ? theme.cursor : {})}>
            {selected ? '>' : ' '}
            {mark}
            {cell(cleanLine(c.name, false), 18)} <Text {...stateStyle(theme, c.state)}>{cell(c.state, 8)}</Text> {cell(when(c.last?.time), 11)} {cell(age, 7)} {cell(formatSize(c.last?.size) || '-', 8)} {cell(when(c.nextExpected), 11)}{' '}
            {verificationLabel(c)}
          </Text>
        );
      })}
    </>
  );
}
