// The KPIs pane (issue 6): the DORA figures with bands, n and trends; the SOP §6 KPIs measured
// beside stated and target; the sop.md lines it could not read. Enter drills into a figure.
// It renders the last report at once (from memory or the cache); recomputation is background.
import { Box, Text } from 'ink';
import { useRef } from 'react';
import type { KpiReport } from '../models/kpi-report.js';
import { measuredText, trendLine } from '../src/kpi/format-report.js';
import { paneRows } from '../src/kpi/pane-rows.js';
import type { PaneRow } from '../src/kpi/pane-rows.js';
import { paneKey } from '../src/keys/keymap.js';
import { listHeight } from '../src/store/layout.js';
import { windowStart } from '../src/store/task-rows.js';
import { Cell, StatusCell, bandStyle } from './kpi-cells.js';
import { KpiDrill } from './kpi-drill.js';
import { useAppStore, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

type Line = { key: string; heading: string } | { key: string; row: PaneRow; index: number };

function ago(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 120) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

function RowLine({ row, focused, columns, theme }: { row: PaneRow; focused: boolean; columns: number; theme: Theme }) {
  const mark = <Cell width={1} text={focused ? '>' : ' '} style={theme.accent} />;
  if (row.kind === 'dora') {
    const f = row.figure;
    const trend = Math.max(0, Math.min(30, columns - 66));
    return (
      <Box height={1} flexShrink={0}>
        {mark}
        <Cell width={19} text={f.label} style={focused ? theme.cursor : undefined} />
        <Cell width={24} text={f.display} />
        <Cell width={6} text={f.band ?? '-'} style={bandStyle(f.band, theme)} />
        <Cell width={8} text={`n=${f.n}`} style={theme.dim} />
        <Cell width={trend} text={trendLine(f.trend, trend)} style={theme.accent} />
      </Box>
    );
  }
  if (row.kind === 'unparsed') {
    return (
      <Box height={1} flexShrink={0}>
        {mark}
        <Text wrap="truncate-end" {...theme.warn}>{`sop.md: ${row.count} line(s) in §6 not understood (Enter lists them)`}</Text>
      </Box>
    );
  }
  const k = row.row;
  const fixed = 4 + 6 + 22 + 17 + 14;
  // Wide terminals get the KPI's trend after a fixed-width target.
  const trend = columns >= 100 ? Math.min(30, columns - fixed - 20) : 0;
  const rest = trend > 0 ? 18 : Math.max(8, columns - fixed);
  return (
    <Box height={1} flexShrink={0}>
      {mark}
      <StatusCell status={k.status} theme={theme} />
      <Cell width={21} text={cleanLine(k.name, false)} style={focused ? theme.cursor : undefined} />
      <Cell width={16} text={k.status === 'stated' ? 'as stated' : k.status === 'error' ? 'error' : measuredText(k)} style={k.status === 'error' ? theme.error : undefined} />
      <Cell width={13} text={cleanLine(k.stated ?? '-', false)} style={theme.dim} />
      <Cell width={rest} text={cleanLine(k.target, false)} />
      <Cell width={trend} text={k.trend.length > 0 ? trendLine(k.trend, trend) : ''} style={theme.accent} />
    </Box>
  );
}

function linesOf(report: KpiReport, rows: PaneRow[]): Line[] {
  const lines: Line[] = [{ key: 'h-dora', heading: `DORA · ${report.environment} · n = deploys / commits / restores` }];
  rows.forEach((row, index) => {
    if (row.kind === 'kpi' && index === report.dora.length) {
      lines.push({ key: 'h-sop', heading: report.sopFound ? `SOP §6 KPIs · measured · stated · target${report.sopDate ? ` (SOP of ${report.sopDate})` : ''}` : 'SOP §6: no .orchestration/sop.md' });
    }
    lines.push({ key: `r-${index}`, row, index });
  });
  if (report.kpis.length === 0) lines.push({ key: 'h-none', heading: report.sopFound ? 'No §6.1/§6.2 KPIs found in sop.md.' : 'No .orchestration/sop.md: only DORA is shown.' });
  return lines;
}

export function KpiPane() {
  const theme = useTheme();
  const report = useAppStore((s) => s.kpiReports[`${s.kpiEnvironment}:${s.kpiWindow}`]);
  const windowDays = useAppStore((s) => s.kpiWindow);
  const environment = useAppStore((s) => s.kpiEnvironment);
  const computing = useAppStore((s) => s.kpiComputing);
  const error = useAppStore((s) => s.kpiError);
  const cursor = useAppStore((s) => s.kpiCursor);
  const drill = useAppStore((s) => s.kpiDrill);
  const drillCursor = useAppStore((s) => s.kpiDrillCursor);
  const { rows: screenRows, columns } = useAppStore((s) => s.size);
  const minute = useAppStore((s) => s.minute);
  const keymap = useAppStore((s) => s.keymap);
  const startRef = useRef(0);

  const height = listHeight(screenRows);
  const rows = paneRows(report);
  const focus = Math.min(cursor, Math.max(0, rows.length - 1));
  const status = [computing ? 'computing…' : null, report ? `computed ${ago(report.computedAt, minute * 60_000 + 59_999)}` : null].filter(Boolean).join(' · ');
  const title = (
    <Box height={1} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text {...theme.heading}>{`${paneKey(keymap, 'kpi')} KPIs`}</Text>
        {` · ${cleanLine(environment, false)} · last ${windowDays} d${status ? ` · ${status}` : ''}`}
      </Text>
    </Box>
  );
  const problem = error ? (
    <Text wrap="truncate-end" {...theme.error}>
      {`KPIs could not be computed: ${cleanLine(error, false)}`}
    </Text>
  ) : null;

  if (!report) {
    return (
      <Box flexDirection="column" flexGrow={1} flexShrink={0}>
        {title}
        {problem ?? <Text {...theme.dim}>{computing ? 'Computing the KPIs from the journal, incidents and git…' : 'No KPIs yet. Press r to compute them.'}</Text>}
      </Box>
    );
  }
  const drilled = drill === null ? undefined : rows[drill];
  if (drilled) {
    return (
      <Box flexDirection="column" flexGrow={1} flexShrink={0}>
        {title}
        <KpiDrill report={report} row={drilled} cursor={drillCursor} height={height} theme={theme} />
      </Box>
    );
  }
  const lines = linesOf(report, rows);
  const listRows = Math.max(1, height - (problem ? 1 : 0));
  const focusLine = lines.findIndex((l) => 'row' in l && l.index === focus);
  const start = focus === 0 ? 0 : windowStart(focusLine, lines.length, listRows, startRef.current);
  startRef.current = start;
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={0}>
      {title}
      {problem}
      <Box flexDirection="column" height={listRows} flexShrink={0} overflow="hidden">
        {lines.slice(start, start + listRows).map((line) =>
          'heading' in line ? (
            <Text key={line.key} wrap="truncate-end" {...theme.heading}>
              {line.heading}
            </Text>
          ) : (
            <RowLine key={line.key} row={line.row} focused={line.index === focus} columns={columns} theme={theme} />
          ),
        )}
      </Box>
    </Box>
  );
}
