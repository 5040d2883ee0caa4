// The selected incident: a header (id, priority, SLA rule, who acknowledged, the cause) and the
// newest timeline entries that fit, the automatic run entries included.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Incident, SlaRules } from '../models/incident-view.js';
import { formatTimelineLine, shortTime } from '../src/incident/incident-format.js';
import type { RunJournal } from '../src/incident/run-entries.js';
import { describeRule, slaState } from '../src/incident/sla.js';
import { incidentTimeline } from '../src/incident/timeline.js';
import { useAppStore } from './store-context.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

/** "not acknowledged", with the response deadline when the SOP gives one. */
function unacked(incident: Incident, rules: SlaRules, at: Date): string {
  if (incident.status === 'resolved') return 'never acknowledged';
  const sla = slaState(incident, rules, at);
  if (sla.responseBreached) return 'NOT ACKNOWLEDGED, response overdue';
  if (rules[incident.priority].response.kind === 'immediate') return 'not acknowledged: respond now';
  return sla.responseDueAt ? `not acknowledged: respond by ${shortTime(sla.responseDueAt, at)}` : 'not acknowledged';
}

export type DetailProps = { incident: Incident; rules: SlaRules; runs: RunJournal; height: number; width: number; theme: Theme };

export function IncidentDetail({ incident, rules, runs, height, width, theme }: DetailProps) {
  const minute = useAppStore((s) => s.minute);
  const now = useAppStore((s) => s.now);
  // the automatic entries of an open incident grow with time: recompute once a minute or on reload
  const timeline = useMemo(() => incidentTimeline(incident, runs, now()), [incident, runs, now, minute]);
  const at = now();
  const rule = rules[incident.priority];
  const who = (w: string | null) => cleanLine((w ?? '?').split('@')[0] ?? '?', false);
  const facts = [
    `opened ${shortTime(incident.openedAt, at)} by ${who(incident.openedBy)}`,
    incident.acknowledgedAt ? `acked ${shortTime(incident.acknowledgedAt, at)} by ${who(incident.acknowledgedBy)}` : unacked(incident, rules, at),
    incident.resolvedAt ? `resolved ${shortTime(incident.resolvedAt, at)}` : null,
    incident.cause ? `cause ${cleanLine(incident.cause, false)}` : null,
  ].filter(Boolean);
  const rows = Math.max(0, height - 2);
  const scroll = Math.min(useAppStore((s) => s.incident.scroll), Math.max(0, timeline.length - rows));
  const end = timeline.length - scroll;
  const shown = timeline.slice(Math.max(0, end - rows), end);
  const earlier = Math.max(0, end - rows);
  if (earlier > 0 || scroll > 0) facts.push(`${earlier} earlier${scroll > 0 ? `, ${scroll} newer` : ''} (PgUp/PgDn)`);
  return (
    <Box flexDirection="column" flexShrink={0} height={Math.min(height, shown.length + 2)} overflow="hidden">
      <Text wrap="truncate-end" {...theme.accent}>
        {`── ${incident.id} · ${incident.priority} ${cleanLine(rule.label, false)} · ${describeRule(rule)} ──`}
      </Text>
      <Text wrap="truncate-end">{facts.join(' · ')}</Text>
      {shown.map((entry, i) => (
        <Text key={`${entry.at}-${i}`} wrap="truncate-end" {...(entry.runId ? theme.dim : {})}>
          {formatTimelineLine(entry, at, width)}
        </Text>
      ))}
    </Box>
  );
}
