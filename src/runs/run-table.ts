// Plain-text tables for `opsdeck runs` and `opsdeck deploys` (one line per run, sanitized).
import { sanitizeLine } from '../sanitize/sanitize.js';
import type { RunSummary } from './run-summary.js';
import { formatDuration } from './run-summary.js';

/** `11-26 01:04` (UTC) from an ISO time. */
export function shortTime(iso: string): string {
  const m = /^\d{4}-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(iso);
  return m ? `${m[1]}-${m[2]} ${m[3]}:${m[4]}` : sanitizeLine(iso, 11);
}

function resultText(run: RunSummary): string {
  return run.failedStep && run.result !== 'success' ? `${run.result}@${run.failedStep}` : run.result;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

const cell = (text: string | null, max = 24): string => (text === null ? '-' : sanitizeLine(text, max) || '-');

/** `opsdeck runs`: id, kind, env, version, result, who, started (UTC), duration. */
export function formatRunsTable(runs: readonly RunSummary[]): string[] {
  if (runs.length === 0) return ['no runs yet'];
  return table(
    ['ID', 'KIND', 'ENV', 'VERSION', 'RESULT', 'WHO', 'STARTED', 'TOOK'],
    runs.map((r) => [cell(r.id, 40), r.kind, cell(r.env), cell(r.version), cell(resultText(r), 30), cell(r.who, 30), shortTime(r.startedAt), formatDuration(r.durationMs)]),
  );
}

/** `opsdeck deploys`: when, env, kind, version, previous version, result, who, duration. */
export function formatDeploysTable(runs: readonly RunSummary[]): string[] {
  if (runs.length === 0) return ['no deploys yet'];
  return table(
    ['STARTED', 'ENV', 'KIND', 'VERSION', 'FROM', 'RESULT', 'WHO', 'TOOK'],
    runs.map((r) => [shortTime(r.startedAt), cell(r.env), r.kind, cell(r.version), cell(r.previousVersion), cell(resultText(r), 30), cell(r.who, 30), formatDuration(r.durationMs)]),
  );
}
