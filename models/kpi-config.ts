// The `kpis` config section (issue 6). models/config.ts puts the sections together.
import { z } from 'zod';

/** What opsdeck can measure itself. DORA comes from the journal, incidents and git; the rest from a metrics source. */
export const MEASURES = ['deployFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore', 'availability', 'latencyP95', 'errorRate'] as const;
export const MeasureSchema = z.enum(MEASURES);
export type Measure = z.infer<typeof MeasureSchema>;
export const METRIC_MEASURES = ['availability', 'latencyP95', 'errorRate'] as const;
export type MetricMeasure = (typeof METRIC_MEASURES)[number];

/**
 * DORA band thresholds (defaults: Apache DevLake's). Durations in hours, rates in percent,
 * frequency in median deploy-days per week (elite, high) and per 30 days (medium).
 */
export const DoraBandsSchema = z.strictObject({
  deployFrequency: z
    .strictObject({ eliteDaysPerWeek: z.number().positive().default(3), highDaysPerWeek: z.number().positive().default(1), mediumDaysPerMonth: z.number().positive().default(1) })
    .default({ eliteDaysPerWeek: 3, highDaysPerWeek: 1, mediumDaysPerMonth: 1 }),
  leadTimeHours: z
    .strictObject({ elite: z.number().positive().default(1), high: z.number().positive().default(168), medium: z.number().positive().default(4380) })
    .default({ elite: 1, high: 168, medium: 4380 }),
  changeFailurePercent: z
    .strictObject({ elite: z.number().min(0).default(5), high: z.number().min(0).default(10), medium: z.number().min(0).default(15) })
    .default({ elite: 5, high: 10, medium: 15 }),
  timeToRestoreHours: z
    .strictObject({ elite: z.number().positive().default(1), high: z.number().positive().default(24), medium: z.number().positive().default(168) })
    .default({ elite: 1, high: 24, medium: 168 }),
});
export type DoraBands = z.infer<typeof DoraBandsSchema>;
export const DEFAULT_DORA_BANDS: DoraBands = DoraBandsSchema.parse({});

/** A metrics source for one measure: Prometheus PromQL, or a command that prints JSON. */
export const MetricSourceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('prometheus'),
    /** Instant query; `$window` becomes e.g. `30d`. Default: the measure's standard query. */
    query: z.string().min(1).optional(),
    /** Daily points for the trend; `$window` becomes `1d`. Default: the query. */
    rangeQuery: z.string().min(1).optional(),
    /** Multiply the answer (e.g. 100 for a ratio into percent, 1000 for seconds into ms). */
    scale: z.number().positive().optional(),
    timeoutMs: z.number().int().positive().optional(),
  }),
  z.strictObject({
    type: z.literal('command'),
    /** argv, run without a shell in the repo root; prints `{"value": N, "series"?: [N|null, ...]}`. */
    command: z.array(z.string().min(1)).min(1),
    timeoutMs: z.number().int().positive().optional(),
  }),
]);
export type MetricSource = z.infer<typeof MetricSourceSchema>;

/** A KPI the config adds, or an override of the SOP KPI with the same name. */
export const KpiEntrySchema = z.strictObject({
  name: z.string().min(1),
  /** As in the SOP: "<100ms", "99.99%", "daily", "<1 hour". */
  target: z.string().min(1).optional(),
  stated: z.string().min(1).optional(),
  measure: MeasureSchema.optional(),
});
export type KpiEntry = z.infer<typeof KpiEntrySchema>;

export const KpisSchema = z.strictObject({
  windowDays: z.literal([30, 90]).default(30),
  environment: z.string().default('production'),
  prometheusUrl: z.url({ protocol: /^https?$/ }).optional(),
  bands: DoraBandsSchema.default(DEFAULT_DORA_BANDS),
  /** Per-measure metric sources; with prometheusUrl set, every metric measure defaults to Prometheus. */
  metrics: z.strictObject({ availability: MetricSourceSchema.optional(), latencyP95: MetricSourceSchema.optional(), errorRate: MetricSourceSchema.optional() }).default({}),
  /** Per-KPI timeout of a metrics query, in ms. */
  timeoutMs: z.number().int().positive().default(5000),
  /** A measured value that misses its target by at most this share of the target shows 🟡 instead of 🔴. */
  warnPercent: z.number().min(0).default(10),
  targets: z.array(KpiEntrySchema).default([]),
});
export type KpisConfig = z.infer<typeof KpisSchema>;
export type KpiInput = z.input<typeof KpisSchema>;
