// The tasks I/O adapter: reads `.orchestration/current.todo` and `backlog.todo`, applies
// edits to the fresh files under a lock, writes them atomically and watches for changes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Task, TodoFileId } from '../../models/todo.js';
import { UserError, errorMessage } from '../errors.js';
import { orchestrationDir } from '../paths.js';
import { applyTaskEdit } from './task-edits.js';
import type { TaskEdit, TodoFiles } from './task-edits.js';
import { parseTodo } from './todo-parse.js';
import { watchFolder } from '../watch/watch-folder.js';
import type { ParsedTodo } from './todo-parse.js';

export type { TaskEdit } from './task-edits.js';
export { resolveTaskRef, matchTaskRef } from './task-ref.js';

export type TaskSnapshot = { current: ParsedTodo; backlog: ParsedTodo; tasks: Task[] };
export type EditResult =
  | { ok: true; snapshot: TaskSnapshot; task?: Task }
  /** `code`: 'stale' (changed on disk), 'not-found' (never seen), 'invalid' (does not apply), 'io'. */
  | { ok: false; reason: string; snapshot: TaskSnapshot; code?: 'stale' | 'not-found' | 'invalid' | 'io' };

export interface ITaskRepo {
  load(): Promise<TaskSnapshot>;
  apply(edit: TaskEdit): Promise<EditResult>;
  watch(onChange: (snapshot: TaskSnapshot) => void): () => void;
}

export const TODO_FILE_NAMES: Record<TodoFileId, string> = { current: 'current.todo', backlog: 'backlog.todo' };
const LOCK_NAME = '.tasks.lock';
const DEBOUNCE_MS = 100;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

type ReadFile = { text: string; valid: boolean; exists: boolean };

async function readTodo(path: string): Promise<ReadFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', valid: true, exists: false };
    throw new UserError(`${path}: cannot read: ${errorMessage(error)}`);
  }
  try {
    return { text: utf8.decode(bytes), valid: true, exists: true };
  } catch {
    return { text: utf8Lossy.decode(bytes), valid: false, exists: true };
  }
}

function snapshotOf(current: ParsedTodo, backlog: ParsedTodo): TaskSnapshot {
  return { current, backlog, tasks: [...current.tasks, ...backlog.tasks] };
}

export function createTaskRepo(root: string, options: { now?: () => Date } = {}): ITaskRepo {
  const now = options.now ?? (() => new Date());
  const dir = orchestrationDir(root);
  const pathOf = (file: TodoFileId): string => join(dir, TODO_FILE_NAMES[file]);
  /** Tasks this repo has shown, by id: names a task in the stale-edit message. */
  const known = new Map<string, Task>();
  let lastTexts: string | undefined;
  let lastSnapshot: TaskSnapshot | undefined;

  const remember = (snapshot: TaskSnapshot): TaskSnapshot => {
    for (const task of snapshot.tasks) known.set(task.id, task);
    lastTexts = `${snapshot.current.text}\u0000${snapshot.backlog.text}`;
    lastSnapshot = snapshot;
    return snapshot;
  };

  const readBoth = async (): Promise<{ current: ReadFile; backlog: ReadFile }> => {
    const [current, backlog] = await Promise.all([readTodo(pathOf('current')), readTodo(pathOf('backlog'))]);
    if (!current.exists) throw new UserError(`${pathOf('current')}: not found (run opsdeck init to create it)`);
    return { current, backlog };
  };

  const load = async (): Promise<TaskSnapshot> => {
    const { current, backlog } = await readBoth();
    return remember(snapshotOf(parseTodo(current.text, 'current'), parseTodo(backlog.text, 'backlog')));
  };

  const applyLocked = async (edit: TaskEdit): Promise<EditResult> => {
    const read = await readBoth();
    const files: TodoFiles = { current: parseTodo(read.current.text, 'current'), backlog: parseTodo(read.backlog.text, 'backlog') };
    const fresh = remember(snapshotOf(files.current, files.backlog));
    const outcome = applyTaskEdit(files, edit, now());
    if (!outcome.ok) {
      if (outcome.code === 'not-found' && 'id' in edit) {
        const shown = known.get(edit.id);
        const reason = shown
          ? `task "${shown.text}" changed on disk since it was shown; reload and try again`
          : `no task with id ${edit.id}`;
        return { ok: false, reason, snapshot: fresh, code: shown ? 'stale' : 'not-found' };
      }
      return { ok: false, reason: outcome.reason, snapshot: fresh, code: outcome.code };
    }
    for (const file of Object.keys(outcome.changed) as TodoFileId[]) {
      if (!read[file].valid) {
        return { ok: false, reason: `${pathOf(file)} is not valid UTF-8; not rewriting it`, snapshot: fresh, code: 'invalid' };
      }
    }
    for (const [file, text] of Object.entries(outcome.changed) as [TodoFileId, string][]) {
      const { default: writeFileAtomic } = await import('write-file-atomic');
      await writeFileAtomic(pathOf(file), text, { encoding: 'utf8' });
      files[file] = parseTodo(text, file);
    }
    const snapshot = remember(snapshotOf(files.current, files.backlog));
    const target = outcome.target;
    const task = target ? files[target.file].tasks.find((t) => t.line === target.line) : undefined;
    return { ok: true, snapshot, task };
  };

  const apply = async (edit: TaskEdit): Promise<EditResult> => {
    let release: (() => Promise<void>) | undefined;
    try {
      // loaded on the first edit: a cockpit that only reads never pays for it
      const { default: lockfile } = await import('proper-lockfile');
      release = await lockfile.lock(dir, {
        lockfilePath: join(dir, LOCK_NAME),
        realpath: false,
        stale: 10_000,
        retries: { retries: 100, factor: 1.3, minTimeout: 10, maxTimeout: 100 },
        onCompromised: () => undefined,
      });
    } catch (error) {
      if (error instanceof UserError) throw error;
      const snapshot = lastSnapshot ?? (await load());
      return { ok: false, reason: `cannot lock ${dir}: ${errorMessage(error)}`, snapshot, code: 'io' };
    }
    try {
      return await applyLocked(edit);
    } finally {
      await release().catch(() => undefined);
    }
  };

  const watch = (onChange: (snapshot: TaskSnapshot) => void): (() => void) => {
    let closed = false;
    const check = async (): Promise<void> => {
      try {
        const { current, backlog } = await readBoth();
        if (closed || `${current.text}\u0000${backlog.text}` === lastTexts) return;
        onChange(remember(snapshotOf(parseTodo(current.text, 'current'), parseTodo(backlog.text, 'backlog'))));
      } catch {
        // a file missing for a moment (an editor's save) or unreadable: wait for the next event
      }
    };
    const stop = watchFolder(dir, new Set(Object.values(TODO_FILE_NAMES)), { ms: DEBOUNCE_MS }, () => void check());
    return () => {
      closed = true;
      stop();
    };
  };

  return { load, apply, watch };
}
