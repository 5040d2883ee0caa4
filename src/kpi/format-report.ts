// The KPI report as text (pure): what `opsdeck kpi` prints and the words the pane shows.
// With colour off (NO_COLOR) statuses are plain words: ok / warn / miss.
import type { DoraFigure, KpiReport, KpiRow, KpiStatus } from '../../models/kpi-report.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { sparkline } from '../gpu/sparkline.js';

const MARKS: Record<KpiStatus, [string, string]> = {
  ok: ['🟢', 'ok'],
  warn: ['🟡', 'warn'],
  miss: ['🔴', 'miss'],
  stated: ['··', 'sop'],
  error: ['⚠ ', 'err'],
};

/** 🟢/🟡/🔴 with colour, ok/warn/miss without. */
export function statusMark(status: KpiStatus, color: boolean): string {
  return MARKS[status][color ? 0 : 1];
}

/** Averages daily points into at most `width` buckets (90 days into 30 columns). */
export function fitTrend(points: readonly (number | null)[], width: number): (number | null)[] {
  if (points.length <= width || width <= 0) return [...points];
  const size = Math.ceil(points.length / width);
  const out: (number | null)[] = [];
  for (let i = points.length; i > 0; i -= size) {
    const chunk = points.slice(Math.max(0, i - size), i).filter((v): v is number => v !== null);
    out.unshift(chunk.length === 0 ? null : chunk.reduce((a, b) => a + b, 0) / chunk.length);
  }
  return out;
}

export function trendLine(points: readonly (number | null)[], width: number): string {
  return points.length === 0 ? ' '.repeat(width) : sparkline(fitTrend(points, width), width);
}

const pad = (text: string, width: number): string => (text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length));

export function doraLine(figure: DoraFigure, trendWidth = 15): string {
  return `${pad(figure.label, 20)} ${pad(figure.display, 22)} ${pad(figure.band ?? '-', 6)} n=${pad(String(figure.n), 5)} ${trendLine(figure.trend, trendWidth)}`;
}

export function measuredText(row: KpiRow): string {
  if (row.status === 'stated') return `as stated in SOP${row.asOf ? ` (${row.asOf})` : ''}`;
  if (row.status === 'error') return `error: ${row.error ?? 'no value'}`;
  return row.measuredDisplay ?? '';
}

export function kpiLine(row: KpiRow, color: boolean): string {
  const name = sanitizeLine(row.name);
  return `${pad(statusMark(row.status, color), 4)} ${pad(name, 24)} ${pad(measuredText(row), 30)} stated ${pad(sanitizeLine(row.stated ?? '-'), 14)} target ${sanitizeLine(row.target)}`;
}

export function formatReport(report: KpiReport, color: boolean): string[] {
  const lines = [`KPIs · ${sanitizeLine(report.environment)} · last ${report.windowDays} d · computed ${report.computedAt}`, '', 'DORA'];
  for (const figure of report.dora) lines.push(`  ${doraLine(figure)}`);
  lines.push('', report.sopFound ? 'SOP §6 objectives and KPIs (measured · stated · target)' : 'SOP §6: no .orchestration/sop.md');
  for (const row of report.kpis) {
    lines.push(`  ${kpiLine(row, color)}`);
    if (row.status === 'error') lines.push(`       ${sanitizeLine(`${row.name}: ${row.error ?? 'no value'}`)}`);
  }
  if (report.unparsed.length > 0) {
    lines.push('', 'sop.md lines not understood:');
    for (const u of report.unparsed) lines.push(`  line ${u.line}: ${sanitizeLine(u.text)} (${u.reason})`);
  }
  for (const w of report.warnings) lines.push(`warning: ${sanitizeLine(w)}`);
  return lines;
}
