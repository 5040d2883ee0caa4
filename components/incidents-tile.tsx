// The incidents tile's body on the dashboard (issue 6): how many are open, the most urgent
// ones with their SLA due time, or the last resolved one. Refreshes once a minute, no faster.
import { Text } from 'ink';
import { useMemo } from 'react';
import { slaState } from '../src/incident/sla.js';
import { useAppStore, useTheme } from './store-context.js';
import { priorityStyle } from './incidents-list.js';
import { cleanLine } from './theme.js';

export function IncidentsTileBody({ lines }: { lines: number }) {
  const theme = useTheme();
  const snapshot = useAppStore((s) => s.incident.snapshot);
  const error = useAppStore((s) => s.incident.error);
  // re-render once a minute so due/breached words stay current without a per-second timer
  useAppStore((s) => s.minute);
  const now = useAppStore((s) => s.now);
  const open = useMemo(() => snapshot?.incidents.filter((i) => i.status !== 'resolved') ?? [], [snapshot]);
  if (error) {
    return (
      <Text wrap="truncate-end" {...theme.error}>
        {cleanLine(error, false)}
      </Text>
    );
  }
  if (!snapshot) return <Text {...theme.dim}>loading…</Text>;
  const at = now();
  if (open.length === 0) {
    const last = snapshot.incidents.find((i) => i.status === 'resolved');
    return (
      <>
        <Text wrap="truncate-end">No open incidents.</Text>
        <Text wrap="truncate-end" {...theme.dim}>
          i declares one.
        </Text>
        {last && lines > 2 ? (
          <Text wrap="truncate-end" {...theme.dim}>
            {`last: ${last.priority} ${last.resolvedAt?.slice(5, 10) ?? ''} ${cleanLine(last.title, false)}`}
          </Text>
        ) : null}
      </>
    );
  }
  const breached = open.filter((i) => slaState(i, snapshot.sla.rules, at).breached).length;
  return (
    <>
      <Text wrap="truncate-end" {...(breached > 0 ? theme.error : theme.warn)}>
        {`${open.length} open${breached > 0 ? ` · ${breached} SLA breached` : ''}`}
      </Text>
      {open.slice(0, Math.max(0, lines - 1)).map((i) => {
        const sla = slaState(i, snapshot.sla.rules, at);
        return (
          <Text key={i.id} wrap="truncate-end">
            <Text {...priorityStyle(theme, i.priority)}>{i.priority}</Text>
            {` ${sla.breached ? 'BREACHED' : `due ${sla.dueAt.slice(11, 16)}`} ${cleanLine(i.title, false)}`}
          </Text>
        );
      })}
    </>
  );
}
