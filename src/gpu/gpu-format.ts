// What the header meter and the GPU pane show (pure): the compact meter text, per-metric rows
// with sparklines, and the status line (none / lost with its retry).
import type { GpuMetric, GpuSnapshot, GpuStatus, GpuView } from '../../models/gpu.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { truncateToWidth } from '../sanitize/text-width.js';
import { sparkline } from './sparkline.js';

const GIB_PER_MIB = 1 / 1024;
const NONE = '–';

function gib(mib: number): string {
  const g = mib * GIB_PER_MIB;
  return g >= 100 ? g.toFixed(0) : g.toFixed(1);
}

/**
 * The header meter: `GPU 37% 5.1/80G` (one GPU), `GPU×8 41% 120/640G` (several: mean
 * utilisation, summed memory), `GPU lost` while nvidia-smi is being restarted, and '' when
 * there is no GPU or no snapshot yet.
 */
export function meterText(snapshot: GpuSnapshot | null): string {
  if (!snapshot) return '';
  const { status } = snapshot;
  if (status.kind === 'lost') return 'GPU lost';
  if (status.kind !== 'ok') return '';
  const present = snapshot.gpus.filter((g) => g.present);
  if (present.length === 0) return snapshot.gpus.length > 0 ? 'GPU gone' : '';
  const utils = present.map((g) => g.latest.utilizationPct).filter((v): v is number => v !== null);
  const util = utils.length ? `${Math.round(utils.reduce((a, b) => a + b, 0) / utils.length)}%` : NONE;
  const used = present.reduce((sum, g) => sum + (g.latest.memoryUsedMiB ?? 0), 0);
  const total = present.reduce((sum, g) => sum + (g.latest.memoryTotalMiB ?? 0), 0);
  const mem = total > 0 ? ` ${gib(used)}/${gib(total)}G` : '';
  const gone = snapshot.gpus.length > present.length ? ` (${snapshot.gpus.length - present.length} gone)` : '';
  return `GPU${present.length > 1 ? `×${present.length}` : ''} ${util}${mem}${gone}`;
}

/** When the next try is: a clock time, so the text stays true without a ticking re-render. */
function retryAt(at: number | null, now: number): string {
  if (at === null) return '';
  return at <= now ? ' · retrying now' : ` · retry at ${clock(at)}`;
}

function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)}Z`;
}

/** One line about the sampler: null when samples flow normally. */
export function statusText(status: GpuStatus, now: number): { text: string; tone: 'info' | 'warn' | 'error' } | null {
  switch (status.kind) {
    case 'idle':
      return { text: 'GPU monitor not started', tone: 'info' };
    case 'starting':
      return { text: 'starting nvidia-smi…', tone: 'info' };
    case 'ok':
      return null;
    case 'none':
      return { text: `${status.message}${status.reason ? ` — ${sanitizeLine(status.reason)}` : ''}${retryAt(status.retryInAt, now)}`, tone: 'info' };
    case 'lost':
      return {
        text: `GPU sampler lost (attempt ${status.attempt}${retryAt(status.retryInAt, now)}): ${sanitizeLine(status.message)}${status.detail ? `: ${sanitizeLine(status.detail)}` : ''}`,
        tone: 'error',
      };
  }
}

export type MetricRow = { label: string; value: string; spark: string };

type RowSpec = { label: string; metric: GpuMetric; value: (g: GpuView) => string; max?: (g: GpuView) => number | undefined };

const num = (v: number | null, unit = '', digits = 0): string => (v === null ? NONE : `${v.toFixed(digits)}${unit}`);

const ROWS: RowSpec[] = [
  { label: 'util', metric: 'utilizationPct', value: (g) => num(g.latest.utilizationPct, '%'), max: () => 100 },
  {
    label: 'vram',
    metric: 'memoryUsedMiB',
    value: (g) => (g.latest.memoryUsedMiB === null && g.latest.memoryTotalMiB === null ? NONE : `${g.latest.memoryUsedMiB === null ? NONE : gib(g.latest.memoryUsedMiB)}/${g.latest.memoryTotalMiB === null ? NONE : gib(g.latest.memoryTotalMiB)} GiB`),
    max: (g) => g.latest.memoryTotalMiB ?? undefined,
  },
  { label: 'temp', metric: 'temperatureC', value: (g) => num(g.latest.temperatureC, '°C'), max: () => 100 },
  {
    label: 'power',
    metric: 'powerDrawW',
    value: (g) => `${num(g.latest.powerDrawW)}/${num(g.latest.powerLimitW)} W`,
    max: (g) => g.latest.powerLimitW ?? undefined,
  },
  { label: 'fan', metric: 'fanPct', value: (g) => num(g.latest.fanPct, '%'), max: () => 100 },
  { label: 'sm clk', metric: 'clockSmMHz', value: (g) => num(g.latest.clockSmMHz, ' MHz') },
  { label: 'mem clk', metric: 'clockMemMHz', value: (g) => num(g.latest.clockMemMHz, ' MHz') },
];

/** A GPU's title line: `0 NVIDIA H100 80GB HBM3` (or `… gone (last seen 12:00:01Z)`). */
export function gpuTitle(gpu: GpuView, width: number): string {
  const gone = gpu.present ? '' : ` — gone (last seen ${clock(gpu.lastSeenAt)})`;
  return truncateToWidth(`${gpu.index} ${sanitizeLine(gpu.name)}${gone}`, width);
}

/** A GPU's metric rows, each with a sparkline of its history `sparkWidth` wide. */
export function metricRows(gpu: GpuView, sparkWidth: number): MetricRow[] {
  return ROWS.map((r) => ({
    label: r.label,
    value: gpu.present ? r.value(gpu) : NONE,
    spark: sparkline(gpu.history[r.metric] ?? [], sparkWidth, { min: 0, max: r.max?.(gpu) }),
  }));
}

/** A one-line summary of a GPU for small spaces: `0 H100 37% 5.1/80G 61°C 250/700W`. */
export function gpuSummary(gpu: GpuView): string {
  if (!gpu.present) return `${gpu.index} gone (last seen ${clock(gpu.lastSeenAt)})`;
  const l = gpu.latest;
  const mem = l.memoryUsedMiB !== null && l.memoryTotalMiB !== null ? ` ${gib(l.memoryUsedMiB)}/${gib(l.memoryTotalMiB)}G` : '';
  return `${gpu.index} ${num(l.utilizationPct, '%')}${mem} ${num(l.temperatureC, '°C')} ${num(l.powerDrawW)}/${num(l.powerLimitW)}W`;
}

/** Host CPU and memory: `CPU 12% of 2 cores · mem 3.1/7.8 GiB`. */
export function hostText(snapshot: GpuSnapshot | null): string {
  const h = snapshot?.host;
  if (!h) return 'CPU and memory: reading…';
  const gibs = (b: number): string => (b / 1024 ** 3).toFixed(1);
  return `CPU ${h.cpuPercent === null ? NONE : `${Math.round(h.cpuPercent)}%`} of ${h.cores} cores · mem ${gibs(h.memUsedBytes)}/${gibs(h.memTotalBytes)} GiB`;
}

/** The dashboard tile's GPU line: names and VRAM in GiB, which change far less often than utilisation. */
export function tileGpuText(snapshot: GpuSnapshot | null): string {
  if (!snapshot) return '';
  const { status } = snapshot;
  if (status.kind === 'none') return 'no GPU · CPU inference';
  if (status.kind === 'lost') return 'GPU sampler lost; retrying';
  const present = snapshot.gpus.filter((g) => g.present);
  if (present.length === 0) return '';
  const first = present[0] as GpuView;
  const used = present.reduce((sum, g) => sum + (g.latest.memoryUsedMiB ?? 0), 0);
  const total = present.reduce((sum, g) => sum + (g.latest.memoryTotalMiB ?? 0), 0);
  const name = sanitizeLine(first.name).replace(/^NVIDIA /, '');
  return `${present.length > 1 ? `${present.length}× ` : ''}${name}${total > 0 ? ` · VRAM ${gib(used)}/${gib(total)}G` : ''}`;
}
