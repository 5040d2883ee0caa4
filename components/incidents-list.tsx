// The incident list: one line each, open ones first; the selected one marked with ">".
import { Box, Text } from 'ink';
import type { Incident, SlaRules } from '../models/incident-view.js';
import { slaWords } from '../src/incident/incident-format.js';
import { formatCountdownCoarse, slaState } from '../src/incident/sla.js';
import { useTickingText } from './incident-tick.js';
import { useAppStore } from './store-context.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

export function priorityStyle(theme: Theme, priority: Incident['priority']) {
  return priority === 'P1' ? theme.priority.critical : priority === 'P2' ? theme.priority.high : priority === 'P4' ? theme.priority.low : {};
}

/** The SLA words of one incident; only an open one ticks, and re-renders only when they change. */
export function SlaText({ incident, rules, theme }: { incident: Incident; rules: SlaRules; theme: Theme }) {
  const now = useAppStore((s) => s.now);
  const words = useTickingText(incident.status !== 'resolved', () => slaWords(incident, slaState(incident, rules, now()), formatCountdownCoarse), [incident, rules, now]);
  const style = words.startsWith('BREACHED') || words.startsWith('missed') ? theme.error : incident.status === 'resolved' ? theme.dim : {};
  return <Text {...style}>{words.padEnd(17)}</Text>;
}

function Row({ incident, rules, focused, theme }: { incident: Incident; rules: SlaRules; focused: boolean; theme: Theme }) {
  const closed = incident.status === 'resolved';
  const rowStyle = focused ? theme.cursor : closed ? theme.dim : {};
  return (
    <Box height={1} flexShrink={0} flexDirection="row">
      <Box flexShrink={0}>
        <Text {...rowStyle}>{focused ? '> ' : '  '}</Text>
        <Text {...(focused ? rowStyle : priorityStyle(theme, incident.priority))}>{incident.priority}</Text>
        <Text {...rowStyle}>{` ${incident.id.slice(-4)} ${incident.status.padEnd(13)}`}</Text>
        <SlaText incident={incident} rules={rules} theme={theme} />
      </Box>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Text wrap="truncate-end" {...rowStyle}>
          {cleanLine(incident.title, false)}
        </Text>
      </Box>
    </Box>
  );
}

/** The rows of `incidents` that fit in `height`, keeping the selected one in view. */
export function IncidentList({ incidents, rules, selectedId, height, theme }: { incidents: Incident[]; rules: SlaRules; selectedId: string | null; height: number; theme: Theme }) {
  const at = Math.max(0, incidents.findIndex((i) => i.id === selectedId));
  const start = Math.max(0, Math.min(at - Math.floor(height / 2), incidents.length - height));
  const visible = incidents.slice(start, start + height);
  return (
    <Box flexDirection="column" height={visible.length} flexShrink={0} overflow="hidden">
      {visible.map((incident) => (
        <Row key={incident.id} incident={incident} rules={rules} focused={incident.id === selectedId} theme={theme} />
      ))}
    </Box>
  );
}
