// The KPI pane's drill-down: how one figure was worked out and the deploys and incidents it
// rests on, scrolled with a cursor.
import { Box, Text } from 'ink';
import type { KpiReport } from '../models/kpi-report.js';
import { drillOf } from '../src/kpi/pane-rows.js';
import type { PaneRow } from '../src/kpi/pane-rows.js';
import { windowStart } from '../src/store/task-rows.js';
import { Cell } from './kpi-cells.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

export function KpiDrill({ report, row, cursor, height, theme }: { report: KpiReport; row: PaneRow; cursor: number; height: number; theme: Theme }) {
  const drill = drillOf(report, row);
  const listHeight = Math.max(1, height - 1 - drill.lines.length);
  const start = windowStart(cursor, drill.items.length, listHeight, 0);
  const visible = drill.items.slice(start, start + listHeight);
  const idWidth = Math.min(28, Math.max(8, ...drill.items.map((i) => i.id.length)));
  const valueWidth = Math.min(34, Math.max(2, ...drill.items.map((i) => (i.value ?? '').length)));
  return (
    <Box flexDirection="column" flexShrink={0} height={height} overflow="hidden">
      <Text wrap="truncate-end" {...theme.heading}>
        {cleanLine(drill.title, false)}
      </Text>
      {drill.lines.map((line, i) => (
        <Text key={i} wrap="truncate-end" {...theme.dim}>
          {cleanLine(line, false)}
        </Text>
      ))}
      {drill.items.length === 0 ? <Text {...theme.dim}>Nothing behind this figure in the window.</Text> : null}
      {visible.map((item, i) => {
        const focused = start + i === cursor;
        return (
          <Box key={`${item.id}-${start + i}`} height={1} flexShrink={0}>
            <Cell width={1} text={focused ? ">" : " "} style={theme.accent} />
            <Cell width={11} text={item.at ? `${item.at.slice(5, 10)} ${item.at.slice(11, 16)}` : ''} style={theme.dim} />
            <Cell width={idWidth} text={cleanLine(item.id, false)} style={focused ? theme.cursor : undefined} />
            <Cell width={valueWidth} text={cleanLine(item.value ?? '', false)} />
            <Box flexGrow={1}>
              <Text wrap="truncate-end" {...theme.dim}>
                {cleanLine(item.text, false)}
              </Text>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
