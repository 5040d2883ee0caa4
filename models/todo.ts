// The `.todo` format of Todo+ / PlainTasks, as used by `.orchestration/current.todo`
// and `backlog.todo` (SOP §5.1).
import { z } from 'zod';
import { LINE_KINDS, PRIORITIES, TASK_STATES, TODO_FILES } from './todo-constants.js';

export const TaskStateSchema = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof TaskStateSchema>;

export const TodoFileIdSchema = z.enum(TODO_FILES);
export type TodoFileId = z.infer<typeof TodoFileIdSchema>;

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

/** What one physical line of a `.todo` file is. */
export const LineKindSchema = z.enum(LINE_KINDS);
export type LineKind = z.infer<typeof LineKindSchema>;

/** A line terminator as found in the file; `''` only for a last line without a final newline. */
export const EolSchema = z.enum(['', '\n', '\r\n']);
export type Eol = z.infer<typeof EolSchema>;

/**
 * One physical line, kept byte for byte: `content` + `eol` of every line, in order, after
 * the BOM, is the whole file.
 */
export const TodoLineSchema = z.object({
  content: z.string(),
  eol: EolSchema,
  kind: LineKindSchema,
  /** The leading spaces and tabs. */
  indent: z.string(),
  /** Indentation width (a tab counts as one indentation unit of the file). */
  width: z.number().int().nonnegative(),
});
export type TodoLine = z.infer<typeof TodoLineSchema>;
