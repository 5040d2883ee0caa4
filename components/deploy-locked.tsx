// The wizard's `locked` step: the launch was refused because another run holds the
// environment's lock. Who holds it (run, user, since), what that run is doing now (the journal
// is watched, so it turns to finished by itself), how to follow it, and what Enter does.
import { Box, Text } from 'ink';
import type { RunRecord } from '../models/run.js';
import { ageOf, clockOf } from '../src/deploy/deployed.js';
import type { Wizard } from '../src/deploy/wizard.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

function holderState(run: RunRecord | undefined, live: boolean): string {
  if (run?.finished) return `finished: ${run.finished.result}. Enter tries again`;
  if (live) return 'running';
  return run ? 'no end recorded (its runner may be gone)' : 'not in the deploy journal';
}

export function DeployLocked({ w, run, live, now, height, theme }: { w: Wizard; run: RunRecord | undefined; live: boolean; now: Date; height: number; theme: Theme }) {
  const lock = w.lock;
  if (!lock) return null;
  const env = w.env ?? '';
  const what = run ? ` · ${run.started.kind} ${run.started.version ?? ''}`.trimEnd() : '';
  const again = w.kind === 'deploy' ? 'Enter: re-run the checks and re-read the versions' : 'Enter: re-read the journal and the rollback target';
  const lines: Array<{ text: string; tone?: keyof Pick<Theme, 'error' | 'warn' | 'info' | 'dim'> }> = [
    { text: w.refusals > 1 ? `Refused again: ${env} is still locked (${w.refusals} tries)` : `Refused: ${env} is locked by another run`, tone: 'error' },
    { text: `  run    ${lock.runId}${what}` },
    { text: `  by     ${lock.who} · pid ${lock.pid} on ${lock.host}` },
    { text: `  since  ${clockOf(lock.since)} (${ageOf(lock.since, now)} ago)` },
    { text: `  now    ${holderState(run, live)}`, tone: run?.finished ? 'info' : 'warn' },
    { text: `Follow it: opsdeck runs follow ${lock.runId}`, tone: 'dim' },
    { text: `${again}, then ask again`, tone: 'dim' },
    { text: `Esc: back to the table, where Enter on ${env} follows that run`, tone: 'dim' },
  ];
  return (
    <Box flexDirection="column" flexShrink={0}>
      {lines.slice(0, Math.max(1, height)).map((line, i) => (
        <Box key={i} height={1} flexShrink={0}>
          <Text wrap="truncate-end" {...(line.tone ? theme[line.tone] : {})}>
            {cleanLine(line.text, false)}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
