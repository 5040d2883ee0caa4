// The selected environment's recent runs: when, kind, version, result, who.
import { Box, Text } from 'ink';
import type { RunRecord } from '../models/run.js';
import { ageOf } from '../src/deploy/deployed.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

function resultOf(run: RunRecord, live: boolean): string {
  if (run.finished) return run.finished.result + (run.finished.failedStep ? ` at ${run.finished.failedStep}` : '');
  return live ? 'running' : 'unknown';
}

export function DeployHistory({ runs, liveId, now, lines, theme }: { runs: RunRecord[]; liveId: string | null; now: Date; lines: number; theme: Theme }) {
  if (runs.length === 0) return <Text {...theme.dim}>No runs recorded for this environment yet. Press d to deploy.</Text>;
  return (
    <Box flexDirection="column" flexShrink={0}>
      {runs.slice(0, Math.max(1, lines)).map((run) => {
        const result = resultOf(run, run.id === liveId);
        const tone = result.startsWith('success') ? theme.info : result === 'running' ? theme.warn : theme.error;
        const text = `${ageOf(run.started.at, now).padStart(4)} ago  ${run.started.kind.padEnd(8)} ${(run.started.version ?? '-').padEnd(10)} ${run.started.who}`;
        return (
          <Box key={run.id} height={1} flexShrink={0}>
            <Text wrap="truncate-end">
              {cleanLine(text, false)} <Text {...tone}>{cleanLine(result, false)}</Text>
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
