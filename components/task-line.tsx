// One task as a single terminal line: cursor marker, state symbol, text, priority, elapsed time.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Task, TaskState } from '../models/todo.js';
import { priorityOf, startedElapsed } from '../src/store/task-rows.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

const SYMBOL: Record<TaskState, string> = { pending: '☐', started: '☐', done: '✔', cancelled: '✘' };

export type TaskLineProps = {
  task: Task;
  focused: boolean;
  now: Date;
  theme: Theme;
  /** Tile form: no cursor column, no "started" word. */
  compact?: boolean;
};

function TaskLineView({ task, focused, now, theme, compact = false }: TaskLineProps) {
  const priority = priorityOf(task);
  const elapsed = startedElapsed(task, now);
  const closed = task.state === 'done' || task.state === 'cancelled';
  const rowStyle = focused ? theme.cursor : closed ? theme.dim : {};
  const marker = compact ? '' : focused ? '> ' : '  ';
  return (
    <Box height={1} flexShrink={0} flexDirection="row">
      <Box flexShrink={0}>
        <Text {...rowStyle}>{`${marker}${SYMBOL[task.state]} `}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1} minWidth={Math.min(12, task.text.length)} overflow="hidden">
        <Text wrap="truncate-end" {...rowStyle}>
          {cleanLine(task.text, theme.color)}
        </Text>
      </Box>
      <Box flexShrink={1} overflow="hidden">
        <Text wrap="truncate-end">
          {priority ? <Text {...theme.priority[priority]}>{` @${priority}`}</Text> : null}
          {'today' in task.tags && !compact ? <Text {...theme.accent}> @today</Text> : null}
          {elapsed ? <Text {...theme.warn}>{compact ? ` ${elapsed}` : ` started ${elapsed}`}</Text> : null}
        </Text>
      </Box>
    </Box>
  );
}

export const TaskLine = memo(TaskLineView);
