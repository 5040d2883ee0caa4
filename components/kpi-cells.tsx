// Small pieces of the KPI pane: fixed-width cells, band and status styles.
import { Box, Text } from 'ink';
import type { Band, KpiStatus } from '../models/kpi-report.js';
import { statusMark } from '../src/kpi/format-report.js';
import type { Theme } from './theme.js';

type Style = Theme['info'];

export function Cell({ width, text, style }: { width: number; text: string; style?: Style }) {
  if (width <= 0) return null;
  return (
    <Box width={width} flexShrink={0} marginRight={1}>
      <Text wrap="truncate-end" {...(style ?? {})}>
        {text}
      </Text>
    </Box>
  );
}

export function bandStyle(band: Band | null, theme: Theme): Style {
  if (band === 'elite' || band === 'high') return theme.info;
  if (band === 'medium') return theme.warn;
  if (band === 'low') return theme.error;
  return theme.dim;
}

export function statusStyle(status: KpiStatus, theme: Theme): Style {
  if (status === 'ok') return theme.info;
  if (status === 'warn') return theme.warn;
  if (status === 'miss' || status === 'error') return theme.error;
  return theme.dim;
}

export function StatusCell({ status, theme }: { status: KpiStatus; theme: Theme }) {
  return <Cell width={4} text={statusMark(status, theme.color)} style={statusStyle(status, theme)} />;
}
