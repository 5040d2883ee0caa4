// incident_status, backup_status and kpi_report: each reads through its domain module
// (src/incident, src/backup, src/kpi), imported lazily when the tool is called.
import type { Incident } from '../../models/incident-view.js';
import { UserError } from '../errors.js';
import type { McpContext } from './tool-kit.js';

const RESOLVED_SHOWN = 5;
const NOTES_SHOWN = 3;

export async function incidentStatus(ctx: McpContext, root: string, now: Date = new Date()): Promise<Record<string, unknown>> {
  const { loadIncidentSnapshot } = await import('../incident/incident-repo.js');
  const { slaState } = await import('../incident/sla.js');
  const { sortIncidents } = await import('../incident/fold.js');
  const snapshot = await loadIncidentSnapshot(root, ctx.config.incidents.sla);
  const sorted = sortIncidents(snapshot.incidents);
  const entry = (i: Incident): Record<string, unknown> => {
    const sla = slaState(i, snapshot.sla.rules, now);
    return {
      id: i.id,
      priority: i.priority,
      title: i.title,
      status: i.status,
      opened_at: i.openedAt,
      opened_by: i.openedBy,
      acknowledged_at: i.acknowledgedAt,
      resolved_at: i.resolvedAt,
      cause: i.cause,
      ...(i.summary ? { summary: i.summary } : {}),
      sla: { due_at: sla.dueAt, ms_left: sla.msLeft, breached: sla.breached, response_due_at: sla.responseDueAt, response_breached: sla.responseBreached },
      notes: i.notes.slice(-NOTES_SHOWN).map((n) => ({ at: n.at, who: n.who, text: n.text })),
      note_count: i.notes.length,
    };
  };
  const open = sorted.filter((i) => i.status !== 'resolved');
  const resolved = sorted.filter((i) => i.status === 'resolved').slice(0, RESOLVED_SHOWN);
  return {
    open_count: open.length,
    open: open.map(entry),
    recently_resolved: resolved.map(entry),
    ...(snapshot.problems.length ? { journal_problems: snapshot.problems.slice(0, 20).map((p) => `${p.file}:${p.line}: ${p.reason}`) } : {}),
  };
}

export async function backupStatus(ctx: McpContext, root: string): Promise<Record<string, unknown>> {
  const { loadPolicy, collectReport } = await import('../backup/load.js');
  const policy = await loadPolicy(root, ctx.config.backups);
  const report = await collectReport(root, policy, ctx.config.backups.concurrency);
  return {
    at: report.at,
    summary: report.summary,
    alert: report.alert,
    rpo: report.rpo ? { rpo_ms: report.rpo.rpoMs, age_ms: report.rpo.ageMs, component: report.rpo.component, breach: report.rpo.breach } : null,
    rto_ms: report.rtoMs,
    components: report.components.map((c) => ({
      name: c.name,
      label: c.label,
      schedule: c.schedule,
      type: c.type,
      source: c.source,
      state: c.state,
      detail: c.detail,
      last_backup: c.last ? { time: c.last.time, age_ms: c.last.ageMs, ...(c.last.size === undefined ? {} : { size_bytes: c.last.size }) } : null,
      next_expected: c.nextExpected,
      backups: c.count,
      retention: { state: c.retentionState, detail: c.retentionDetail, policy: c.retention },
      last_verification: c.verification ? { run_id: c.verification.runId, at: c.verification.at, result: c.verification.result } : null,
      ...(c.error ? { error: c.error } : {}),
    })),
    ...(report.issues.length ? { policy_issues: report.issues.map((i) => `${i.where}: ${i.message}`) } : {}),
  };
}

export async function kpiReport(ctx: McpContext, root: string, window: string | undefined, env: string | undefined): Promise<Record<string, unknown>> {
  const environment = env ?? ctx.config.kpis.environment;
  const known = ctx.config.environments.map((e) => e.name);
  if (!known.includes(environment)) throw new UserError(`unknown environment "${environment}" (known: ${known.join(', ')})`);
  const windowDays = window === undefined ? undefined : Number.parseInt(window, 10);
  const { computeKpiReport } = await import('../kpi/compute.js');
  const r = await computeKpiReport({ root, kpis: ctx.config.kpis, windowDays, environment });
  return {
    environment: r.environment,
    window: `${r.windowDays}d`,
    at: r.computedAt,
    dora: r.dora.map((f) => ({ id: f.id, label: f.label, value: f.value, unit: f.unit, display: f.display, band: f.band, n: f.n, of: f.nOf, basis: f.basis })),
    kpis: r.kpis.map((k) => ({
      name: k.name,
      sop_section: k.section,
      stated: k.stated,
      target: k.target,
      measured: k.measuredDisplay,
      status: k.status,
      source: k.source,
      ...(k.asOf ? { as_of: k.asOf } : {}),
      ...(k.error ? { error: k.error } : {}),
    })),
    ...(r.unparsed.length ? { unparsed_sop_lines: r.unparsed.map((u) => `sop.md:${u.line}: ${u.reason}: ${u.text}`) } : {}),
    warnings: r.warnings,
  };
}
