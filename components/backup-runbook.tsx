// The §4.3 recovery runbook: RTO/RPO, each step with its exact command and its last run.
// Enter asks for the step id to be typed before the step runs (one step per run).
import { Text } from 'ink';
import type { BackupPolicy } from '../models/backup-policy.js';
import type { BackupRun } from '../src/backup/journal-fold.js';
import { formatDuration } from '../src/backup/duration.js';
import type { Theme } from './theme.js';
import { cleanLine } from './theme.js';

export function BackupRunbook({ policy, runs, cursor, height, theme }: { policy: BackupPolicy; runs: ReadonlyMap<string, BackupRun>; cursor: number; height: number; theme: Theme }) {
  const lines: Array<{ text: string; style?: object; key: string }> = [
    { key: 'head', text: `Recovery (SOP §4.3): RTO ${formatDuration(policy.rtoMs)} · RPO ${formatDuration(policy.rpoMs)} · one step at a time, each typed to confirm`, style: theme.heading },
  ];
  policy.recoverySteps.forEach((step, i) => {
    const run = runs.get(step.id);
    const last = run ? `  last: ${run.result} ${run.at.slice(5, 16).replace('T', ' ')}` : '  not run';
    lines.push({ key: `${step.id}-t`, text: `${i === cursor ? '>' : ' '} ${i + 1}. ${step.title}${last}`, style: i === cursor ? theme.cursor : run?.result === 'failed' ? theme.error : undefined });
    lines.push({ key: `${step.id}-c`, text: `     $ ${step.command}`, style: theme.dim });
  });
  return (
    <>
      {lines.slice(0, height).map((line) => (
        <Text key={line.key} wrap="truncate-end" {...(line.style ?? {})}>
          {cleanLine(line.text, false)}
        </Text>
      ))}
    </>
  );
}
