// The pre-deployment checklist (SOP §2.1): automated checks with live status, manual items
// ticked by hand, the verdict, and the head of the drafted release notes.
import { Box, Text } from 'ink';
import { checklistVerdict } from '../src/deploy/checklist.js';
import type { CheckState } from '../src/deploy/checklist.js';
import type { Wizard } from '../src/deploy/wizard.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

const SPIN = ['◐', '◓', '◑', '◒'];

function mark(c: CheckState, frame: number): string {
  if (c.status === 'passed') return '✓';
  if (c.status === 'failed') return '✗';
  return SPIN[frame % SPIN.length] ?? '…';
}

export function DeployChecklist({ w, allowProductionOverride, frame, height, theme }: { w: Wizard; allowProductionOverride: boolean; frame: number; height: number; theme: Theme }) {
  const verdict = checklistVerdict({ checks: w.checks, manual: w.manual, production: w.production, allowProductionOverride, overrideReason: w.overrideReason });
  const notesRoom = Math.max(0, height - w.checks.length - w.manual.length - 4);
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text wrap="truncate-end" {...theme.heading}>{`Checks (${w.checks.filter((c) => c.status === 'passed').length}/${w.checks.length} passed)`}</Text>
      {w.checks.map((c) => (
        <Box key={c.name} height={1} flexShrink={0}>
          <Text wrap="truncate-end" {...(c.status === 'failed' ? theme.error : c.status === 'passed' ? theme.info : theme.warn)}>
            {`  ${mark(c, frame)} ${c.name.padEnd(12)} ${c.status}${c.durationMs !== null ? ` ${(c.durationMs / 1000).toFixed(1)}s` : ''}${c.detail ? `: ${cleanLine(c.detail, false)}` : ''}${c.status === 'failed' && c.logPath ? `  (${c.logPath})` : ''}`}
          </Text>
        </Box>
      ))}
      <Text wrap="truncate-end" {...theme.heading}>Manual (space ticks, a ticks all)</Text>
      {w.manual.map((m, i) => (
        <Box key={m.label} height={1} flexShrink={0}>
          <Text wrap="truncate-end" {...(i === w.cursor ? theme.cursor : {})}>{`${i === w.cursor ? '>' : ' '} [${m.ticked ? 'x' : ' '}] ${cleanLine(m.label, false)}`}</Text>
        </Box>
      ))}
      <Text wrap="truncate-end" {...(verdict.ok ? theme.info : theme.warn)}>
        {verdict.ok ? `Ready: Enter for the confirmation${w.overrideReason ? ` (override: ${cleanLine(w.overrideReason, false)})` : ''}` : `Blocked: ${verdict.reason ?? ''}`}
      </Text>
      {notesRoom > 0 && w.releaseNotes.length > 0 ? (
        <Box flexDirection="column" height={Math.min(notesRoom, w.releaseNotes.length)} flexShrink={0} overflow="hidden">
          {w.releaseNotes.slice(0, notesRoom).map((line, i) => (
            <Text key={i} wrap="truncate-end" {...theme.dim}>
              {line === '' ? ' ' : line}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
