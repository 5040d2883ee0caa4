// The read-only ops tools: list_tasks, deploy_history, explain_run, incident_status,
// backup_status and kpi_report. Each reads the repo (--root or the cwd's) at call time through
// the domain modules' own readers, imported lazily.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Task } from '../../models/todo.js';
import { DeployHistoryInputShape, ExplainRunInputShape, KpiInputShape, ListTasksInputShape } from '../../models/mcp-tools.js';
import { deployHistory, explainRun } from './ops-runs.js';
import { backupStatus, incidentStatus, kpiReport } from './ops-status.js';
import { guard, jsonResult, requireRoot, type McpContext } from './tool-kit.js';

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

export function taskEntry(t: Task): Record<string, unknown> {
  return { id: t.id, text: t.text, state: t.state, project: t.project.join(' > '), tags: t.tags, file: t.file, line: t.line };
}

export function filterTasks(tasks: readonly Task[], state = 'open', file?: string): Task[] {
  return tasks.filter(
    (t) => (file === undefined || t.file === file) && (state === 'all' || (state === 'open' ? t.state === 'pending' || t.state === 'started' : t.state === state)),
  );
}

export function registerOpsTools(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'list_tasks',
    {
      title: 'List tasks',
      description:
        "The team's tasks from .orchestration/current.todo and backlog.todo: id, text, state (pending, started, done, cancelled), project, tags (@high, @due(...)), file and line. Default: the open ones (pending or started).",
      inputSchema: ListTasksInputShape,
      annotations: READ_ONLY,
    },
    (args) =>
      guard(ctx, 'list_tasks', async () => {
        const root = requireRoot(ctx);
        const { createTaskRepo } = await import('../tasks/task-repo.js');
        const snapshot = await createTaskRepo(root).load();
        const tasks = filterTasks(snapshot.tasks, args.state ?? 'open', args.file);
        return jsonResult({ root, state: args.state ?? 'open', count: tasks.length, tasks: tasks.map(taskEntry) });
      }),
  );

  server.registerTool(
    'deploy_history',
    {
      title: 'Deploy history',
      description:
        'Deploys and rollbacks from .orchestration/deploys.jsonl, newest first: run id, kind, environment, version, previous version, who, when, result (success, failed, rolled_back, interrupted, running) and the failed step. Pass a run id to explain_run for its steps and log.',
      inputSchema: DeployHistoryInputShape,
      annotations: READ_ONLY,
    },
    (args) => guard(ctx, 'deploy_history', async () => jsonResult(await deployHistory(requireRoot(ctx), args.env, args.limit ?? 20))),
  );

  server.registerTool(
    'explain_run',
    {
      title: 'Explain a run',
      description:
        "One deploy, rollback, backup verification or recovery run: its summary, every step's result, exit code, duration and failure detail, and the last lines of its log with secrets redacted. Use it to find out why a deploy failed.",
      inputSchema: ExplainRunInputShape,
      annotations: READ_ONLY,
    },
    (args) => guard(ctx, 'explain_run', async () => jsonResult(await explainRun(requireRoot(ctx), args.run_id))),
  );

  server.registerTool(
    'incident_status',
    {
      title: 'Incident status',
      description:
        'Incidents from .orchestration/incidents.jsonl: the open ones first (priority P1-P4, title, acknowledged or not, SLA due time and whether it is breached, latest notes), then the recently resolved ones with their cause.',
      inputSchema: {},
      annotations: READ_ONLY,
    },
    () => guard(ctx, 'incident_status', async () => jsonResult(await incidentStatus(ctx, requireRoot(ctx)))),
  );

  server.registerTool(
    'backup_status',
    {
      title: 'Backup status',
      description:
        'Are the backups fresh, complete and verified (SOP section 4)? Per component: the last backup and its age, the next expected one, state (ok, due, overdue, failed, unknown), retention problems and the last verification; plus the RPO gauge and a one-line summary.',
      inputSchema: {},
      annotations: READ_ONLY,
    },
    () => guard(ctx, 'backup_status', async () => jsonResult(await backupStatus(ctx, requireRoot(ctx)))),
  );

  server.registerTool(
    'kpi_report',
    {
      title: 'KPI report',
      description:
        'DORA metrics for an environment over a window (default production, 30d): deployment frequency, lead time for changes, change failure rate and time to restore, each with its band and the count it rests on (from the deploy journal, incidents and git); plus the SOP section 6 KPIs: stated value, target, measured value and status (ok, warn, miss, stated).',
      inputSchema: KpiInputShape,
      annotations: READ_ONLY,
    },
    (args) => guard(ctx, 'kpi_report', async () => jsonResult(await kpiReport(ctx, requireRoot(ctx), args.window, args.env))),
  );
}
