// Pure bookkeeping of the long-lived sampler's output.
// - TickBatcher groups parsed rows into ticks (one nvidia-smi loop: one row per GPU, indices
//   ascending). A row whose index is not above the previous one starts a new loop; a loop
//   is also closed as soon as it reaches the last index of the previous loop, or when the
//   caller reports a quiet gap (timeout()). A row that arrives after its loop was closed
//   (a slow write, a new GPU) amends that tick.
// - GpuTable keeps every GPU seen, its latest values and a ring buffer per metric; a GPU
//   missing from a tick is marked gone and gets a null in its history.
import { GPU_METRICS } from '../../models/gpu.js';
import type { GpuHistory, GpuMetric, GpuSample, GpuView } from '../../models/gpu.js';
import { RingBuffer } from './ring-buffer.js';

export type TickEvent = { type: 'tick'; samples: GpuSample[] } | { type: 'amend'; sample: GpuSample };

export class TickBatcher {
  private pending: GpuSample[] = [];
  private lastIndex = -1;
  private closed = true;
  /** The last index of the previous complete loop (null until one is known). */
  private expectedLast: number | null = null;

  /** Adds one row; returns the ticks to record, in order. */
  add(sample: GpuSample): TickEvent[] {
    const events: TickEvent[] = [];
    if (sample.index <= this.lastIndex) {
      // a new loop
      if (!this.closed) events.push(this.close());
      this.pending = [];
      this.closed = false;
    } else if (this.closed && this.lastIndex >= 0) {
      // a late row of a loop already closed
      this.lastIndex = sample.index;
      this.expectedLast = sample.index;
      events.push({ type: 'amend', sample });
      return events;
    }
    this.closed = false;
    this.pending.push(sample);
    this.lastIndex = sample.index;
    if (this.expectedLast !== null && sample.index >= this.expectedLast) events.push(this.close());
    return events;
  }

  /** The stream went quiet: closes the open loop, if any. */
  timeout(): TickEvent[] {
    return this.closed || this.pending.length === 0 ? [] : [this.close()];
  }

  /** Whether a loop is open (rows waiting for timeout() or the next row). */
  get open(): boolean {
    return !this.closed && this.pending.length > 0;
  }

  /** Forgets everything (a new nvidia-smi process). */
  reset(): void {
    this.pending = [];
    this.lastIndex = -1;
    this.closed = true;
    this.expectedLast = null;
  }

  private close(): TickEvent {
    this.closed = true;
    this.expectedLast = this.lastIndex;
    const samples = this.pending;
    this.pending = [];
    return { type: 'tick', samples };
  }
}

type GpuEntry = {
  latest: GpuSample;
  present: boolean;
  lastSeenAt: number;
  history: Record<GpuMetric, RingBuffer<number | null>>;
};

export class GpuTable {
  private readonly entries = new Map<string, GpuEntry>();

  constructor(readonly historyLength: number) {}

  /** Records one loop: GPUs in `samples` are present, every other known GPU is gone. */
  applyTick(samples: readonly GpuSample[], at: number): void {
    const seen = new Set<string>();
    for (const sample of samples) {
      seen.add(sample.uuid);
      this.record(sample, at, false);
    }
    for (const [uuid, entry] of this.entries) {
      if (seen.has(uuid)) continue;
      entry.present = false;
      for (const metric of GPU_METRICS) entry.history[metric].push(null);
    }
  }

  /** Puts a late row into the last recorded loop. */
  amend(sample: GpuSample, at: number): void {
    this.record(sample, at, true);
  }

  /** Marks every GPU gone without adding history (nvidia-smi is not running). */
  markAllAbsent(): void {
    for (const entry of this.entries.values()) entry.present = false;
  }

  indexOf(uuid: string): number | null {
    return this.entries.get(uuid)?.latest.index ?? null;
  }

  /** Every GPU seen, by index then uuid, with copies of its history. */
  views(): GpuView[] {
    const views: GpuView[] = [];
    for (const [uuid, entry] of this.entries) {
      const history = {} as GpuHistory;
      for (const metric of GPU_METRICS) history[metric] = entry.history[metric].toArray();
      views.push({ index: entry.latest.index, uuid, name: entry.latest.name, present: entry.present, lastSeenAt: entry.lastSeenAt, latest: { ...entry.latest }, history });
    }
    return views.sort((a, b) => a.index - b.index || a.uuid.localeCompare(b.uuid));
  }

  private record(sample: GpuSample, at: number, amend: boolean): void {
    let entry = this.entries.get(sample.uuid);
    const known = entry !== undefined;
    if (!entry) {
      const history = {} as Record<GpuMetric, RingBuffer<number | null>>;
      for (const metric of GPU_METRICS) history[metric] = new RingBuffer<number | null>(this.historyLength);
      entry = { latest: sample, present: true, lastSeenAt: at, history };
      this.entries.set(sample.uuid, entry);
    }
    // a late row of a known GPU overwrites the slot its loop already holds (a null if the
    // loop closed without it); anything else is a new slot
    for (const metric of GPU_METRICS) {
      if (amend && known) entry.history[metric].replaceLast(sample[metric]);
      else entry.history[metric].push(sample[metric]);
    }
    entry.latest = sample;
    entry.present = true;
    entry.lastSeenAt = at;
  }
}
