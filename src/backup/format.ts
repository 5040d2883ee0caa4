// Plain-text views of backup status and the recovery plan, for the headless command (the pane
// draws its own). Outside text (names, errors) is sanitized here.
import type { BackupPolicy } from '../../models/backup-policy.js';
import type { BackupReport, ComponentStatus, RpoGauge } from '../../models/backup-status.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { truncateToWidth } from '../sanitize/text-width.js';
import { formatAge, formatDuration, formatSize } from './duration.js';
import type { BackupRun } from './journal-fold.js';

function pad(text: string, width: number): string {
  const clean = sanitizeLine(text);
  return clean.length > width ? `${clean.slice(0, width - 1)}…` : clean.padEnd(width);
}

function shortTime(iso: string | null | undefined): string {
  return iso ? iso.slice(5, 16).replace('T', ' ') : '-';
}

export function verificationLabel(status: ComponentStatus): string {
  const v = status.verification;
  if (!v) return 'never';
  const mark = v.result === 'success' ? '✓' : v.result === 'running' ? '…' : '✗';
  return `${mark} ${v.at.slice(5, 10)}`;
}

export function rpoLine(rpo: RpoGauge | null): string {
  if (!rpo) return 'RPO: no database component';
  if (rpo.ageMs === null) return `RPO ${formatDuration(rpo.rpoMs)}: BREACH, no restorable database backup`;
  return `RPO ${formatDuration(rpo.rpoMs)}: newest database backup ${formatAge(rpo.ageMs)} old (${sanitizeLine(rpo.component ?? '')})${rpo.breach ? ' BREACH' : ' ok'}`;
}

export function formatReport(report: BackupReport): string[] {
  const lines = [`${'COMPONENT'.padEnd(18)} ${'STATE'.padEnd(8)} ${'LAST'.padEnd(11)} ${'AGE'.padEnd(7)} ${'SIZE'.padEnd(8)} ${'NEXT'.padEnd(11)} VERIFIED`];
  for (const c of report.components) {
    lines.push(
      [pad(c.name, 18), pad(c.state, 8), pad(shortTime(c.last?.time), 11), pad(c.last ? formatAge(c.last.ageMs) : '-', 7), pad(formatSize(c.last?.size) || '-', 8), pad(shortTime(c.nextExpected), 11), verificationLabel(c)].join(' '),
    );
    if (c.state !== 'ok') lines.push(`  ${c.error ? '! ' : ''}${sanitizeLine(c.detail, 76)}`);
    if (c.retentionState === 'shortfall' || c.retentionState === 'excess') lines.push(`  retention ${c.retentionState}: ${sanitizeLine(c.retentionDetail, 60)}`);
  }
  lines.push('', rpoLine(report.rpo), `RTO ${formatDuration(report.rtoMs)}`);
  for (const issue of report.issues) lines.push(`warning: ${sanitizeLine(issue.where)}: ${sanitizeLine(issue.message)}`);
  lines.push(sanitizeLine(report.summary));
  return lines.map((line) => truncateToWidth(line, 80));
}

export type PlanStep = { n: number; id: string; title: string; command: string; lastRun: { runId: string; at: string; result: string } | null };

export function planSteps(policy: BackupPolicy, runs: ReadonlyMap<string, BackupRun>): PlanStep[] {
  return policy.recoverySteps.map((s, i) => {
    const run = runs.get(s.id);
    return { n: i + 1, id: s.id, title: s.title, command: s.command, lastRun: run ? { runId: run.runId, at: run.at, result: run.result } : null };
  });
}

export function formatPlan(policy: BackupPolicy, steps: readonly PlanStep[]): string[] {
  const lines = [`Recovery runbook (SOP §4.3): RTO ${formatDuration(policy.rtoMs)}, RPO ${formatDuration(policy.rpoMs)}`, 'Dry run: nothing is executed. Run a step with the cockpit (3, R) one at a time.', ''];
  for (const step of steps) {
    lines.push(`${step.n}. ${sanitizeLine(step.title)}`, `   $ ${sanitizeLine(step.command)}`);
    if (step.lastRun) lines.push(`   last run ${shortTime(step.lastRun.at)} UTC: ${step.lastRun.result} (${step.lastRun.runId})`);
  }
  return lines;
}
