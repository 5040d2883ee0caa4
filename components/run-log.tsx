// A run's log: a header (title, status, follow, position), the visible window of the log view
// model (src/runs/log-view.ts) and a search line. Props in, JSX out; the deploy and backups
// panes both use it. Lines arrive rendered (SGR colour only) and are sanitized again here.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

export type RunLogStatus = 'loading' | 'running' | 'success' | 'failed' | 'rolled_back' | 'interrupted' | 'unknown';

export type RunLogProps = {
  /** e.g. "deploy production v1.4.2"; outside text is sanitized here. */
  title: string;
  status: RunLogStatus;
  /** The visible window (ILogView.state().lines). */
  lines: readonly string[];
  /** Per visible line: whether it holds the search query. */
  marks?: readonly boolean[];
  follow: boolean;
  /** Buffer position: first visible line and total lines. */
  position?: { top: number; total: number };
  search?: { query: string; current: number; matches: number } | null;
  /** The query being typed after `/`; null when not typing. */
  searchInput?: string | null;
  /** e.g. "1m05s". */
  elapsed?: string;
  /** Rows for the whole component (header and footer included). */
  height: number;
  theme: Theme;
  error?: string;
};

const STATUS_TEXT: Record<RunLogStatus, string> = {
  loading: '… loading',
  running: '⟳ running',
  success: '✔ success',
  failed: '✘ failed',
  rolled_back: '↶ rolled back',
  interrupted: '✘ interrupted',
  unknown: '? unknown',
};

function statusStyle(status: RunLogStatus, theme: Theme) {
  if (status === 'success') return theme.info;
  if (status === 'failed' || status === 'interrupted') return theme.error;
  if (status === 'running') return theme.accent;
  return theme.warn;
}

function footerText(props: RunLogProps): string {
  if (props.searchInput !== undefined && props.searchInput !== null) return `/${props.searchInput}`;
  if (props.search) {
    const { query, current, matches } = props.search;
    return matches ? `/${query}  match ${current} of ${matches}  n older · N newer` : `/${query}  no match`;
  }
  return 'g top · G bottom · / search · f follow';
}

function RunLogView(props: RunLogProps) {
  const { theme, lines, marks, height } = props;
  const bodyRows = Math.max(0, height - 2);
  const shown = lines.length <= bodyRows ? lines : props.follow ? lines.slice(lines.length - bodyRows) : lines.slice(0, bodyRows);
  const searching = Boolean(props.search?.matches);
  const position = props.position && props.position.total > 0 ? `${Math.min(props.position.top + shown.length, props.position.total)}/${props.position.total}` : '';
  return (
    <Box flexDirection="column" height={height} flexShrink={0} overflow="hidden">
      <Box height={1} flexShrink={0}>
        <Box flexGrow={1} flexShrink={1} overflow="hidden">
          <Text wrap="truncate-end" {...theme.heading}>
            {cleanLine(props.title, false)}
          </Text>
        </Box>
        <Box flexShrink={0}>
          <Text>
            {' '}
            <Text {...statusStyle(props.status, theme)}>{STATUS_TEXT[props.status]}</Text>
            {props.elapsed ? ` ${props.elapsed}` : ''}
            <Text {...theme.dim}>{` ${props.follow ? 'follow' : 'paused'}${position ? ` ${position}` : ''}`}</Text>
          </Text>
        </Box>
      </Box>
      <Box flexDirection="column" height={bodyRows} flexShrink={0} overflow="hidden">
        {props.error && shown.length === 0 ? <Text {...theme.warn}>{cleanLine(props.error, false)}</Text> : null}
        {shown.map((line, i) => (
          <Box key={i} height={1} flexShrink={0}>
            {searching ? <Text {...theme.accent}>{marks?.[i] ? '▌' : ' '}</Text> : null}
            <Text wrap="truncate-end">{cleanLine(line, theme.color)}</Text>
          </Box>
        ))}
      </Box>
      <Box height={1} flexShrink={0}>
        <Text wrap="truncate-end" {...theme.dim}>
          {cleanLine(footerText(props), false)}
        </Text>
      </Box>
    </Box>
  );
}

export const RunLog = memo(RunLogView);
