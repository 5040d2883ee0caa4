// A run in progress (or just ended): each step with a spinner, elapsed time and pass or fail,
// then the live output tail. After a failed deploy it offers the rollback at once.
import { Box, Text } from 'ink';
import type { RunRecord } from '../models/run.js';
import type { DeployLogView } from '../src/store/deploy-slice.js';
import { DeployLogLines } from './deploy-log-view.js';
import type { Theme } from './theme.js';

const SPIN = ['◐', '◓', '◑', '◒'];

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function DeployRun({ run, log, nowMs, frame, height, theme }: { run: RunRecord | undefined; log: DeployLogView | null; nowMs: number; frame: number; height: number; theme: Theme }) {
  if (!run) return <Text {...theme.dim}>starting the run…</Text>;
  const result = run.finished?.result;
  const failedDeploy = result !== undefined && result !== 'success' && run.started.kind === 'deploy';
  const outputRoom = Math.max(1, height - run.steps.length - 3);
  return (
    <Box flexDirection="column" flexShrink={0}>
      {run.steps.map((step) => {
        const f = step.finished;
        const running = !f && step.startedAt !== undefined && !run.finished;
        const markText = f ? (f.ok ? '✓' : '✗') : running ? (SPIN[frame % SPIN.length] ?? '…') : '·';
        const elapsed = f ? seconds(f.durationMs) : running && step.startedAt ? seconds(nowMs - Date.parse(step.startedAt)) : '';
        const tone = f ? (f.ok ? theme.info : theme.error) : running ? theme.warn : theme.dim;
        return (
          <Box key={step.id} height={1} flexShrink={0}>
            <Text wrap="truncate-end" {...tone}>{`  ${markText} ${step.title.padEnd(24)} ${elapsed}${f && !f.ok && f.detail ? `  ${f.detail}` : ''}`}</Text>
          </Box>
        );
      })}
      <Text wrap="truncate-end" {...(result === 'success' ? theme.info : result ? theme.error : theme.warn)}>
        {result
          ? `${run.started.kind} ${result}${failedDeploy ? `. r rolls back to ${run.started.previousVersion ?? 'the previous version'} now` : ''}`
          : 'running: Esc hides (the run goes on), x aborts, l full log, Ctrl-C asks then detaches'}
      </Text>
      {log ? <DeployLogLines log={{ ...log, follow: true }} height={outputRoom} theme={theme} /> : null}
    </Box>
  );
}
