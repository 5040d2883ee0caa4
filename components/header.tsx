// The top line: product, repo name, current environment, the incident badge slot and the clock.
import { Box, Text } from 'ink';
import { CLOCK_WIDTH } from '../src/cli/clock-overlay.js';
import { Clock } from './clock.js';
import { GpuMeter } from './gpu-meter.js';
import { IncidentBadge } from './incident-badge.js';
import { useAppStore, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';

export function Header() {
  const theme = useTheme();
  const repoName = useAppStore((s) => s.repoName);
  const environment = useAppStore((s) => s.environment);
  const showClock = useAppStore((s) => s.clock);
  const clockOverlay = useAppStore((s) => s.clockOverlay);
  const now = useAppStore((s) => s.now);
  const readonly = useAppStore((s) => s.readonly);
  return (
    <Box height={1} flexShrink={0} justifyContent="space-between">
      <Text wrap="truncate-end">
        <Text {...theme.accent} bold={theme.color}>
          opsdeck
        </Text>
        {` · ${cleanLine(repoName, false)} · env: `}
        <Text {...theme.heading}>{environment}</Text>
        {readonly ? <Text {...theme.warn}> · READ-ONLY</Text> : null}
      </Text>
      <Box flexShrink={0}>
        <IncidentBadge />
        <GpuMeter />
        {showClock ? clockOverlay ? <Text>{' '.repeat(CLOCK_WIDTH)}</Text> : <Clock now={now} /> : null}
      </Box>
    </Box>
  );
}
