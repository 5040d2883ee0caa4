// The deploy pane (issue 4): per environment the deployed version, when and by whom, and the
// recent history; the wizard, a run's log, the command log and the abort question.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { envStatuses } from '../src/deploy/deployed.js';
import { paneKey } from '../src/keys/keymap.js';
import { listHeight } from '../src/store/layout.js';
import { DeployCommandLog } from './deploy-command-log.js';
import { DeployHistory } from './deploy-history.js';
import { DeployWizard } from './deploy-wizard.js';
import { DeployLogLines } from './deploy-log-view.js';
import { EnvTable } from './env-table.js';
import { RunLog } from './run-log.js';
import { useAppStore, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';

export function DeployPane() {
  const theme = useTheme();
  const keymap = useAppStore((s) => s.keymap);
  const runs = useAppStore((s) => s.deployRuns);
  const liveIds = useAppStore((s) => s.deployLive);
  const loaded = useAppStore((s) => s.deployLoaded);
  const problems = useAppStore((s) => s.deployProblems);
  const config = useAppStore((s) => s.deployConfig);
  const cursor = useAppStore((s) => s.deployCursor);
  const mode = useAppStore((s) => s.deployMode);
  const wizard = useAppStore((s) => s.deployWizard);
  const viewer = useAppStore((s) => s.deployViewer);
  const log = useAppStore((s) => s.deployLog);
  const commands = useAppStore((s) => s.deployCommands);
  const commandsScroll = useAppStore((s) => s.deployCommandsScroll);
  const abortId = useAppStore((s) => s.deployAbortRunId);
  const rows = useAppStore((s) => s.size.rows);
  const minute = useAppStore((s) => s.minute);
  const height = listHeight(rows);
  const now = new Date(Math.max(minute * 60_000, Date.now()));
  const statuses = useMemo(() => envStatuses(config.environments, runs, (r) => liveIds.includes(r.id), config.deploy.historyLimit), [config, runs, liveIds]);
  const selected = statuses[Math.min(cursor, statuses.length - 1)];

  let body;
  if (mode === 'wizard' && wizard) body = <DeployWizard w={wizard} height={height} />;
  else if (mode === 'log') {
    const run = runs.find((r) => r.id === viewer?.runId);
    const status = !viewer || viewer.state.loading ? 'loading' : (run?.finished?.result ?? (liveIds.includes(run?.id ?? '') ? 'running' : 'unknown'));
    body = viewer?.state.error && log ? (
      <Box flexDirection="column">
        <Text wrap="truncate-end" {...theme.warn}>{cleanLine(`${viewer.title} · plain view (${viewer.state.error})`, false)}</Text>
        <DeployLogLines log={log} height={height - 1} theme={theme} />
      </Box>
    ) : viewer ? (
      <RunLog
        title={viewer.title}
        status={status}
        lines={viewer.state.lines}
        marks={viewer.state.marks}
        follow={viewer.state.follow}
        position={{ top: viewer.state.top, total: viewer.state.total }}
        search={viewer.state.search}
        height={height}
        theme={theme}
        {...(viewer.state.error ? { error: viewer.state.error } : {})}
      />
    ) : (
      <Text {...theme.dim}>opening the log…</Text>
    );
  }
  else if (mode === 'commands' && commands) body = <DeployCommandLog entries={commands} height={height} scroll={commandsScroll} theme={theme} />;
  else
    body = (
      <Box flexDirection="column">
        <EnvTable statuses={statuses} cursor={cursor} now={now} theme={theme} />
        {mode === 'abort' ? (
          <Text wrap="truncate-end" {...theme.error}>{`Abort ${abortId ?? ''}? y aborts (SIGTERM, then SIGKILL); n keeps it`}</Text>
        ) : null}
        <Text wrap="truncate-end" {...theme.heading}>{selected ? `History of ${selected.env}` : 'No environments configured (config `environments`).'}</Text>
        {selected ? <DeployHistory runs={selected.history} liveId={selected.live?.id ?? null} now={now} lines={height - statuses.length - 4} theme={theme} /> : null}
        {problems.length > 0 ? <Text wrap="truncate-end" {...theme.warn}>{cleanLine(`journal: ${problems[0] ?? ''}${problems.length > 1 ? ` (+${problems.length - 1})` : ''}`, false)}</Text> : null}
      </Box>
    );

  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={0}>
      <Box height={1} flexShrink={0}>
        <Text wrap="truncate-end">
          <Text {...theme.heading}>{`${paneKey(keymap, 'deploy')} Deploy`}</Text>
          {loaded ? ` · ${statuses.length} environments · ${runs.length} runs` : ' · loading…'}
        </Text>
      </Box>
      <Box flexDirection="column" height={height} flexShrink={0} overflow="hidden">
        {body}
      </Box>
    </Box>
  );
}
