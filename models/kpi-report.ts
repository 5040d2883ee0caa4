// What a KPI computation produces (issue 6): the DORA figures with their bands, counts and
// drill-downs, the SOP §6 KPIs measured beside stated, and what could not be parsed. The
// cockpit caches it in `.orchestration/.cache/kpi.json`; `opsdeck kpi --json` prints it.
import { z } from 'zod';
import { MeasureSchema } from './kpi-config.js';

export const BANDS = ['elite', 'high', 'medium', 'low'] as const;
export const BandSchema = z.enum(BANDS);
export type Band = z.infer<typeof BandSchema>;

export const UNITS = ['seconds', 'percent', 'perDay', 'count', 'score', 'none'] as const;
export const UnitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof UnitSchema>;

export const COMPARATORS = ['<', '<=', '>', '>=', '='] as const;
export const ComparatorSchema = z.enum(COMPARATORS);
export type Comparator = z.infer<typeof ComparatorSchema>;

/** One deploy or incident a figure rests on. */
export const DrillItemSchema = z.object({
  id: z.string(),
  /** ISO time of the event the item is dated by. */
  at: z.string(),
  text: z.string(),
  /** The item's own value, formatted ("2.5 h", "failed health"). */
  value: z.string().optional(),
});
export type DrillItem = z.infer<typeof DrillItemSchema>;

export const DORA_IDS = ['deployFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore'] as const;
export const DoraIdSchema = z.enum(DORA_IDS);
export type DoraId = z.infer<typeof DoraIdSchema>;

export const DoraFigureSchema = z.object({
  id: DoraIdSchema,
  label: z.string(),
  /** In `unit`: perDay, seconds or percent; null when there is nothing to measure. */
  value: z.number().nullable(),
  unit: UnitSchema,
  display: z.string(),
  band: BandSchema.nullable(),
  /** How many deploys, commits or restores it rests on. */
  n: z.number().int().nonnegative(),
  /** What n counts ("deploys", "commits", "restores"). */
  nOf: z.string(),
  /** One line on how it was worked out. */
  basis: z.string(),
  /** Daily points over the window, oldest first. */
  trend: z.array(z.number().nullable()),
  items: z.array(DrillItemSchema),
});
export type DoraFigure = z.infer<typeof DoraFigureSchema>;

export const KPI_STATUSES = ['ok', 'warn', 'miss', 'stated', 'error'] as const;
export const KpiStatusSchema = z.enum(KPI_STATUSES);
export type KpiStatus = z.infer<typeof KpiStatusSchema>;

/** A value as written and as a number in a canonical unit. */
export const QuantitySchema = z.object({ value: z.number(), unit: UnitSchema });
export type Quantity = z.infer<typeof QuantitySchema>;

export const SopKpiSchema = z.object({
  name: z.string(),
  /** '6.1' objectives table, '6.2' KPI lines, 'config' added by opsdeck.yaml. */
  section: z.enum(['6.1', '6.2', 'config']),
  /** 1-based line in sop.md (0 for config). */
  line: z.number().int().nonnegative(),
  /** The stated value as written ("2x per week", "🟡 85ms avg"). */
  stated: z.string().nullable(),
  statedValue: QuantitySchema.nullable(),
  /** The target as written ("daily", "<100ms"). */
  target: z.string(),
  comparator: ComparatorSchema,
  targetValue: z.number(),
  unit: UnitSchema,
  measure: MeasureSchema.nullable(),
});
export type SopKpi = z.infer<typeof SopKpiSchema>;

export const KpiRowSchema = SopKpiSchema.extend({
  measured: z.number().nullable(),
  measuredDisplay: z.string().nullable(),
  source: z.enum(['dora', 'prometheus', 'command', 'sop']),
  status: KpiStatusSchema,
  error: z.string().optional(),
  /** The SOP's date, for KPIs shown as stated. */
  asOf: z.string().nullable(),
  trend: z.array(z.number().nullable()),
});
export type KpiRow = z.infer<typeof KpiRowSchema>;

export const UnparsedLineSchema = z.object({ line: z.number().int().positive(), text: z.string(), reason: z.string() });
export type UnparsedLine = z.infer<typeof UnparsedLineSchema>;

export const KpiReportSchema = z.object({
  v: z.literal(1),
  computedAt: z.string(),
  environment: z.string(),
  windowDays: z.number().int().positive(),
  dora: z.array(DoraFigureSchema),
  kpis: z.array(KpiRowSchema),
  unparsed: z.array(UnparsedLineSchema),
  /** sop.md's "Last Updated" date, when it has one; null when there is no sop.md. */
  sopDate: z.string().nullable(),
  sopFound: z.boolean(),
  /** Journal and incident lines that were not valid events, skipped. */
  malformed: z.object({ deploys: z.number().int().nonnegative(), incidents: z.number().int().nonnegative() }),
  /** Problems that did not stop the computation (git missing, a version not found). */
  warnings: z.array(z.string()),
});
export type KpiReport = z.infer<typeof KpiReportSchema>;

export const KpiCacheSchema = z.object({ v: z.literal(1), reports: z.record(z.string(), KpiReportSchema) });
export type KpiCache = z.infer<typeof KpiCacheSchema>;
