// A fixed-capacity ring buffer (pure): the last `capacity` values, oldest first on read.
export class RingBuffer<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get length(): number {
    return this.items.length;
  }

  push(value: T): void {
    if (this.items.length < this.capacity) {
      this.items.push(value);
      return;
    }
    this.items[this.start] = value;
    this.start = (this.start + 1) % this.capacity;
  }

  /** Replaces the newest value (no-op when empty). */
  replaceLast(value: T): void {
    if (this.items.length === 0) return;
    const last = (this.start + this.items.length - 1) % this.items.length;
    this.items[last] = value;
  }

  /** The values, oldest first (a copy). */
  toArray(): T[] {
    return this.start === 0 ? this.items.slice() : [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }
}

/** How many samples cover `windowMs` at one sample per `intervalMs` (at least 1). */
export function historyCapacity(windowMs: number, intervalMs: number): number {
  return Math.max(1, Math.ceil(windowMs / intervalMs));
}
