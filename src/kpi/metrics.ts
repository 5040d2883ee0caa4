// Metrics sources for availability, p95 latency and error rate: the Prometheus HTTP API
// (instant query for the value, query_range with a 1-day step for the trend) and a command
// that prints JSON. Each reading has its own timeout; a failure is that KPI's error only.
import { z } from 'zod';
import type { KpisConfig, MetricMeasure, MetricSource } from '../../models/kpi-config.js';
import { errorMessage } from '../errors.js';
import { trustDeferredCas } from '../net/ca-trust.js';
import { sanitizeLine } from '../sanitize/sanitize.js';

export type MetricReading = { source: 'prometheus' | 'command'; value: number | null; trend: (number | null)[]; error?: string };

const FIVE_XX = 'sum(rate(http_requests_total{code=~"5.."}[$window]))';
const ALL = 'sum(rate(http_requests_total[$window]))';

/** Default PromQL per measure: availability and error rate in percent, p95 latency in seconds. */
export const DEFAULT_QUERIES: Record<MetricMeasure, string> = {
  availability: `100 * (1 - ((${FIVE_XX} or vector(0)) / ${ALL}))`,
  errorRate: `100 * (${FIVE_XX} or vector(0)) / ${ALL}`,
  latencyP95: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
};

const SampleSchema = z.tuple([z.number(), z.string()]);
const PromResponseSchema = z.union([
  z.object({
    status: z.literal('success'),
    data: z.union([
      z.object({ resultType: z.literal('vector'), result: z.array(z.object({ value: SampleSchema })) }),
      z.object({ resultType: z.literal('scalar'), result: SampleSchema }),
      z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ values: z.array(SampleSchema) })) }),
    ]),
  }),
  z.object({ status: z.literal('error'), error: z.string(), errorType: z.string().optional() }),
]);
type PromData = Extract<z.infer<typeof PromResponseSchema>, { status: 'success' }>['data'];

const CommandOutputSchema = z.object({ value: z.number().nullable(), series: z.array(z.number().nullable()).optional() });

export type MetricContext = { prometheusUrl?: string; windowDays: number; now: Date; timeoutMs: number; cwd: string };

async function promGet(base: string, path: string, params: Record<string, string>, timeoutMs: number): Promise<PromData> {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  let response: Response;
  await trustDeferredCas();
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = (error as { name?: string }).name;
    throw new Error(name === 'TimeoutError' || name === 'AbortError' ? `no answer in ${timeoutMs} ms` : errorMessage(error));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error(`HTTP ${response.status}, not JSON`);
  }
  const parsed = PromResponseSchema.safeParse(body);
  if (!parsed.success) throw new Error(`HTTP ${response.status}, not a Prometheus answer`);
  if (parsed.data.status === 'error') throw new Error(parsed.data.error);
  return parsed.data.data;
}

const toNumber = (text: string): number | null => {
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
};

function instantValue(data: PromData): number | null {
  if (data.resultType === 'scalar') return toNumber(data.result[1]);
  if (data.resultType === 'vector') return data.result[0] ? toNumber(data.result[0].value[1]) : null;
  return null;
}

/** Daily points, oldest first, one per day of the window (null where Prometheus had none). */
function dailyPoints(data: PromData, endSec: number, days: number): (number | null)[] {
  const points: (number | null)[] = Array.from({ length: days }, () => null);
  if (data.resultType !== 'matrix' || !data.result[0]) return points;
  for (const [ts, text] of data.result[0].values) {
    const i = days - 1 - Math.round((endSec - ts) / 86_400);
    if (i >= 0 && i < days) points[i] = toNumber(text);
  }
  return points;
}

async function readPrometheus(measure: MetricMeasure, source: Extract<MetricSource, { type: 'prometheus' }>, ctx: MetricContext): Promise<MetricReading> {
  if (!ctx.prometheusUrl) return { source: 'prometheus', value: null, trend: [], error: 'kpis.prometheusUrl is not set' };
  const timeoutMs = source.timeoutMs ?? ctx.timeoutMs;
  const scale = source.scale ?? 1;
  const query = (source.query ?? DEFAULT_QUERIES[measure]).replaceAll('$window', `${ctx.windowDays}d`);
  const rangeQuery = (source.rangeQuery ?? source.query ?? DEFAULT_QUERIES[measure]).replaceAll('$window', '1d');
  const endSec = Math.floor(ctx.now.getTime() / 1000);
  const [instant, range] = await Promise.allSettled([
    promGet(ctx.prometheusUrl, 'api/v1/query', { query, time: String(endSec) }, timeoutMs),
    promGet(ctx.prometheusUrl, 'api/v1/query_range', { query: rangeQuery, start: String(endSec - (ctx.windowDays - 1) * 86_400), end: String(endSec), step: '86400' }, timeoutMs),
  ]);
  if (instant.status === 'rejected') return { source: 'prometheus', value: null, trend: [], error: `prometheus: ${sanitizeLine(errorMessage(instant.reason))}` };
  const value = instantValue(instant.value);
  const trend = range.status === 'fulfilled' ? dailyPoints(range.value, endSec, ctx.windowDays).map((v) => (v === null ? null : v * scale)) : [];
  if (value === null) return { source: 'prometheus', value: null, trend, error: 'prometheus: the query returned no data' };
  return { source: 'prometheus', value: value * scale, trend };
}

async function readCommand(source: Extract<MetricSource, { type: 'command' }>, ctx: MetricContext): Promise<MetricReading> {
  const { execa } = await import('execa');
  const [file, ...args] = source.command;
  const timeoutMs = source.timeoutMs ?? ctx.timeoutMs;
  const result = await execa(file!, args, { cwd: ctx.cwd, timeout: timeoutMs, reject: false, stdin: 'ignore', env: { OPSDECK_WINDOW_DAYS: String(ctx.windowDays) } });
  const name = source.command.join(' ');
  if (result.timedOut) return { source: 'command', value: null, trend: [], error: `${name}: no answer in ${timeoutMs} ms` };
  if (result.failed) {
    const why = result.code === 'ENOENT' ? 'not found' : `exit ${result.exitCode ?? '?'}: ${String(result.stderr ?? '').trim().split('\n')[0] ?? ''}`;
    return { source: 'command', value: null, trend: [], error: sanitizeLine(`${name}: ${why}`) };
  }
  let json: unknown;
  try {
    json = JSON.parse(String(result.stdout));
  } catch {
    return { source: 'command', value: null, trend: [], error: sanitizeLine(`${name}: did not print JSON`) };
  }
  const parsed = CommandOutputSchema.safeParse(json);
  if (!parsed.success) return { source: 'command', value: null, trend: [], error: sanitizeLine(`${name}: expected {"value": number, "series"?: [...]}`) };
  return { source: 'command', value: parsed.data.value, trend: parsed.data.series?.slice(-ctx.windowDays) ?? [] };
}

/** The source configured for a measure: its own, else Prometheus defaults when prometheusUrl is set. */
export function sourceFor(measure: MetricMeasure, config: Pick<KpisConfig, 'metrics' | 'prometheusUrl'>): MetricSource | undefined {
  return config.metrics[measure] ?? (config.prometheusUrl ? { type: 'prometheus' } : undefined);
}

export async function readMetric(measure: MetricMeasure, source: MetricSource, ctx: MetricContext): Promise<MetricReading> {
  try {
    return source.type === 'prometheus' ? await readPrometheus(measure, source, ctx) : await readCommand(source, ctx);
  } catch (error) {
    return { source: source.type, value: null, trend: [], error: sanitizeLine(errorMessage(error)) };
  }
}
