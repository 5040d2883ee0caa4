// The Tasks tile: counts of active, started and critical tasks and the most urgent few.
import { Text } from 'ink';
import { useMemo } from 'react';
import { summarizeTasks } from '../src/store/task-rows.js';
import { useAppStore, useTheme } from './store-context.js';
import { TaskLine } from './task-line.js';

export function TasksTileBody({ lines, width }: { lines: number; width: number }) {
  const theme = useTheme();
  const tasks = useAppStore((s) => s.snapshot?.tasks);
  const error = useAppStore((s) => s.tasksError);
  const minute = useAppStore((s) => s.minute);
  const summary = useMemo(() => (tasks ? summarizeTasks(tasks, Math.max(0, lines - 2)) : undefined), [tasks, lines]);
  if (error) {
    return (
      <Text wrap="truncate-end" {...theme.error}>
        {error}
      </Text>
    );
  }
  if (!summary) return <Text {...theme.dim}>loading…</Text>;
  const now = new Date(minute * 60_000);
  return (
    <>
      <Text wrap="truncate-end">{`${summary.active} active · ${summary.started} started`}</Text>
      <Text wrap="truncate-end" {...(summary.critical > 0 ? theme.priority.critical : {})}>
        {`${summary.critical} critical`}
      </Text>
      {summary.top.length === 0 ? <Text {...theme.dim}>Nothing active.</Text> : null}
      {summary.top.map((task) => (
        <TaskLine key={task.id} task={task} focused={false} now={now} theme={theme} width={width} compact />
      ))}
    </>
  );
}
