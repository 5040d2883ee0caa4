// `opsdeck gpu` as text (pure): a compact per-GPU table that fits 80 columns, the processes
// using VRAM (ours marked), then host CPU and memory. Names are sanitized again here since
// any snapshot may be passed in.
import type { GpuSnapshot, GpuView } from '../../models/gpu.js';
import type { Paint } from '../cli/color.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { displayWidth, truncateToWidth } from '../sanitize/text-width.js';

const NONE = '–';
const GIB = 1024 ** 3;

export type GpuReportOptions = {
  paint: Paint;
  /** Terminal columns (default 80; at least 60 is used). */
  width?: number;
  /** Epoch ms, for "retry in N s" (default Date.now()). */
  now?: number;
};

const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
const padStart = (text: string, width: number): string => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
const num = (value: number | null, digits = 0): string => (value === null ? NONE : value.toFixed(digits));
const pair = (a: number | null, b: number | null): string => (a === null && b === null ? NONE : `${num(a)}/${num(b)}`);

/** Column titles and widths after the name column (each preceded by two spaces). */
const COLUMNS: readonly [string, number, (gpu: GpuView) => string][] = [
  ['UTIL', 4, (g) => (g.latest.utilizationPct === null ? NONE : `${num(g.latest.utilizationPct)}%`)],
  ['VRAM MiB', 11, (g) => pair(g.latest.memoryUsedMiB, g.latest.memoryTotalMiB)],
  ['TEMP', 5, (g) => (g.latest.temperatureC === null ? NONE : `${num(g.latest.temperatureC)}°C`)],
  ['POWER W', 7, (g) => pair(g.latest.powerDrawW, g.latest.powerLimitW)],
  ['FAN', 4, (g) => (g.latest.fanPct === null ? NONE : `${num(g.latest.fanPct)}%`)],
  ['SM/MEM MHz', 10, (g) => pair(g.latest.clockSmMHz, g.latest.clockMemMHz)],
];
const INDEX_WIDTH = 3;

function gpuTable(snapshot: GpuSnapshot, paint: Paint, width: number): string[] {
  const fixed = INDEX_WIDTH + COLUMNS.reduce((sum, [, w]) => sum + 2 + w, 0) + 2;
  const nameWidth = Math.max(8, width - fixed);
  const header = [padStart('GPU', INDEX_WIDTH), padEnd('NAME', nameWidth), ...COLUMNS.map(([title, w]) => padStart(title, w))].join('  ');
  const lines = [paint.bold(header.trimEnd())];
  for (const gpu of snapshot.gpus) {
    const name = padEnd(truncateToWidth(sanitizeLine(gpu.name), nameWidth), nameWidth);
    const index = padStart(String(gpu.index), INDEX_WIDTH);
    if (!gpu.present) {
      lines.push(paint.dim(`${index}  ${name}  gone (last seen ${new Date(gpu.lastSeenAt).toISOString().slice(11, 19)}Z)`));
      continue;
    }
    const cells = COLUMNS.map(([, w, cell]) => padStart(cell(gpu), w));
    lines.push([index, name, ...cells].join('  '));
  }
  return lines;
}

function processTable(snapshot: GpuSnapshot, paint: Paint, width: number): string[] {
  if (snapshot.processesAt === null) return [];
  if (snapshot.processes.length === 0) return [paint.dim('no processes using GPU memory')];
  const lines = [paint.bold('     PID  GPU  VRAM MiB  PROCESS')];
  for (const p of snapshot.processes) {
    const mark = p.ours ? '  ← opsdeck (this process)' : '';
    const head = `${padStart(String(p.pid), 8)}  ${padStart(p.gpuIndex === null ? '?' : String(p.gpuIndex), 3)}  ${padStart(num(p.usedMemoryMiB), 8)}  `;
    const name = truncateToWidth(sanitizeLine(p.name), Math.max(8, width - head.length - displayWidth(mark)));
    lines.push(p.ours ? paint.bold(`${head}${name}${mark}`) : `${head}${name}`);
  }
  return lines;
}

function gib(bytes: number): string {
  return (bytes / GIB).toFixed(1);
}

function hostLine(snapshot: GpuSnapshot): string {
  const host = snapshot.host;
  if (host === null) return 'host  CPU and memory not read yet';
  const cpu = host.cpuPercent === null ? NONE : `${host.cpuPercent.toFixed(1)}%`;
  return `host  CPU ${cpu} of ${host.cores} cores  memory ${gib(host.memUsedBytes)}/${gib(host.memTotalBytes)} GiB used`;
}

function statusLines(snapshot: GpuSnapshot, paint: Paint, now: number): string[] {
  const status = snapshot.status;
  switch (status.kind) {
    case 'none':
      return [status.message, paint.dim(`  (${sanitizeLine(status.reason)})`)];
    case 'lost': {
      const seconds = Math.max(0, Math.ceil((status.retryInAt - now) / 1000));
      const lines = [paint.red(`lost: ${sanitizeLine(status.message)} (retry ${status.attempt} in ${seconds} s)`)];
      if (status.detail !== null) lines.push(paint.dim(`  ${sanitizeLine(status.detail)}`));
      return lines;
    }
    case 'starting':
      return [snapshot.gpus.length === 0 ? 'waiting for the first sample from nvidia-smi' : 'nvidia-smi restarted, waiting for a sample'];
    case 'idle':
      return ['GPU monitor not running'];
    case 'ok':
      return [];
  }
}

/** The whole report, lines joined with \n (no final newline). */
export function renderGpuReport(snapshot: GpuSnapshot, options: GpuReportOptions): string {
  const { paint } = options;
  const width = Math.max(60, options.width ?? 80);
  const now = options.now ?? Date.now();
  const lines = statusLines(snapshot, paint, now);
  if (snapshot.gpus.length > 0) lines.push(...gpuTable(snapshot, paint, width));
  const processes = processTable(snapshot, paint, width);
  if (processes.length > 0) lines.push('', ...processes);
  if (snapshot.modelVram !== null) {
    const v = snapshot.modelVram;
    lines.push('', `model VRAM  ${gib(v.usedBytes)}/${gib(v.totalBytes)} GiB used`);
  }
  if (snapshot.warning !== null) lines.push(paint.dim(`nvidia-smi: ${sanitizeLine(snapshot.warning)}`));
  lines.push('', hostLine(snapshot));
  return lines.map((line) => line.trimEnd()).join('\n');
}
