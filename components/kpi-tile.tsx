// The KPIs tile's body on the dashboard (issue 6): the four DORA figures with their bands and
// how many SOP KPIs meet their targets.
import { Box, Text } from 'ink';
import { paneKey } from '../src/keys/keymap.js';
import { Cell, bandStyle } from './kpi-cells.js';
import { useAppStore, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';

const SHORT: Record<string, string> = { deployFrequency: 'Deploys', leadTime: 'Lead time', changeFailureRate: 'Failures', timeToRestore: 'Restore' };

export function KpiTileBody({ lines }: { lines: number }) {
  const theme = useTheme();
  const report = useAppStore((s) => s.kpiReports[`${s.kpiEnvironment}:${s.kpiWindow}`]);
  const computing = useAppStore((s) => s.kpiComputing);
  const error = useAppStore((s) => s.kpiError);
  const keymap = useAppStore((s) => s.keymap);
  if (!report) {
    if (error) return <Text wrap="truncate-end" {...theme.error}>{cleanLine(error, false)}</Text>;
    return <Text {...theme.dim}>{computing ? 'computing…' : `Press ${paneKey(keymap, 'kpi')} to open.`}</Text>;
  }
  const counts = { ok: 0, warn: 0, miss: 0 };
  for (const row of report.kpis) if (row.status === 'ok' || row.status === 'warn' || row.status === 'miss') counts[row.status] += 1;
  const figures = report.dora.slice(0, Math.max(0, lines - 1));
  return (
    <>
      {figures.map((f) => (
        <Box key={f.id} height={1} flexShrink={0}>
          <Cell width={9} text={SHORT[f.id] ?? f.label} />
          <Cell width={11} text={f.display.split(' · ')[0]!.replace(/ \(.*\)$/, '')} />
          <Box flexGrow={1}>
            <Text wrap="truncate-end" {...bandStyle(f.band, theme)}>
              {f.band ?? '-'}
            </Text>
          </Box>
        </Box>
      ))}
      {lines > figures.length ? (
        <Text wrap="truncate-end" {...(counts.miss > 0 ? theme.error : counts.warn > 0 ? theme.warn : theme.dim)}>
          {`SOP: ${counts.ok} ok · ${counts.warn} warn · ${counts.miss} miss`}
        </Text>
      ) : null}
    </>
  );
}
