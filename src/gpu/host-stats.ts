// Host CPU and memory. Memory comes from systeminformation's mem() (it reads /proc/meminfo,
// no child process). CPU load is the busy share of os.cpus() tick counters between two
// readings: systeminformation's currentLoad() computes the same figure but on Linux also
// runs `execSync('cat /proc/stat | grep cpu')` on every call (a blocking shell, cat and
// grep every few seconds: measured here), which an idle cockpit must not do.
import { cpus } from 'node:os';
import type { HostStats } from '../../models/gpu.js';

export type CpuTimes = { busy: number; total: number; cores: number };

export type MemoryReading = { total: number; available: number };

/** Sums the tick counters of every core. */
export function readCpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  const list = cpus();
  for (const { times } of list) {
    const sum = times.user + times.nice + times.sys + times.irq + times.idle;
    total += sum;
    busy += sum - times.idle;
  }
  return { busy, total, cores: list.length };
}

/** The busy share (0–100, one decimal) between two readings; null when no tick passed. */
export function cpuBusyPercent(previous: CpuTimes, next: CpuTimes): number | null {
  const total = next.total - previous.total;
  if (total <= 0) return null;
  const busy = Math.min(total, Math.max(0, next.busy - previous.busy));
  return Math.round((busy / total) * 1000) / 10;
}

/**
 * systeminformation's mem(): total and available bytes. Imported on first use, so that
 * commands and the cockpit that never read host stats do not load it at start-up.
 */
export async function readMemory(): Promise<MemoryReading> {
  const loaded = await import('systeminformation');
  // Node gives the CommonJS exports as named exports; the esbuild chunk only as `default`
  const si = typeof loaded.mem === 'function' ? loaded : (loaded as unknown as { default: typeof loaded }).default;
  const reading = await si.mem();
  return { total: reading.total, available: reading.available };
}

export function hostStats(cpuPercent: number | null, cores: number, memory: MemoryReading, sampledAt: number): HostStats {
  const available = Math.min(memory.total, Math.max(0, memory.available));
  return {
    cpuPercent,
    cores,
    memTotalBytes: memory.total,
    memUsedBytes: memory.total - available,
    memAvailableBytes: available,
    sampledAt,
  };
}

/** The first reading comes this soon after start (CPU load over that span). */
const FIRST_READING_MS = 250;

/** Reads host CPU and memory on a timer between start() and stop(). */
export class HostSampler {
  private timer: NodeJS.Timeout | undefined;
  private session = 0;
  private before: CpuTimes | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly onReading: (stats: HostStats) => void,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    this.session += 1;
    this.before = readCpuTimes();
    this.timer = setTimeout(() => void this.read(this.session), FIRST_READING_MS);
  }

  stop(): void {
    this.session += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async read(session: number): Promise<void> {
    const now = readCpuTimes();
    const cpuPercent = this.before ? cpuBusyPercent(this.before, now) : null;
    this.before = now;
    try {
      const memory = await readMemory();
      if (session !== this.session) return;
      this.onReading(hostStats(cpuPercent, now.cores, memory, Date.now()));
    } catch {
      // keep the previous reading (the report then says "not read yet")
    }
    if (session !== this.session) return;
    this.timer = setTimeout(() => void this.read(session), this.intervalMs);
  }
}
