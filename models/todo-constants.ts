// The `.todo` format's words as plain constants, without zod: the task edits and the first
// frame need them, and models/todo.ts (which builds its schemas from these) would load zod.

export const TASK_STATES = ['pending', 'started', 'done', 'cancelled'] as const;
export const TODO_FILES = ['current', 'backlog'] as const;
export const PRIORITIES = ['critical', 'high', 'low'] as const;
export const LINE_KINDS = ['blank', 'note', 'project', 'task'] as const;

/** Todo+ task markers: pending, done and cancelled symbols and Markdown checkboxes. */
export const PENDING_SYMBOLS = ['☐', '❍', '-'] as const;
export const DONE_SYMBOLS = ['✔', '✓'] as const;
export const CANCELLED_SYMBOLS = ['✘'] as const;
