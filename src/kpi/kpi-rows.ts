// SOP KPIs measured beside stated (pure): each KPI gets the DORA figure or metric reading it
// can be measured by, and a status against its target; the rest are "as stated in SOP".
import type { Measure } from '../../models/kpi-config.js';
import type { DoraFigure, DoraId, KpiRow, SopKpi } from '../../models/kpi-report.js';
import { formatValue } from './format-values.js';
import type { MetricReading } from './metrics.js';
import { MEASURE_UNITS, statusOf } from './quantity.js';

const DORA_MEASURES = new Set<Measure>(['deployFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore']);

export type RowInputs = {
  dora: readonly DoraFigure[];
  metrics: Partial<Record<Measure, MetricReading>>;
  warnPercent: number;
  sopDate: string | null;
};

export function kpiRows(kpis: readonly SopKpi[], inputs: RowInputs): KpiRow[] {
  return kpis.map((kpi): KpiRow => {
    const stated: KpiRow = { ...kpi, measured: null, measuredDisplay: null, source: 'sop', status: 'stated', asOf: inputs.sopDate, trend: [] };
    const measure = kpi.measure;
    if (!measure || MEASURE_UNITS[measure] !== kpi.unit) return stated;
    const target = { comparator: kpi.comparator, value: kpi.targetValue, unit: kpi.unit };
    if (DORA_MEASURES.has(measure)) {
      const figure = inputs.dora.find((f) => f.id === (measure as DoraId));
      // Nothing to measure yet (no deploys, no restores): the SOP's figure stands.
      if (!figure || figure.value === null) return stated;
      return {
        ...stated,
        source: 'dora',
        measured: figure.value,
        measuredDisplay: formatValue(figure.value, kpi.unit),
        status: statusOf(figure.value, target, inputs.warnPercent),
        asOf: null,
        trend: figure.trend,
      };
    }
    const reading = inputs.metrics[measure];
    if (!reading) return stated;
    if (reading.value === null) return { ...stated, source: reading.source, status: 'error', error: reading.error ?? 'no value', trend: reading.trend };
    return {
      ...stated,
      source: reading.source,
      measured: reading.value,
      measuredDisplay: formatValue(reading.value, kpi.unit),
      status: statusOf(reading.value, target, inputs.warnPercent),
      asOf: null,
      trend: reading.trend,
    };
  });
}

/** Whether any measured KPI misses its target (warn or miss): `opsdeck kpi` then exits 1. */
export function anyMiss(rows: readonly KpiRow[]): boolean {
  return rows.some((r) => r.status === 'warn' || r.status === 'miss');
}
