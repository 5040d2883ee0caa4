// The command log (`@`): every real command the cockpit or a runner ran, newest last.
import { Box, Text } from 'ink';
import type { CommandLogEntry } from '../models/run-command-log.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

export function DeployCommandLog({ entries, height, scroll, theme }: { entries: CommandLogEntry[]; height: number; scroll: number; theme: Theme }) {
  const visible = Math.max(1, height - 1);
  const end = Math.max(0, entries.length - scroll);
  const shown = entries.slice(Math.max(0, end - visible), end);
  const position = scroll > 0 ? ` · ${scroll} newer below` : '';
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text wrap="truncate-end" {...theme.accent}>{`Command log · ${entries.length} entries${position} · j/k scroll · Esc closes`}</Text>
      {shown.length === 0 ? <Text {...theme.dim}>No commands recorded yet.</Text> : null}
      {shown.map((e, i) => (
        <Box key={i} height={1} flexShrink={0}>
          <Text wrap="truncate-end" {...(e.exitCode === 0 || (e.exitCode !== null && e.exitCode >= 200 && e.exitCode < 300) ? {} : theme.error)}>
            {cleanLine(`${e.at.slice(11, 19)} ${e.source.padEnd(6)} ${String(e.exitCode ?? '-').padStart(3)} ${(e.durationMs / 1000).toFixed(1).padStart(6)}s  ${e.command}`, false)}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
