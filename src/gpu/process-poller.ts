// Runs an async poll at most once per `spacingMs`, on request, one at a time (pure timing,
// no I/O of its own): the per-process VRAM query uses it to spawn at most one nvidia-smi
// per minute at steady state.
export class ProcessPoller {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: { controller: AbortController; done: Promise<void> } | undefined;
  private lastAt: number | null = null;
  private enabled = true;

  constructor(
    private readonly spacingMs: number,
    /** Whether a poll may run now (checked when one is due). */
    private readonly allowed: () => boolean,
    private readonly run: (signal: AbortSignal) => Promise<void>,
  ) {}

  /** Schedules the next poll: now if none ran yet, else spacingMs after the last one. */
  request(): void {
    if (!this.enabled || this.timer || this.inFlight || !this.allowed()) return;
    const delay = this.lastAt === null ? 0 : Math.max(0, this.lastAt + this.spacingMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, delay);
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    if (on) this.request();
    else this.cancelTimer();
  }

  /** Cancels the timer and aborts a poll in flight; resolves once it has finished. */
  async stop(): Promise<void> {
    this.cancelTimer();
    const inFlight = this.inFlight;
    inFlight?.controller.abort();
    await inFlight?.done;
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (!this.enabled || !this.allowed()) return;
    this.lastAt = Date.now();
    const controller = new AbortController();
    const done = this.run(controller.signal).catch(() => undefined);
    this.inFlight = { controller, done };
    await done;
    this.inFlight = undefined;
    if (!controller.signal.aborted) this.request();
  }
}
