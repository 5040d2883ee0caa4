// The `.todo` format of Todo+ / PlainTasks, as used by `.orchestration/current.todo`
// and `backlog.todo` (SOP §5.1).
import { z } from 'zod';

export const TASK_STATES = ['pending', 'started', 'done', 'cancelled'] as const;
export const TaskStateSchema = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof TaskStateSchema>;

export const TODO_FILES = ['current', 'backlog'] as const;
export const TodoFileIdSchema = z.enum(TODO_FILES);
export type TodoFileId = z.infer<typeof TodoFileIdSchema>;

export const PRIORITIES = ['critical', 'high', 'low'] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;

/** The public shape printed by `opsdeck tasks --json`. */
export const TaskSchema = z.object({
  id: z.string(),
  text: z.string(),
  state: TaskStateSchema,
  project: z.array(z.string()),
  tags: z.record(z.string(), z.string().nullable()),
  file: TodoFileIdSchema,
  line: z.number().int().positive(),
});
export type Task = z.infer<typeof TaskSchema>;

export const ProjectSchema = z.object({
  name: z.string(),
  path: z.array(z.string()),
  line: z.number().int().positive(),
  indent: z.string(),
});
export type Project = z.infer<typeof ProjectSchema>;
