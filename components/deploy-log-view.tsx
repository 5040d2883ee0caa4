// A run's log: the visible window of its (sanitized, redacted) lines, following the end unless
// scrolled; the search term is highlighted by a marker column.
import { Box, Text } from 'ink';
import type { DeployLogView } from '../src/store/deploy-slice.js';
import type { Theme } from './theme.js';

export function logWindow(log: DeployLogView, height: number): { start: number; lines: string[] } {
  const maxTop = Math.max(0, log.lines.length - height);
  const start = log.follow ? maxTop : Math.min(log.top, maxTop);
  return { start, lines: log.lines.slice(start, start + height) };
}

export function DeployLogLines({ log, height, theme }: { log: DeployLogView; height: number; theme: Theme }) {
  const { start, lines } = logWindow(log, height);
  const needle = log.search?.toLowerCase() ?? null;
  if (log.lines.length === 0) return <Text {...theme.dim}>(no output yet)</Text>;
  return (
    <Box flexDirection="column" height={Math.min(height, lines.length)} flexShrink={0} overflow="hidden">
      {lines.map((line, i) => (
        <Box key={start + i} height={1} flexShrink={0}>
          <Text wrap="truncate-end" {...(needle && line.toLowerCase().includes(needle) ? theme.accent : {})}>
            {line === '' ? ' ' : line}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
