// What the KPI pane lists and what Enter drills into (pure): the four DORA figures, the SOP
// KPIs, and one row for the sop.md lines that could not be read.
import type { DoraFigure, DrillItem, KpiReport, KpiRow } from '../../models/kpi-report.js';
import { formatValue } from './format-values.js';
import { measuredText } from './format-report.js';

export type PaneRow = { kind: 'dora'; figure: DoraFigure } | { kind: 'kpi'; row: KpiRow } | { kind: 'unparsed'; count: number };

export function paneRows(report: KpiReport | undefined): PaneRow[] {
  if (!report) return [];
  const rows: PaneRow[] = [...report.dora.map((figure) => ({ kind: 'dora' as const, figure })), ...report.kpis.map((row) => ({ kind: 'kpi' as const, row }))];
  if (report.unparsed.length > 0) rows.push({ kind: 'unparsed', count: report.unparsed.length });
  return rows;
}

export type Drill = { title: string; lines: string[]; items: DrillItem[] };

/** The drill-down of one row: how the figure was worked out and what it rests on. */
export function drillOf(report: KpiReport, row: PaneRow): Drill {
  if (row.kind === 'dora') {
    const f = row.figure;
    return { title: `${f.label} · ${f.display} · ${f.band ?? 'no band'} · n = ${f.n} ${f.nOf}`, lines: [f.basis], items: f.items };
  }
  if (row.kind === 'unparsed') {
    return {
      title: `sop.md: ${row.count} line(s) not understood`,
      lines: ['Fix these lines of .orchestration/sop.md §6.1/§6.2 to have them measured:'],
      items: report.unparsed.map((u) => ({ id: `line ${u.line}`, at: '', text: u.text, value: u.reason })),
    };
  }
  const k = row.row;
  const where = k.section === 'config' ? 'opsdeck.yaml kpis.targets' : `sop.md §${k.section}, line ${k.line}`;
  const lines = [
    `${where}: stated ${k.stated ?? '-'} · target ${k.target} (${k.comparator} ${formatValue(k.targetValue, k.unit)})`,
    `measured: ${measuredText(k)}${k.source === 'sop' ? '' : ` (from ${k.source})`}`,
  ];
  const figure = k.source === 'dora' ? report.dora.find((f) => f.id === k.measure) : undefined;
  if (figure) lines.push(`${figure.label}: ${figure.basis}`);
  return { title: `${k.name} · ${k.status}`, lines, items: figure?.items ?? [] };
}
