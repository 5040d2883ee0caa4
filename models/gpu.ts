// GPU and host statistics: the CSV rows `nvidia-smi --query-gpu` and `--query-compute-apps`
// print (with `--format=csv,noheader,nounits`), and the snapshot the GPU monitor publishes
// (`opsdeck gpu --json` prints it; the chat/GPU panes render it).
import { z } from 'zod';

/** The `--query-gpu` fields, in the order the sampler asks for them and the CSV row holds them. */
export const GPU_QUERY_FIELDS = [
  'index',
  'uuid',
  'name',
  'utilization.gpu',
  'memory.used',
  'memory.total',
  'temperature.gpu',
  'power.draw',
  'power.limit',
  'fan.speed',
  'clocks.sm',
  'clocks.mem',
] as const;

/** The `--query-compute-apps` fields, in CSV order. */
export const COMPUTE_APPS_FIELDS = ['pid', 'process_name', 'used_gpu_memory', 'gpu_uuid'] as const;

/** What a GPU is called when nvidia-smi is missing or reports no devices. */
export const NO_GPU_MESSAGE = 'no GPU detected (CPU inference)';

/**
 * One numeric CSV cell. nvidia-smi writes `[N/A]`, `[Not Supported]`, `[Unknown Error]`,
 * `[GPU is lost]`… for values it cannot read: every bracketed word, `N/A` and a blank cell
 * become null (never NaN). Anything else must be a finite number.
 */
export const MetricCellSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === '' || /^\[.*\]$/.test(text) || /^n\/a$/i.test(text)) return null;
    const value = Number(text);
    if (!Number.isFinite(value)) {
      ctx.addIssue({ code: 'custom', message: `not a number: ${JSON.stringify(text.slice(0, 40))}` });
      return z.NEVER;
    }
    return value;
  });

const IntCellSchema = z
  .string()
  .trim()
  .regex(/^\d+$/, 'not a whole number')
  .transform((text) => Number(text));
const TextCellSchema = z.string().trim().min(1, 'empty');

/** The numeric per-GPU fields; each keeps a 2-minute history. */
export const GPU_METRICS = [
  'utilizationPct',
  'memoryUsedMiB',
  'memoryTotalMiB',
  'temperatureC',
  'powerDrawW',
  'powerLimitW',
  'fanPct',
  'clockSmMHz',
  'clockMemMHz',
] as const;
export const GpuMetricSchema = z.enum(GPU_METRICS);
export type GpuMetric = z.infer<typeof GpuMetricSchema>;

/** One `--query-gpu` CSV row, already split into its 12 cells. */
export const GpuCsvRowSchema = z
  .tuple([
    IntCellSchema,
    TextCellSchema,
    TextCellSchema,
    MetricCellSchema,
    MetricCellSchema,
    MetricCellSchema,
    MetricCellSchema,
    MetricCellSchema,
    MetricCellSchema,
    MetricCellSchema,
    MetricCellSchema,
    MetricCellSchema,
  ])
  .transform(([index, uuid, name, utilizationPct, memoryUsedMiB, memoryTotalMiB, temperatureC, powerDrawW, powerLimitW, fanPct, clockSmMHz, clockMemMHz]) => ({
    index,
    uuid,
    name,
    utilizationPct,
    memoryUsedMiB,
    memoryTotalMiB,
    temperatureC,
    powerDrawW,
    powerLimitW,
    fanPct,
    clockSmMHz,
    clockMemMHz,
  }));

const NullableNumber = z.number().nullable();

/** One GPU's values at one moment. */
export const GpuSampleSchema = z.object({
  index: z.number().int().nonnegative(),
  uuid: z.string(),
  name: z.string(),
  utilizationPct: NullableNumber,
  memoryUsedMiB: NullableNumber,
  memoryTotalMiB: NullableNumber,
  temperatureC: NullableNumber,
  powerDrawW: NullableNumber,
  powerLimitW: NullableNumber,
  fanPct: NullableNumber,
  clockSmMHz: NullableNumber,
  clockMemMHz: NullableNumber,
});
export type GpuSample = z.infer<typeof GpuSampleSchema>;

/** One `--query-compute-apps` CSV row, split into pid, name, memory and GPU uuid. */
export const ComputeAppRowSchema = z
  .tuple([IntCellSchema, z.string().trim(), MetricCellSchema, TextCellSchema])
  .transform(([pid, name, usedMemoryMiB, gpuUuid]) => ({ pid, name, usedMemoryMiB, gpuUuid }));
export type ComputeAppRow = z.infer<typeof ComputeAppRowSchema>;

/** A process using GPU memory; `ours` marks this very process (process.pid). */
export const GpuProcessSchema = z.object({
  pid: z.number().int().nonnegative(),
  name: z.string(),
  usedMemoryMiB: NullableNumber,
  gpuUuid: z.string(),
  gpuIndex: z.number().int().nonnegative().nullable(),
  ours: z.boolean(),
});
export type GpuProcess = z.infer<typeof GpuProcessSchema>;

/** Oldest first; null where the value was unreadable or the GPU was missing from a sample. */
export const GpuHistorySchema = z.record(GpuMetricSchema, z.array(NullableNumber));
export type GpuHistory = z.infer<typeof GpuHistorySchema>;

export const GpuViewSchema = z.object({
  index: z.number().int().nonnegative(),
  uuid: z.string(),
  name: z.string(),
  /** False when the GPU was missing from the latest sample (or nvidia-smi is not running). */
  present: z.boolean(),
  /** Epoch ms of the last sample that held this GPU. */
  lastSeenAt: z.number(),
  /** The values of the last sample that held this GPU. */
  latest: GpuSampleSchema,
  history: GpuHistorySchema,
});
export type GpuView = z.infer<typeof GpuViewSchema>;

export const HostStatsSchema = z.object({
  /** Busy share of all cores since the previous reading, 0–100; null before there is one. */
  cpuPercent: NullableNumber,
  cores: z.number().int().nonnegative(),
  memTotalBytes: z.number().nonnegative(),
  /** Total minus available (what `free` calls used, caches excluded). */
  memUsedBytes: z.number().nonnegative(),
  memAvailableBytes: z.number().nonnegative(),
  sampledAt: z.number(),
});
export type HostStats = z.infer<typeof HostStatsSchema>;

/** The loaded model's own VRAM use, filled by the LLM engine (node-llama-cpp's getVramState()). */
export const ModelVramSchema = z.object({
  totalBytes: z.number().nonnegative(),
  usedBytes: z.number().nonnegative(),
  freeBytes: z.number().nonnegative(),
  /** Memory shared between RAM and VRAM (getVramState().unifiedSize), when known. */
  unifiedBytes: z.number().nonnegative().optional(),
  updatedAt: z.number(),
});
export type ModelVram = z.infer<typeof ModelVramSchema>;

export const GPU_STATUS_KINDS = ['idle', 'starting', 'ok', 'none', 'lost'] as const;

/**
 * - idle: not started, or stopped.
 * - starting: nvidia-smi runs, no sample yet.
 * - ok: samples arrive.
 * - none: no nvidia-smi on PATH, or it reports no devices ({@link NO_GPU_MESSAGE}); not an
 *   error. `retryInAt` is set when nvidia-smi will be asked again.
 * - lost: nvidia-smi died or could not start; it is restarted at `retryInAt` (epoch ms)
 *   with exponential backoff (`attempt` counts the restarts in a row).
 */
export const GpuStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('starting'), since: z.number() }),
  z.object({ kind: z.literal('ok'), since: z.number() }),
  z.object({ kind: z.literal('none'), message: z.string(), reason: z.string(), retryInAt: z.number().nullable() }),
  z.object({
    kind: z.literal('lost'),
    message: z.string(),
    detail: z.string().nullable(),
    since: z.number(),
    retryInAt: z.number(),
    attempt: z.number().int().positive(),
  }),
]);
export type GpuStatus = z.infer<typeof GpuStatusSchema>;

export const GpuSnapshotSchema = z.object({
  status: GpuStatusSchema,
  /** Every GPU seen since start, by index; gone ones have present: false. */
  gpus: z.array(GpuViewSchema),
  processes: z.array(GpuProcessSchema),
  /** Epoch ms of the last per-process poll; null before the first. */
  processesAt: z.number().nullable(),
  host: HostStatsSchema.nullable(),
  modelVram: ModelVramSchema.nullable(),
  /** Epoch ms of the latest GPU sample; null before the first. */
  sampledAt: z.number().nullable(),
  sampleCount: z.number().int().nonnegative(),
  intervalMs: z.number().int().positive(),
  /** How many samples each history holds at most (2 minutes' worth). */
  historyLength: z.number().int().positive(),
  /** The last line nvidia-smi printed that was not a sample (sanitized), e.g. an error. */
  warning: z.string().nullable(),
});
export type GpuSnapshot = z.infer<typeof GpuSnapshotSchema>;
