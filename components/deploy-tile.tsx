// The deploy tile's body on the dashboard (issue 4): per environment the version and its age,
// and a live run if any.
import { Text } from 'ink';
import { useMemo } from 'react';
import { ageOf, envStatuses } from '../src/deploy/deployed.js';
import { useAppStore, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';

export function DeployTileBody({ lines }: { lines: number }) {
  const theme = useTheme();
  const runs = useAppStore((s) => s.deployRuns);
  const liveIds = useAppStore((s) => s.deployLive);
  const loaded = useAppStore((s) => s.deployLoaded);
  const config = useAppStore((s) => s.deployConfig);
  const minute = useAppStore((s) => s.minute);
  const statuses = useMemo(() => envStatuses(config.environments, runs, (r) => liveIds.includes(r.id), 1), [config, runs, liveIds]);
  if (!loaded) return <Text {...theme.dim}>loading…</Text>;
  const now = new Date(Math.max(minute * 60_000, Date.now()));
  const live = statuses.find((s) => s.live);
  const rows = statuses.slice(0, Math.max(1, lines - (live ? 1 : 0)));
  return (
    <>
      {rows.map((s) => (
        <Text key={s.env} wrap="truncate-end" {...(s.live ? theme.warn : {})}>
          {cleanLine(`${s.env} ${s.current ? `${s.current.version} ${ageOf(s.current.at, now)}` : '—'}`, false)}
        </Text>
      ))}
      {live?.live ? <Text wrap="truncate-end" {...theme.warn}>{cleanLine(`▶ ${live.live.started.kind} ${live.live.started.version ?? ''} → ${live.env}`, false)}</Text> : null}
    </>
  );
}
