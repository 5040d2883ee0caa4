// The confirmation: the exact commands, then the question (typed env name for production).
import { Box, Text } from 'ink';
import { confirmQuestion } from '../src/deploy/confirm.js';
import type { ConfirmState } from '../src/deploy/confirm.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

export function PlanLines({ lines, height, theme }: { lines: string[]; height: number; theme: Theme }) {
  return (
    <Box flexDirection="column" height={Math.min(Math.max(1, height), lines.length)} flexShrink={0} overflow="hidden">
      {lines.slice(0, Math.max(1, height)).map((line, i) => (
        <Text key={i} wrap="truncate-end" {...(i === 0 ? theme.heading : line.includes('note:') ? theme.dim : {})}>
          {cleanLine(line, false)}
        </Text>
      ))}
    </Box>
  );
}

export function DeployConfirm({ confirm, lines, height, theme }: { confirm: ConfirmState; lines: string[]; height: number; theme: Theme }) {
  return (
    <Box flexDirection="column" flexShrink={0}>
      <PlanLines lines={lines} height={height - 3} theme={theme} />
      <Text wrap="truncate-end" {...(confirm.production ? theme.error : theme.warn)}>
        {`${confirm.production ? 'PRODUCTION. ' : ''}${confirmQuestion(confirm)}`}
      </Text>
      {confirm.production ? <Text wrap="truncate-end">{`> ${cleanLine(confirm.typed, false)}█`}</Text> : null}
      {confirm.notice ? (
        <Text wrap="truncate-end" {...theme.warn}>
          {confirm.notice}
        </Text>
      ) : null}
    </Box>
  );
}
