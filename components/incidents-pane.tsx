// The Incidents pane (issue 6): the incident list (open first) above the selected incident's
// timeline. Keys: j/k select, n note, a ack, R resolve, p priority, e postmortem, A ask, i declare.
import { Box, Text } from 'ink';
import { paneKey } from '../src/keys/keymap.js';
import { bodyHeight } from '../src/store/layout.js';
import { IncidentDetail } from './incidents-detail.js';
import { IncidentList } from './incidents-list.js';
import { useAppStore, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';

export function IncidentsPane() {
  const theme = useTheme();
  const state = useAppStore((s) => s.incident);
  const keymap = useAppStore((s) => s.keymap);
  const rows = useAppStore((s) => s.size.rows);
  const columns = useAppStore((s) => s.size.columns);
  const selected = useAppStore((s) => s.selectedIncident());
  const { snapshot, error } = state;
  const height = bodyHeight(rows);
  const incidents = snapshot?.incidents ?? [];
  const open = incidents.filter((i) => i.status !== 'resolved').length;
  const problems = snapshot ? [...snapshot.problems, ...snapshot.sla.problems] : [];
  const listHeight = Math.min(incidents.length, Math.max(3, Math.floor((height - 1) / 3)));
  const detailHeight = Math.max(0, height - 1 - listHeight - (problems.length > 0 ? 1 : 0));

  let body;
  if (error) body = <Text wrap="truncate-end" {...theme.error}>{`Could not read the incidents: ${cleanLine(error, false)}`}</Text>;
  else if (!snapshot) body = <Text {...theme.dim}>loading…</Text>;
  else if (incidents.length === 0) body = <Text {...theme.dim}>No incidents. Press i to declare one (priority, then title).</Text>;
  else {
    body = (
      <>
        <IncidentList incidents={incidents} rules={snapshot.sla.rules} selectedId={state.selectedId} height={listHeight} theme={theme} />
        {selected && detailHeight > 0 ? (
          <IncidentDetail incident={selected} rules={snapshot.sla.rules} runs={snapshot.runs} height={detailHeight} width={columns} theme={theme} />
        ) : null}
      </>
    );
  }
  const first = problems[0];
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={0}>
      <Box height={1} flexShrink={0}>
        <Text wrap="truncate-end">
          <Text {...theme.heading}>{`${paneKey(keymap, 'incidents')} Incidents`}</Text>
          {snapshot ? ` · ${open} open · ${incidents.length} total` : ''}
        </Text>
      </Box>
      {first ? (
        <Text wrap="truncate-end" {...theme.warn}>
          {`${theme.color ? '' : 'warning: '}${problems.length} problem line${problems.length === 1 ? '' : 's'}: ${cleanLine(first.file, false)}:${first.line}: ${cleanLine(first.reason, false)}`}
        </Text>
      ) : null}
      {body}
    </Box>
  );
}
