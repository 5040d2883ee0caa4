// The Tasks pane's data: the snapshot from the injected task repo, the show-all toggle, the
// cursor (kept on the same task id across reloads) and the edits, applied in key order.
import type { Task } from '../../models/todo.js';
import { errorMessage } from '../errors.js';
import type { TaskEdit } from '../tasks/task-edits.js';
import { cursorPosition, memoTaskView } from './task-rows.js';
import type { SliceCreator, TasksSlice } from './types.js';

const NO_TASKS: Task[] = [];

function shortText(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const DONE_WORDS: Record<TaskEdit['kind'], string> = {
  start: 'started',
  done: 'done',
  cancel: 'cancelled',
  reopen: 'reopened',
  'edit-text': 'edited',
  priority: 'priority set',
  add: 'added',
  move: 'moved',
};

export const createTasksSlice: SliceCreator<TasksSlice> = (set, get, deps) => {
  const view = memoTaskView();
  let queue: Promise<void> = Promise.resolve();

  const run = async (edit: TaskEdit): Promise<void> => {
    try {
      const result = await deps.taskRepo.apply(edit);
      get().setSnapshot(result.snapshot);
      if (!result.ok) {
        get().showMessage(result.reason, 'error');
        return;
      }
      const task = result.task;
      if (task && (edit.kind === 'add' || edit.kind === 'edit-text')) {
        const cursor = get().cursors.tasks ?? { id: null, index: 0 };
        set({ cursors: { ...get().cursors, tasks: { ...cursor, id: task.id } } });
        get().syncTaskCursor();
      }
      const label = edit.kind === 'priority' && edit.priority === null ? 'priority cleared' : DONE_WORDS[edit.kind];
      get().showMessage(`${label}: ${shortText(task?.text ?? '')}`.replace(/: $/, ''));
    } catch (error) {
      get().showMessage(`could not save: ${errorMessage(error)}`, 'error');
    }
  };

  return {
    snapshot: null,
    tasksError: null,
    showAll: false,

    loadTasks: async () => {
      try {
        get().setSnapshot(await deps.taskRepo.load());
      } catch (error) {
        set({ tasksError: errorMessage(error) });
      }
    },

    setSnapshot: (snapshot) => {
      set({ snapshot, tasksError: null });
      get().syncTaskCursor();
    },

    watchTasks: () => deps.taskRepo.watch((snapshot) => get().setSnapshot(snapshot)),

    applyEdit: (edit) => {
      queue = queue.then(() => run(edit));
      return queue;
    },

    toggleShowAll: () => {
      set({ showAll: !get().showAll });
      get().syncTaskCursor();
    },

    taskView: () => {
      const state = get();
      return view(state.snapshot?.tasks ?? NO_TASKS, state.showAll, state.filters.tasks ?? '');
    },

    focusedTask: () => {
      const state = get();
      const current = state.taskView();
      const pos = cursorPosition(current, state.cursors.tasks ?? { id: null, index: 0 });
      const row = pos < 0 ? undefined : current.rows[current.taskRows[pos] ?? -1];
      return row?.kind === 'task' ? row.task : undefined;
    },

    moveTaskCursor: (to, relative) => {
      const state = get();
      const current = state.taskView();
      const count = current.taskRows.length;
      if (count === 0) return;
      const from = Math.max(0, cursorPosition(current, state.cursors.tasks ?? { id: null, index: 0 }));
      const target = to === 'top' ? 0 : to === 'bottom' ? count - 1 : relative ? from + to : to;
      const index = Math.min(Math.max(target, 0), count - 1);
      const row = current.rows[current.taskRows[index] ?? -1];
      const id = row?.kind === 'task' ? row.task.id : null;
      set({ cursors: { ...state.cursors, tasks: { id, index } } });
    },

    syncTaskCursor: () => {
      const state = get();
      const cursor = state.cursors.tasks ?? { id: null, index: 0 };
      const current = state.taskView();
      const index = cursorPosition(current, cursor);
      const row = index < 0 ? undefined : current.rows[current.taskRows[index] ?? -1];
      const id = row?.kind === 'task' ? row.task.id : cursor.id;
      const nextIndex = Math.max(0, index);
      if (id !== cursor.id || nextIndex !== cursor.index) set({ cursors: { ...state.cursors, tasks: { id, index: nextIndex } } });
    },

    submitTaskPrompt: async (text, prompt) => {
      const trimmed = text.trim();
      if (trimmed === '') {
        get().showMessage('nothing typed; nothing changed');
        return;
      }
      if (prompt.purpose === 'add') {
        await get().applyEdit({ kind: 'add', file: prompt.file, project: prompt.project, text: trimmed });
      } else {
        await get().applyEdit({ kind: 'edit-text', id: prompt.taskId, text: trimmed });
      }
    },
  };
};
