// The header's incident badge: the open incident with the highest priority, its priority and
// the SLA countdown, red on breach (the words say "SLA BREACHED" too, for NO_COLOR). It ticks
// once a second only while an incident is open, and re-renders only when its words change:
// whole minutes far from the deadline, seconds within two minutes of it.
import { Text } from 'ink';
import { useMemo } from 'react';
import type { Incident, SlaRules } from '../models/incident-view.js';
import { badgeText } from '../src/incident/badge.js';
import { topOpenIncident } from '../src/incident/fold.js';
import { useTickingText } from './incident-tick.js';
import { useAppStore, useTheme } from './store-context.js';
import type { Theme } from './theme.js';

export { badgeText } from '../src/incident/badge.js';

/** The badge's style: red (inverse, bold) on breach, red for P1, yellow otherwise; plain without colour. */
export function badgeStyle(theme: Theme, priority: Incident['priority'], breached: boolean) {
  if (breached) return { ...theme.error, ...(theme.color ? { bold: true, inverse: true } : {}) };
  return priority === 'P1' ? theme.error : theme.warn;
}

function Countdown({ incident, rules, othersOpen }: { incident: Incident; rules: SlaRules; othersOpen: number }) {
  const theme = useTheme();
  const now = useAppStore((s) => s.now);
  const text = useTickingText(true, () => badgeText(incident, rules, now(), othersOpen).text, [incident, rules, now, othersOpen]);
  return (
    <Text wrap="truncate-end" {...badgeStyle(theme, incident.priority, text.includes('SLA BREACHED'))}>
      {text}
    </Text>
  );
}

export function IncidentBadge() {
  const snapshot = useAppStore((s) => s.incident.snapshot);
  const top = useMemo(() => (snapshot ? topOpenIncident(snapshot.incidents) : undefined), [snapshot]);
  const open = useMemo(() => snapshot?.incidents.filter((i) => i.status !== 'resolved').length ?? 0, [snapshot]);
  if (!top || !snapshot) return null;
  return (
    <>
      <Text> </Text>
      <Countdown incident={top} rules={snapshot.sla.rules} othersOpen={open - 1} />
      <Text> </Text>
    </>
  );
}
