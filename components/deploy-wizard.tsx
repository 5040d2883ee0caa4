// The deploy/rollback wizard: env -> version (or rollback target) -> checklist -> confirmation
// -> run. Selection is driven by the store's dispatcher (no ink-select-input: it has a stale-
// handler bug), so fast keys never pick the wrong row.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { Wizard } from '../src/deploy/wizard.js';
import { DeployChecklist } from './deploy-checklist.js';
import { DeployConfirm, PlanLines } from './deploy-confirm.js';
import { DeployLocked } from './deploy-locked.js';
import { DeployRun } from './deploy-run.js';
import { useAppStore, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

function Choices({ rows, cursor, height, theme }: { rows: string[]; cursor: number; height: number; theme: Theme }) {
  const start = Math.max(0, Math.min(cursor - Math.floor(height / 2), rows.length - height));
  return (
    <Box flexDirection="column" flexShrink={0}>
      {rows.slice(start, start + Math.max(1, height)).map((row, i) => (
        <Box key={start + i} height={1} flexShrink={0}>
          <Text wrap="truncate-end" {...(start + i === cursor ? theme.cursor : {})}>{`${start + i === cursor ? '>' : ' '} ${cleanLine(row, false)}`}</Text>
        </Box>
      ))}
    </Box>
  );
}

/** A 4 Hz frame counter, only while something spins. */
function useFrame(active: boolean): number {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setFrame((f) => f + 1), 250);
    return () => clearInterval(timer);
  }, [active]);
  return frame;
}

function title(w: Wizard): string {
  const what = w.planOnly ? 'Plan' : w.kind === 'deploy' ? 'Deploy' : 'Rollback';
  const env = w.env ? ` → ${w.env}${w.production ? ' (production)' : ''}` : '';
  const version = w.kind === 'deploy' && w.choice ? ` ${w.choice.version}` : w.rollback ? ` ${w.rollback.label}` : '';
  return `${what}${version}${env} · ${w.step}`;
}

export function DeployWizard({ w, height }: { w: Wizard; height: number }) {
  const theme = useTheme();
  const envs = useAppStore((s) => s.deployConfig.environments);
  const allowOverride = useAppStore((s) => s.deployConfig.deploy.allowProductionOverride);
  const run = useAppStore((s) => (w.runId ? s.deployRuns.find((r) => r.id === w.runId) : undefined));
  const log = useAppStore((s) => s.deployLog);
  const holder = useAppStore((s) => (w.lock ? s.deployRuns.find((r) => r.id === w.lock?.runId) : undefined));
  const holderLive = useAppStore((s) => (w.lock ? s.deployLive.includes(w.lock.runId) : false));
  const spinning = (w.step === 'checklist' && w.checks.some((c) => c.status === 'running' || c.status === 'pending')) || (w.step === 'running' && !run?.finished);
  const frame = useFrame(spinning);
  // what changed since a lock refusal, above the checklist and the confirmation
  const notice = w.notice && (w.step === 'checklist' || w.step === 'confirm') ? w.notice : null;
  const body = height - 1 - (notice ? 1 : 0);
  let content;
  if (w.loading) content = <Text {...theme.dim}>reading git tags and commits…</Text>;
  else if (w.step === 'env') content = <Choices rows={envs.map((e) => `${e.name}${e.production ? '  (production)' : ''}`)} cursor={w.cursor} height={body} theme={theme} />;
  else if (w.step === 'version' && w.kind === 'deploy')
    content = (
      <Box flexDirection="column">
        <Text wrap="truncate-end" {...theme.dim}>{`Enter picks · n types a version · P push the new tag: ${w.push ? 'yes' : 'no'}${w.remote ? ` (${w.remote})` : ' (no remote)'}`}</Text>
        <Choices rows={w.versions.map((v) => v.label)} cursor={w.cursor} height={body - 1} theme={theme} />
      </Box>
    );
  else if (w.step === 'version') content = <Choices rows={w.rollbacks.map((r) => r.label)} cursor={w.cursor} height={body} theme={theme} />;
  else if (w.step === 'checklist') content = <DeployChecklist w={w} allowProductionOverride={allowOverride} frame={frame} height={body} theme={theme} />;
  else if (w.step === 'plan')
    content = (
      <Box flexDirection="column">
        <Text {...theme.dim}>Plan only: nothing runs. Enter or Esc closes.</Text>
        <PlanLines lines={w.planLines} height={body - 1} theme={theme} />
      </Box>
    );
  else if (w.step === 'confirm' && w.confirm) content = <DeployConfirm confirm={w.confirm} lines={w.planLines} height={body} theme={theme} />;
  else if (w.step === 'locked') content = <DeployLocked w={w} run={holder} live={holderLive} now={new Date()} height={body} theme={theme} />;
  else content = <DeployRun run={run} log={log} nowMs={Date.now()} frame={frame} height={body} theme={theme} />;
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text wrap="truncate-end" {...theme.accent}>
        {cleanLine(title(w), false)}
      </Text>
      {notice ? (
        <Text wrap="truncate-end" {...theme.warn}>
          {cleanLine(notice, false)}
        </Text>
      ) : null}
      {content}
    </Box>
  );
}
