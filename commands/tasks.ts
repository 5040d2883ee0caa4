// `opsdeck tasks`: the headless tasks commands over `.orchestration/current.todo` and
// `backlog.todo`: list, add, start, done, cancel, reopen, edit, priority and move.
import type { Command } from 'commander';
import { z } from 'zod';
import type { Task, TodoFileId } from '../models/todo.js';
import { TodoFileIdSchema } from '../models/todo.js';
import { EXIT_FAILURE, EXIT_USAGE, UserError } from '../src/errors.js';
import { checkTaskText } from '../src/tasks/task-edits.js';
import { formatChange, formatTaskList } from '../src/tasks/task-format.js';
import { createTaskRepo, resolveTaskRef } from '../src/tasks/task-repo.js';
import type { EditResult, ITaskRepo, TaskEdit, TaskSnapshot } from '../src/tasks/task-repo.js';
import type { ParsedTodo } from '../src/tasks/todo-parse.js';
import type { ICliContext, RegisterCommand } from './cli-context.js';

const ListOptionsSchema = z.strictObject({ json: z.boolean().optional(), all: z.boolean().optional() });
const JsonOptionsSchema = z.strictObject({ json: z.boolean().optional() });
const AddOptionsSchema = z.strictObject({
  json: z.boolean().optional(),
  project: z.string().trim().min(1, '--project needs a project name').optional(),
  backlog: z.boolean().optional(),
  tag: z.array(z.string().regex(/^[^\s()@]+(\([^()]*\))?$/, '--tag takes name or name(value)')).optional(),
});
const MoveOptionsSchema = z.strictObject({ json: z.boolean().optional(), to: TodoFileIdSchema });
const PriorityArgSchema = z.enum(['critical', 'high', 'low', 'none']);

/** Validates an options object; a problem is a usage error naming the option. */
function parseOptions<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.path.length ? `--${issue.path.join('.')}: ` : '';
  throw new UserError(`${key}${issue?.message ?? 'invalid options'}`);
}

/** Options of the subcommand merged with those given to `tasks` (commander parses `--json` there too). */
function optionsOf(cmd: Command): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(cmd.parent?.opts() ?? {}), ...cmd.opts() };
  delete merged.all;
  return merged;
}

/** `Outer/Inner`, `Outer > Inner`, or the name of an existing project (any depth, unique). */
export function projectPathOf(spec: string | undefined, parsed: ParsedTodo): string[] {
  if (!spec) return [];
  const wanted = spec.trim().toLowerCase();
  const byPath = parsed.projects.filter(
    (p) => p.path.join('/').toLowerCase() === wanted || p.path.join(' > ').toLowerCase() === wanted,
  );
  if (byPath.length > 0) return byPath[0]!.path;
  const byName = parsed.projects.filter((p) => p.name.toLowerCase() === wanted);
  if (byName.length === 1) return byName[0]!.path;
  return spec
    .split(spec.includes('>') ? '>' : '/')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** `name` or `name(value)` into a tag record. */
function tagsOf(specs: readonly string[] | undefined): Record<string, string | null> {
  const tags: Record<string, string | null> = {};
  for (const spec of specs ?? []) {
    const open = spec.indexOf('(');
    if (open < 0) tags[spec] = null;
    else tags[spec.slice(0, open)] = spec.slice(open + 1, -1);
  }
  return tags;
}

function printTasks(ctx: ICliContext, tasks: readonly Task[], json: boolean, showFile: boolean): void {
  if (json) ctx.out(JSON.stringify(tasks, null, 2));
  else ctx.out(formatTaskList(tasks, { now: new Date(), showFile }).join('\n'));
}

/** New task text is checked before anything is read: bad text is a usage error. */
function checkedText(words: readonly string[]): string {
  const text = words.join(' ');
  const problem = checkTaskText(text);
  if (problem) throw new UserError(problem);
  return text;
}

function guardReadonly(ctx: ICliContext, name: string): void {
  if (ctx.globals().readonly) throw new UserError(`read-only mode: tasks ${name} is disabled`);
}

async function openRepo(ctx: ICliContext): Promise<{ repo: ITaskRepo; snapshot: TaskSnapshot }> {
  const repo = createTaskRepo(await ctx.resolveRoot());
  return { repo, snapshot: await repo.load() };
}

/** Reports an edit's result: the changed task, or why it was refused (stale: exit 1). */
function report(ctx: ICliContext, result: EditResult, verb: string, json: boolean): void {
  if (!result.ok) {
    const code = result.code === 'not-found' ? EXIT_USAGE : EXIT_FAILURE;
    throw new UserError(result.reason, code);
  }
  if (!result.task) return;
  ctx.out(json ? JSON.stringify(result.task, null, 2) : formatChange(verb, result.task));
}

type StateVerb = 'start' | 'done' | 'cancel' | 'reopen';
const STATE_VERBS: Record<StateVerb, [string, string]> = {
  start: ['mark a task started (adds @started)', 'started'],
  done: ['mark a task done (✔ … @done)', 'done'],
  cancel: ['cancel a task (✘ … @cancelled)', 'cancelled'],
  reopen: ['reopen a done, cancelled or started task', 'reopened'],
};

async function runEdit(ctx: ICliContext, name: string, ref: string, json: boolean, edit: (task: Task) => TaskEdit, verb: string) {
  guardReadonly(ctx, name);
  const { repo, snapshot } = await openRepo(ctx);
  const task = resolveTaskRef(snapshot.tasks, ref);
  report(ctx, await repo.apply(edit(task)), verb, json);
}

export const registerTasks: RegisterCommand = (program, ctx) => {
  const tasks = program
    .command('tasks')
    .description('list and change the tasks in .orchestration/current.todo and backlog.todo')
    .option('--json', 'print JSON')
    .option('-a, --all', 'also show done and cancelled tasks and the backlog')
    .exitOverride()
    .action(async (rawOptions: unknown) => {
      const options = parseOptions(ListOptionsSchema, rawOptions);
      const { snapshot } = await openRepo(ctx);
      const all = options.all ?? false;
      const shown = all ? snapshot.tasks : snapshot.current.tasks.filter((t) => t.state === 'pending' || t.state === 'started');
      printTasks(ctx, shown, options.json ?? false, all);
    });

  tasks
    .command('add')
    .description('add a task (to the end of a project, created when missing)')
    .argument('<text...>', 'the task text')
    .option('-p, --project <project>', 'the project: Outer/Inner or "Outer > Inner"')
    .option('-b, --backlog', 'add to backlog.todo instead of current.todo')
    .option('-t, --tag <tag>', 'a tag, name or name(value); repeatable', (value: string, previous: string[] = []) => [...previous, value])
    .option('--json', 'print the new task as JSON')
    .exitOverride()
    .action(async (words: string[], _opts: unknown, cmd: Command) => {
      const options = parseOptions(AddOptionsSchema, optionsOf(cmd));
      guardReadonly(ctx, 'add');
      const { repo, snapshot } = await openRepo(ctx);
      const file: TodoFileId = options.backlog ? 'backlog' : 'current';
      const edit: TaskEdit = {
        kind: 'add',
        file,
        project: projectPathOf(options.project, snapshot[file]),
        text: checkedText(words),
        tags: tagsOf(options.tag),
      };
      report(ctx, await repo.apply(edit), 'added', options.json ?? false);
    });

  for (const [name, [description, verb]] of Object.entries(STATE_VERBS) as [StateVerb, [string, string]][]) {
    tasks
      .command(name)
      .description(description)
      .argument('<task>', 'a task id or a unique fragment of its text')
      .option('--json', 'print the changed task as JSON')
      .exitOverride()
      .action(async (ref: string, _opts: unknown, cmd: Command) => {
        const options = parseOptions(JsonOptionsSchema, optionsOf(cmd));
        await runEdit(ctx, name, ref, options.json ?? false, (task) => ({ kind: name, id: task.id }), verb);
      });
  }

  tasks
    .command('edit')
    .description("replace a task's text (its tags are kept)")
    .argument('<task>', 'a task id or a unique fragment of its text')
    .argument('<text...>', 'the new text')
    .option('--json', 'print the changed task as JSON')
    .exitOverride()
    .action(async (ref: string, words: string[], _opts: unknown, cmd: Command) => {
      const options = parseOptions(JsonOptionsSchema, optionsOf(cmd));
      const text = checkedText(words);
      await runEdit(ctx, 'edit', ref, options.json ?? false, (task) => ({ kind: 'edit-text', id: task.id, text }), 'edited');
    });

  tasks
    .command('priority')
    .description('set or clear the priority: critical, high, low or none')
    .argument('<task>', 'a task id or a unique fragment of its text')
    .argument('<level>', 'critical, high, low or none')
    .option('--json', 'print the changed task as JSON')
    .exitOverride()
    .action(async (ref: string, level: string, _opts: unknown, cmd: Command) => {
      const options = parseOptions(JsonOptionsSchema, optionsOf(cmd));
      const parsed = PriorityArgSchema.safeParse(level);
      if (!parsed.success) throw new UserError(`priority must be critical, high, low or none, not "${level}"`);
      const priority = parsed.data === 'none' ? null : parsed.data;
      await runEdit(ctx, 'priority', ref, options.json ?? false, (task) => ({ kind: 'priority', id: task.id, priority }), `priority ${parsed.data}`);
    });

  tasks
    .command('move')
    .description('move a task between current.todo and backlog.todo')
    .argument('<task>', 'a task id or a unique fragment of its text')
    .requiredOption('--to <file>', 'backlog or current')
    .option('--json', 'print the moved task as JSON')
    .exitOverride()
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      const options = parseOptions(MoveOptionsSchema, optionsOf(cmd));
      await runEdit(ctx, 'move', ref, options.json ?? false, (task) => ({ kind: 'move', id: task.id, to: options.to }), `moved to ${options.to}`);
    });
};
