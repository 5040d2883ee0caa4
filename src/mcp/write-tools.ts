// Task-editing tools, registered only when `mcp.allowWrite: true` (and never under --readonly).
// They go through the task repo: locked, atomic writes; a stale or ambiguous reference is an
// error naming the candidates. Deploys and rollbacks are not exposed here (production never).
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { TodoFileId } from '../../models/todo.js';
import { AddTaskInputShape, SetTaskStateInputShape, UpdateTaskInputShape } from '../../models/mcp-tools.js';
import { UserError } from '../errors.js';
import type { EditResult, TaskEdit } from '../tasks/task-repo.js';
import { taskEntry } from './ops-tools.js';
import { guard, jsonResult, requireRoot, type McpContext } from './tool-kit.js';

const WRITES = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false } as const;

async function openRepo(ctx: McpContext) {
  const { createTaskRepo, resolveTaskRef } = await import('../tasks/task-repo.js');
  const repo = createTaskRepo(requireRoot(ctx));
  return { repo, snapshot: await repo.load(), resolveTaskRef };
}

function outcome(result: EditResult, verb: string): Record<string, unknown> {
  if (!result.ok) throw new UserError(result.reason);
  return { done: verb, ...(result.task ? { task: taskEntry(result.task) } : {}) };
}

export function registerWriteTools(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'add_task',
    {
      title: 'Add a task',
      description: 'Add a task to .orchestration/current.todo (or backlog.todo) under a project (created when missing). Enabled by mcp.allowWrite.',
      inputSchema: AddTaskInputShape,
      annotations: WRITES,
    },
    (args) =>
      guard(ctx, 'add_task', async () => {
        const { checkTaskText } = await import('../tasks/task-edits.js');
        const problem = checkTaskText(args.text);
        if (problem) throw new UserError(problem);
        const { repo } = await openRepo(ctx);
        const file: TodoFileId = args.backlog ? 'backlog' : 'current';
        const project = (args.project ?? '').split(args.project?.includes('>') ? '>' : '/').map((p) => p.trim()).filter(Boolean);
        return jsonResult(outcome(await repo.apply({ kind: 'add', file, project, text: args.text }), 'added'));
      }),
  );

  server.registerTool(
    'set_task_state',
    {
      title: 'Start, finish, cancel or reopen a task',
      description: 'Mark a task started, done or cancelled, or reopen it (the .todo file keeps @started/@done timestamps). Enabled by mcp.allowWrite.',
      inputSchema: SetTaskStateInputShape,
      annotations: WRITES,
    },
    (args) =>
      guard(ctx, 'set_task_state', async () => {
        const { repo, snapshot, resolveTaskRef } = await openRepo(ctx);
        const task = resolveTaskRef(snapshot.tasks, args.task);
        return jsonResult(outcome(await repo.apply({ kind: args.state, id: task.id }), args.state));
      }),
  );

  server.registerTool(
    'update_task',
    {
      title: "Change a task's text, priority or file",
      description: "Replace a task's text (tags kept), set or clear its priority, or move it between current.todo and backlog.todo. Enabled by mcp.allowWrite.",
      inputSchema: UpdateTaskInputShape,
      annotations: WRITES,
    },
    (args) =>
      guard(ctx, 'update_task', async () => {
        const edits: ((id: string) => TaskEdit)[] = [];
        if (args.text !== undefined) {
          const { checkTaskText } = await import('../tasks/task-edits.js');
          const problem = checkTaskText(args.text);
          if (problem) throw new UserError(problem);
          const text = args.text;
          edits.push((id) => ({ kind: 'edit-text', id, text }));
        }
        if (args.priority !== undefined) {
          const priority = args.priority === 'none' ? null : args.priority;
          edits.push((id) => ({ kind: 'priority', id, priority }));
        }
        if (args.move_to !== undefined) {
          const to = args.move_to;
          edits.push((id) => ({ kind: 'move', id, to }));
        }
        if (!edits.length) throw new UserError('give text, priority or move_to');
        const { repo, snapshot, resolveTaskRef } = await openRepo(ctx);
        let result: EditResult | undefined;
        let id = resolveTaskRef(snapshot.tasks, args.task).id;
        for (const edit of edits) {
          result = await repo.apply(edit(id));
          if (!result.ok) break;
          id = result.task?.id ?? id;
        }
        return jsonResult(outcome(result as EditResult, 'updated'));
      }),
  );
}
