// The MCP server's read-only ops tools and the write guard, in process (real SDK Client over an
// in-memory transport) on a temp repo with tasks, run journals, a run log, incidents and backups.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WRITE_TOOL_NAMES } from '../../models/mcp-tools.js';
import { connect, data, errorText, mcpSuite } from '../fixtures/mcp/in-memory.js';
import { SECRET } from '../fixtures/mcp/make-repo.js';

const suite = mcpSuite('opsdeck-mcp-ops-');
const { call } = suite;

describe('ops tools', () => {
  it('list_tasks: open tasks by default, by state, by file', async () => {
    const open = data(await call('list_tasks'));
    expect((open.tasks as { text: string }[]).map((t) => t.text)).toEqual(['rotate the API keys', 'add the p95 alert', 'move logs to S3']);
    const done = data(await call('list_tasks', { state: 'done' }));
    expect((done.tasks as { text: string; state: string }[]).map((t) => t.text)).toEqual(['write the runbook']);
    expect(data(await call('list_tasks', { state: 'all', file: 'backlog' })).count).toBe(1);
  });

  it('deploy_history: newest first, filtered by environment and limited', async () => {
    const all = data(await call('deploy_history'));
    const ids = (all.runs as { run_id: string }[]).map((r) => r.run_id);
    expect(ids).toEqual([suite.repo.runs.stagingDeploy, suite.repo.runs.rollback, suite.repo.runs.failedDeploy, suite.repo.runs.okDeploy]);
    const prod = data(await call('deploy_history', { env: 'production', limit: 2 }));
    expect(prod.total).toBe(3);
    expect(prod.runs).toMatchObject([
      { run_id: suite.repo.runs.rollback, kind: 'rollback', result: 'success' },
      { run_id: suite.repo.runs.failedDeploy, kind: 'deploy', result: 'failed', failed_step: 'health', version: 'v1.3.0', previous_version: 'v1.2.0' },
    ]);
  });

  it('explain_run: steps, the failure and the redacted log tail; a prefix works; unknown ids list the latest', async () => {
    const d = data(await call('explain_run', { run_id: suite.repo.runs.failedDeploy }));
    expect(d.summary).toMatch(/failed at step 'Health check'/);
    expect(d.steps).toMatchObject([{ id: 'deploy', state: 'ok' }, { id: 'health', state: 'failed', exit_code: 503, detail: 'HTTP 503 from /health' }]);
    const tail = (d.log_tail as string[]).join('\n');
    expect(tail).toContain('health check failed: HTTP 503');
    expect(tail).not.toContain(SECRET);
    expect(tail).not.toContain('\u001b');
    expect(data(await call('explain_run', { run_id: '20251103-120000' })).kind).toBe('verify');
    expect(data(await call('explain_run', { run_id: suite.repo.runs.okDeploy })).log_missing).toBe(true);
    expect(errorText(await call('explain_run', { run_id: 'nope' }))).toMatch(new RegExp(`no run 'nope'; the latest runs: ${suite.repo.runs.verify}`));
    expect(errorText(await call('explain_run', { run_id: '2025110' }))).toMatch(/matches \d+ runs/);
  });

  it('incident_status: the open P1 with its SLA and notes, then the resolved one with its cause', async () => {
    const d = data(await call('incident_status'));
    expect(d.open_count).toBe(1);
    expect(d.open).toMatchObject([{ id: suite.repo.incidentOpen, priority: 'P1', status: 'open', note_count: 1, notes: [{ text: 'p95 at 900ms on the db dashboards' }] }]);
    expect((d.open as { sla: { breached: boolean } }[])[0]!.sla.breached).toBe(true); // P1: 15 min, opened 30 min ago
    expect(d.recently_resolved).toMatchObject([{ id: suite.repo.incidentResolved, cause: suite.repo.runs.failedDeploy }]);
  });

  it('kpi_report: DORA figures and SOP KPIs for production over the window', async () => {
    const d = data(await call('kpi_report', { window: '30d' }));
    expect(d).toMatchObject({ environment: 'production', window: '30d' });
    const figures = d.dora as { id: string; n: number; of: string }[];
    expect(figures.map((f) => f.id)).toEqual(['deployFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore']);
    // one successful production deploy (the failed one and the rollback do not count as deploys)
    expect(figures[0]).toMatchObject({ n: 1, of: 'deploys' });
    const kpis = d.kpis as { name: string; target: string; status: string }[];
    expect(kpis.find((k) => /deployment frequency/i.test(k.name))).toMatchObject({ target: expect.any(String), status: expect.stringMatching(/^(ok|warn|miss|stated|error)$/) });
    expect(data(await call('kpi_report', { env: 'staging', window: '90d' }))).toMatchObject({ environment: 'staging', window: '90d' });
    expect(errorText(await call('kpi_report', { window: '7d' }))).toMatch(/window/);
    expect(errorText(await call('kpi_report', { env: 'qa' }))).toMatch(/unknown environment "qa" \(known: staging, production\)/);
  });

  it('backup_status: per component state, last backup, verification, RPO and summary', async () => {
    const d = data(await call('backup_status'));
    expect(typeof d.summary).toBe('string');
    const db = (d.components as { name: string; last_backup: { time: string } | null; last_verification: { run_id: string } | null }[]).find((c) => c.name === 'database')!;
    expect(db.last_backup?.time).toBe(suite.repo.backupAt);
    expect(db.last_verification?.run_id).toBe(suite.repo.runs.verify);
    expect(d.rpo).toMatchObject({ rpo_ms: 3_600_000 });
  });

  it('says how to give a repo when there is none', async () => {
    const none = await connect(suite.repo, { root: null });
    try {
      expect(errorText(await call('list_tasks', {}, none.client))).toMatch(/no opsdeck repo.*--root/);
      expect(data(await call('list_available_models', {}, none.client)).models).toBeTruthy();
    } finally {
      await none.close();
    }
  });
});

describe('the write guard', () => {
  it('exposes the task-edit tools only with mcp.allowWrite, never under --readonly, and never deploys', async () => {
    const rw = await connect(suite.repo, { allowWrite: true });
    const ro = await connect(suite.repo, { allowWrite: true, readonly: true });
    try {
      const names = (await rw.client.listTools()).tools.map((t) => t.name);
      expect([...rw.server.toolNames].sort()).toEqual([...names].sort()); // what the stdio transport checks tools/call against
      expect([...ro.server.toolNames].sort()).toEqual((await ro.client.listTools()).tools.map((t) => t.name).sort());
      expect(names).toEqual(expect.arrayContaining([...WRITE_TOOL_NAMES]));
      expect(names.filter((n) => /deploy|rollback/.test(n)).sort()).toEqual(['deploy', 'deploy_history', 'rollback']);
      for (const tool of (await rw.client.listTools()).tools.filter((t) => t.name === 'deploy' || t.name === 'rollback')) {
        expect((tool.inputSchema.properties as Record<string, { enum?: string[] }>).env?.enum).toEqual(['staging']); // never production
      }
      expect((await ro.client.listTools()).tools.map((t) => t.name)).not.toEqual(expect.arrayContaining(['add_task']));

      const added = data(await call('add_task', { text: 'page the DBA', project: 'Payments' }, rw.client));
      expect(added).toMatchObject({ done: 'added', task: { text: 'page the DBA', project: 'Payments', state: 'pending' } });
      expect(data(await call('set_task_state', { task: 'page the DBA', state: 'done' }, rw.client))).toMatchObject({ task: { state: 'done' } });
      const updated = data(await call('update_task', { task: 'add the p95', text: 'add the p95 latency alert', priority: 'critical', move_to: 'backlog' }, rw.client));
      expect(updated).toMatchObject({ task: { text: 'add the p95 latency alert', file: 'backlog' } });
      expect(readFileSync(join(suite.repo.root, '.orchestration', 'backlog.todo'), 'utf8')).toMatch(/add the p95 latency alert.*@critical/);
      expect(errorText(await call('update_task', { task: 'rotate' }, rw.client))).toMatch(/give text, priority or move_to/);
      expect(errorText(await call('set_task_state', { task: 'zzz-nothing', state: 'start' }, rw.client))).toMatch(/no task matches/);
      expect(errorText(await call('add_task', { text: '   ' }, rw.client))).toBeTruthy();
    } finally {
      await rw.close();
      await ro.close();
    }
  });
});
