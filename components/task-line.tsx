// One task as a single terminal line: cursor marker, state symbol, text, priority, elapsed time.
// The caller gives the width: the text is cut to what is left after the tags, so a long task
// never pushes its tags (or itself) past the edge, and the line is one Text node (cheap to draw).
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Task, TaskState } from '../models/todo.js';
import { displayWidth, truncateToWidth } from '../src/sanitize/text-width.js';
import { priorityOf, startedElapsed } from '../src/store/task-rows.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

const SYMBOL: Record<TaskState, string> = { pending: '☐', started: '☐', done: '✔', cancelled: '✘' };
/** The text keeps at least this many columns; tags are dropped (elapsed first) to make room. */
const MIN_TEXT = 12;

export type TaskLineProps = {
  task: Task;
  focused: boolean;
  now: Date;
  theme: Theme;
  /** Columns available for the whole line. */
  width: number;
  /** Tile form: no cursor column, no "started" word. */
  compact?: boolean;
};

type Tag = { text: string; style: keyof Pick<Theme, 'accent' | 'warn'> | 'priority' };

function TaskLineView({ task, focused, now, theme, width, compact = false }: TaskLineProps) {
  const priority = priorityOf(task);
  const elapsed = startedElapsed(task, now);
  const closed = task.state === 'done' || task.state === 'cancelled';
  const rowStyle = focused ? theme.cursor : closed ? theme.dim : {};
  const head = `${compact ? '' : focused ? '> ' : '  '}${SYMBOL[task.state]} `;
  const text = cleanLine(task.text, false);
  const tags: Tag[] = [];
  if (priority) tags.push({ text: ` @${priority}`, style: 'priority' });
  if ('today' in task.tags && !compact) tags.push({ text: ' @today', style: 'accent' });
  if (elapsed) tags.push({ text: compact ? ` ${elapsed}` : ` started ${elapsed}`, style: 'warn' });
  const room = (): number => width - displayWidth(head) - tags.reduce((n, t) => n + displayWidth(t.text), 0);
  while (tags.length > 0 && room() < Math.min(MIN_TEXT, displayWidth(text))) tags.pop();
  const shown = truncateToWidth(text, Math.max(0, room()));
  return (
    <Box height={1} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text {...rowStyle}>{`${head}${shown}`}</Text>
        {tags.map((tag) => (
          <Text key={tag.text} {...(tag.style === 'priority' && priority ? theme.priority[priority] : tag.style === 'priority' ? {} : theme[tag.style])}>
            {tag.text}
          </Text>
        ))}
      </Text>
    </Box>
  );
}

export const TaskLine = memo(TaskLineView);
