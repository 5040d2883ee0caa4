// The report as text (CLI) and as pane rows and drill-downs (pure).
import { describe, expect, it } from 'vitest';
import { formatDuration, formatFrequency, formatPercent, formatValue } from '../../src/kpi/format-values.js';
import { fitTrend, formatReport, statusMark, trendLine } from '../../src/kpi/format-report.js';
import { anyMiss } from '../../src/kpi/kpi-rows.js';
import { drillOf, paneRows } from '../../src/kpi/pane-rows.js';
import { sampleReport } from '../fixtures/kpi/report.js';

describe('KPI values', () => {
  it.each([
    [0.15, '150 ms'],
    [45, '45 s'],
    [2700, '45 min'],
    [90_000, '25 h'],
    [259_200, '3 d'],
  ])('duration %s s reads %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('reads percentages, frequencies and other units', () => {
    expect(formatPercent(16.6667)).toBe('16.7 %');
    expect(formatPercent(99.95)).toBe('99.95 %');
    expect(formatPercent(0.08)).toBe('0.08 %');
    expect(formatFrequency(0.2)).toBe('0.2/day · 1.4/wk');
    expect(formatValue(0.5, 'perDay')).toBe('0.5/day');
    expect(formatValue(4.25, 'score')).toBe('4.25');
    expect(formatValue(3, 'count')).toBe('3');
  });
});

describe('KPI report as text', () => {
  it('prints DORA with bands and n, KPIs with measured, stated and target, unparsed lines and warnings', () => {
    const text = formatReport(sampleReport(), false).join('\n');
    expect(text).toContain('KPIs · production · last 30 d · computed 2026-11-20T12:00:00.000Z');
    expect(text).toMatch(/\n {2}Lead time +25 h +high +n=4 /);
    expect(text).toMatch(/\n {2}Time to restore +nothing to restore +- +n=0 /);
    expect(text).toMatch(/\n {2}warn +Lead Time +25 h +stated 3 days +target <1 day/);
    expect(text).toMatch(/\n {2}err +Error Rate +error: prometheus: no answer i +stated/);
    expect(text).toContain('\n       Error Rate: prometheus: no answer in 5000 ms\n');
    expect(text).toMatch(/\n {2}sop +Customer Satisfaction +as stated in SOP \(2026-11-02\)/);
    expect(text).toContain('line 240: - **Mood**: good (expected "- **Name**: value (target: …)")');
    expect(text).toContain('warning: .orchestration/deploys.jsonl: skipped 1 malformed line(s): 7');
    expect(formatReport({ ...sampleReport(), sopFound: false, kpis: [], unparsed: [] }, true).join('\n')).toContain('SOP §6: no .orchestration/sop.md');
  });

  it('marks statuses with emoji in colour and words without', () => {
    expect(['ok', 'warn', 'miss'].map((s) => statusMark(s as 'ok', true))).toEqual(['🟢', '🟡', '🔴']);
    expect(['ok', 'warn', 'miss', 'stated', 'error'].map((s) => statusMark(s as 'ok', false))).toEqual(['ok', 'warn', 'miss', 'sop', 'err']);
  });

  it('fits 90 daily points into 30 columns by averaging', () => {
    const days = Array.from({ length: 90 }, (_, i) => (i < 3 ? 3 : i % 3 === 0 ? null : 1));
    const fitted = fitTrend(days, 30);
    expect(fitted).toHaveLength(30);
    expect(fitted[0]).toBe(3);
    expect(fitted[29]).toBe(1);
    expect(fitTrend([1, 2], 30)).toEqual([1, 2]);
    expect(trendLine([], 4)).toBe('    ');
    expect(trendLine([0, 8], 2)).toBe('▁█');
  });

  it('exits 1 only for measured KPIs that miss or warn', () => {
    const report = sampleReport();
    expect(anyMiss(report.kpis)).toBe(true);
    expect(anyMiss(report.kpis.filter((k) => k.status !== 'warn' && k.status !== 'miss'))).toBe(false);
  });
});

describe('KPI pane rows', () => {
  it('lists the DORA figures, the KPIs and one row for the unparsed lines', () => {
    const report = sampleReport();
    const rows = paneRows(report);
    expect(rows.map((r) => r.kind)).toEqual(['dora', 'dora', 'dora', 'dora', 'kpi', 'kpi', 'kpi', 'kpi', 'kpi', 'unparsed']);
    expect(paneRows(undefined)).toEqual([]);
    expect(drillOf(report, rows[1]!)).toMatchObject({ title: 'Lead time · 25 h · high · n = 4 commits', lines: ['how Lead time is worked out'] });
    expect(drillOf(report, rows[3]!).title).toBe('Time to restore · nothing to restore · no band · n = 0 restores');
    expect(drillOf(report, rows[9]!)).toMatchObject({ title: 'sop.md: 1 line(s) not understood', items: [{ id: 'line 240', text: '- **Mood**: good' }] });
  });

  it('drills from a KPI into the figure it is measured by, or says where it comes from', () => {
    const report = sampleReport();
    const rows = paneRows(report);
    const lead = drillOf(report, rows[4]!);
    expect(lead.title).toBe('Lead Time · warn');
    expect(lead.lines).toEqual(['sop.md §6.2, line 12: stated 3 days · target <1 day (< 24 h)', 'measured: 25 h (from dora)', 'Lead time: how Lead time is worked out']);
    expect(lead.items).toHaveLength(2);
    expect(drillOf(report, rows[6]!).lines[1]).toBe('measured: error: prometheus: no answer in 5000 ms (from prometheus)');
    expect(drillOf(report, rows[7]!).lines[1]).toBe('measured: as stated in SOP (2026-11-02)');
    expect(drillOf(report, rows[8]!)).toMatchObject({ lines: ['opsdeck.yaml kpis.targets: stated - · target <300ms (< 300 ms)', 'measured: 500 ms (from command)'], items: [] });
  });
});
