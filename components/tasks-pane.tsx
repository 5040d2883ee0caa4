// The Tasks pane: active tasks grouped by project (or everything, with `v`), a cursor kept on
// the same task across reloads, and only the visible window of rows rendered.
import { Box, Text } from 'ink';
import { useMemo, useRef } from 'react';
import { listHeight } from '../src/store/layout.js';
import { BACKLOG_BESIDE_MIN_COLUMNS, buildBacklogRows, cursorPosition, windowStart } from '../src/store/task-rows.js';
import type { TaskRow } from '../src/store/task-rows.js';
import { paneKey } from '../src/keys/keymap.js';
import { useAppStore, useTheme } from './store-context.js';
import { TaskLine } from './task-line.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

const NO_CURSOR = { id: null, index: 0 };

function Row({ row, focusedId, now, theme, width }: { row: TaskRow; focusedId: string | undefined; now: Date; theme: Theme; width: number }) {
  if (row.kind === 'task') return <TaskLine task={row.task} focused={row.task.id === focusedId} now={now} theme={theme} width={width} />;
  if (row.kind === 'section') {
    return (
      <Box height={1} flexShrink={0}>
        <Text wrap="truncate-end" {...theme.accent}>{`── ${row.label} ──`}</Text>
      </Box>
    );
  }
  return (
    <Box height={1} flexShrink={0}>
      <Text wrap="truncate-end" {...theme.heading}>{`${cleanLine(row.label, theme.color)}:`}</Text>
    </Box>
  );
}

/** The backlog beside the active tasks on wide screens: a read-only preview (v acts on it). */
function BacklogColumn({ width, height, filter, now, theme }: { width: number; height: number; filter: string; now: Date; theme: Theme }) {
  const tasks = useAppStore((s) => s.snapshot?.tasks);
  const rows = useMemo(() => (tasks ? buildBacklogRows(tasks, filter) : []), [tasks, filter]);
  const count = rows.filter((r) => r.kind === 'task').length;
  return (
    <Box flexDirection="column" width={width} flexShrink={0} paddingLeft={1} borderStyle="single" borderTop={false} borderBottom={false} borderRight={false}>
      <Text wrap="truncate-end" {...theme.accent}>{`Backlog · ${count} active · v to act on it`}</Text>
      <Box flexDirection="column" height={height - 1} flexShrink={0} overflow="hidden">
        {count === 0 ? <Text {...theme.dim}>Nothing in the backlog.</Text> : null}
        {rows.slice(0, height - 1).map((row) => (
          <Row key={row.key} row={row} focusedId={undefined} now={now} theme={theme} width={width - 2} />
        ))}
      </Box>
    </Box>
  );
}

export function TasksPane() {
  const theme = useTheme();
  // taskView() is memoized on (tasks, showAll, filter); selecting those keeps renders exact.
  useAppStore((s) => s.snapshot);
  const showAll = useAppStore((s) => s.showAll);
  const filter = useAppStore((s) => s.filters.tasks ?? '');
  const cursor = useAppStore((s) => s.cursors.tasks ?? NO_CURSOR);
  const rows = useAppStore((s) => s.size.rows);
  const columns = useAppStore((s) => s.size.columns);
  const minute = useAppStore((s) => s.minute);
  const error = useAppStore((s) => s.tasksError);
  const loaded = useAppStore((s) => s.snapshot !== null);
  const view = useAppStore((s) => s.taskView());
  const keymap = useAppStore((s) => s.keymap);
  const startRef = useRef(0);

  const height = listHeight(rows);
  const position = cursorPosition(view, cursor);
  const focusRow = position < 0 ? -1 : (view.taskRows[position] ?? -1);
  // At the first task, show the headings above it too.
  const start = position === 0 ? 0 : windowStart(focusRow, view.rows.length, height, startRef.current);
  startRef.current = start;
  const visible = view.rows.slice(start, start + height);
  const focusedRow = focusRow < 0 ? undefined : view.rows[focusRow];
  const focusedId = focusedRow?.kind === 'task' ? focusedRow.task.id : undefined;
  const now = new Date(minute * 60_000);
  const count = view.taskRows.length;

  let empty: string | undefined;
  if (error) empty = `Could not read the task files: ${cleanLine(error, false)}`;
  else if (!loaded) empty = 'loading…';
  else if (count === 0 && filter) empty = `No tasks match "${cleanLine(filter, false)}". Esc clears the filter.`;
  else if (count === 0) empty = showAll ? 'No tasks yet. Press a to add one.' : 'No active tasks. Press a to add one, v to show all.';

  const beside = !showAll && columns >= BACKLOG_BESIDE_MIN_COLUMNS;
  const backlogWidth = Math.floor(columns * 0.4);
  const listWidth = beside ? columns - backlogWidth : columns;
  const list = empty ? (
    <Text wrap="truncate-end" {...(error ? theme.error : theme.dim)}>
      {empty}
    </Text>
  ) : (
    <Box flexDirection="column" height={height} flexShrink={0} overflow="hidden">
      {visible.map((row) => (
        <Row key={row.key} row={row} focusedId={focusedId} now={now} theme={theme} width={listWidth} />
      ))}
    </Box>
  );
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={0}>
      <Box height={1} flexShrink={0} justifyContent="space-between">
        <Text wrap="truncate-end">
          <Text {...theme.heading}>{`${paneKey(keymap, 'tasks')} Tasks`}</Text>
          {` · ${showAll ? 'all tasks, current + backlog' : 'active, current.todo'} · ${count} shown`}
          {count > 0 && position >= 0 ? ` · ${position + 1}/${count}` : ''}
        </Text>
        {filter ? <Text {...theme.accent}>{` filter: ${cleanLine(filter, false)}`}</Text> : null}
      </Box>
      {beside ? (
        <Box flexDirection="row" height={height} flexShrink={0}>
          <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
            {list}
          </Box>
          <BacklogColumn width={backlogWidth} height={height} filter={filter} now={now} theme={theme} />
        </Box>
      ) : (
        list
      )}
    </Box>
  );
}
