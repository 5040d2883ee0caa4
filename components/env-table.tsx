// Per environment: the deployed version, how long ago, by whom, and a live run if any.
import { Box, Text } from 'ink';
import { ageOf } from '../src/deploy/deployed.js';
import type { EnvStatus } from '../src/deploy/deployed.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

export function envLine(s: EnvStatus, now: Date): string {
  const version = s.current ? s.current.version : '(none)';
  const when = s.current ? `${ageOf(s.current.at, now)} ago by ${s.current.who}` : 'never deployed here';
  const live = s.live ? `  ▶ ${s.live.started.kind} ${s.live.started.version ?? ''} running` : '';
  return cleanLine(`${s.env.padEnd(12)} ${version.padEnd(10)} ${when}${live}`, false);
}

export function EnvTable({ statuses, cursor, now, theme }: { statuses: EnvStatus[]; cursor: number; now: Date; theme: Theme }) {
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text wrap="truncate-end" {...theme.dim}>{`  ${'ENV'.padEnd(12)} ${'VERSION'.padEnd(10)} DEPLOYED`}</Text>
      {statuses.map((s, i) => (
        <Box key={s.env} height={1} flexShrink={0}>
          <Text wrap="truncate-end" {...(i === cursor ? theme.cursor : {})} {...(s.live ? theme.warn : {})}>
            {`${i === cursor ? '>' : ' '}${s.production ? '!' : ' '}${envLine(s, now)}`}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
