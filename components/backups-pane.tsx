// The Backups pane (issue 5): the component table with the RPO gauge, a component's detail
// (Enter), the §4.3 recovery runbook (R) and a run's live log (after v or a recovery step).
// Keys: j/k select, Enter details, v verify, R recovery, r refresh, A ask AI, Esc back.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { recoveryRunsByStep } from '../src/backup/journal-fold.js';
import { paneKey } from '../src/keys/keymap.js';
import { bodyHeight } from '../src/store/layout.js';
import { BackupDetail } from './backup-detail.js';
import { BackupGauge } from './backup-gauge.js';
import { BackupRunLog } from './backup-run-log.js';
import { BackupRunbook } from './backup-runbook.js';
import { BackupTable } from './backup-table.js';
import { useAppStore, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';

export function BackupsPane() {
  const theme = useTheme();
  const keymap = useAppStore((s) => s.keymap);
  const rows = useAppStore((s) => s.size.rows);
  const report = useAppStore((s) => s.backupReport);
  const policy = useAppStore((s) => s.backupPolicy);
  const results = useAppStore((s) => s.backupResults);
  const journal = useAppStore((s) => s.backupJournal);
  const loading = useAppStore((s) => s.backupLoading);
  const error = useAppStore((s) => s.backupError);
  const mode = useAppStore((s) => s.backupMode);
  const cursor = useAppStore((s) => s.backupCursor);
  const stepCursor = useAppStore((s) => s.backupStepCursor);
  const log = useAppStore((s) => s.backupLog);
  useAppStore((s) => s.minute);
  const now = useAppStore((s) => s.now);
  const stepRuns = useMemo(() => (journal ? recoveryRunsByStep(journal) : new Map()), [journal]);
  const height = bodyHeight(rows);
  const nowMs = now().getTime();
  const components = report?.components ?? [];
  const focused = components[Math.min(cursor, components.length - 1)];
  const issue = report?.issues[0] ?? policy?.issues[0];
  const bodyRows = Math.max(1, height - 1 - (issue ? 1 : 0));

  let body;
  if (error) body = <Text wrap="truncate-end" {...theme.error}>{`Could not read the backup policy: ${cleanLine(error, false)}`}</Text>;
  else if (!report || !policy) body = <Text {...theme.dim}>loading the backup policy…</Text>;
  else if (mode === 'runbook') body = <BackupRunbook policy={policy} runs={stepRuns} cursor={stepCursor} height={bodyRows} theme={theme} />;
  else if (mode === 'log' && log) body = <BackupRunLog log={log} run={journal?.runs.find((r) => r.runId === log.runId)} height={bodyRows} theme={theme} />;
  else if (mode === 'detail' && focused) body = <BackupDetail status={focused} result={results[focused.name]} height={bodyRows} nowMs={nowMs} theme={theme} />;
  else if (components.length === 0) body = <Text {...theme.dim}>No backup components: add a §4.1 table to .orchestration/sop.md or backups.components to opsdeck.yaml.</Text>;
  else {
    const tableRows = Math.max(2, bodyRows - 2);
    body = (
      <>
        <BackupTable components={components} cursor={Math.min(cursor, components.length - 1)} height={tableRows} nowMs={nowMs} theme={theme} />
        {focused?.state !== 'ok' && focused ? (
          <Text wrap="truncate-end" {...(focused.error ? theme.error : theme.dim)}>
            {cleanLine(`${focused.name}: ${focused.detail}`, false)}
          </Text>
        ) : (
          <Text wrap="truncate-end" {...theme.dim}>
            {focused ? cleanLine(`${focused.name}: ${focused.detail} · retention ${focused.retentionState} ${focused.retentionDetail}`, false) : ''}
          </Text>
        )}
        <BackupGauge rpo={report.rpo} rtoMs={report.rtoMs} nowMs={nowMs} reportMs={Date.parse(report.at)} theme={theme} />
      </>
    );
  }
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={0}>
      <Box height={1} flexShrink={0}>
        <Text wrap="truncate-end">
          <Text {...theme.heading}>{`${paneKey(keymap, 'backups')} Backups`}</Text>
          {report ? ` · ${cleanLine(report.summary, false)}` : ''}
          {loading ? <Text {...theme.dim}> · querying…</Text> : null}
        </Text>
      </Box>
      {issue ? (
        <Text wrap="truncate-end" {...theme.warn}>
          {`${theme.color ? '' : 'warning: '}${cleanLine(issue.where, false)}: ${cleanLine(issue.message, false)}`}
        </Text>
      ) : null}
      {body}
    </Box>
  );
}
