// The live GPU and host monitor: one long-lived nvidia-smi sampler, a per-process VRAM poll
// at most once per processPollMs, host CPU/memory while someone listens, restarts with
// exponential backoff, and one snapshot object per change for the panes and `opsdeck gpu`.
import type { GpuProcess, GpuSnapshot, GpuStatus, HostStats, ModelVram } from '../../models/gpu.js';
import { NO_GPU_MESSAGE } from '../../models/gpu.js';
import { which } from '../cli/which.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay } from './backoff.js';
import { GpuTable, TickBatcher } from './gpu-table.js';
import type { TickEvent } from './gpu-table.js';
import type { GpuListener, GpuMonitorOptions, IGpuMonitor } from './gpu-monitor-types.js';
import { HostSampler } from './host-stats.js';
import { queryComputeApps, spawnGpuStream } from './nvidia-smi.js';
import type { IGpuStream, SmiExit } from './nvidia-smi.js';
import { noDeviceReason, parseGpuLine } from './parse-csv.js';
import { ProcessPoller } from './process-poller.js';
import { historyCapacity } from './ring-buffer.js';

export type { GpuListener, GpuMonitorOptions, IGpuMonitor } from './gpu-monitor-types.js';

/** A run shorter than this keeps the backoff growing; a longer one resets it. */
const BACKOFF_RESET_MS = 60_000;

export function createGpuMonitor(options: GpuMonitorOptions = {}): IGpuMonitor {
  const intervalMs = Math.max(1, Math.round(options.intervalMs ?? 1000));
  const env = options.env ?? process.env;
  const ownPid = options.ownPid ?? process.pid;
  const quietMs = Math.min(100, Math.max(1, Math.floor(intervalMs / 2)));
  const stallMs = options.stallMs ?? Math.max(5000, intervalMs * 5);
  const table = new GpuTable(historyCapacity(options.historyMs ?? 120_000, intervalMs));
  const batcher = new TickBatcher();
  const listeners = new Set<GpuListener>();

  let running = false;
  let generation = 0;
  let path: string | undefined;
  let stream: IGpuStream | undefined;
  let status: GpuStatus = { kind: 'idle' };
  let attempt = 0;
  let childStartedAt = 0;
  let childSawSample = false;
  let childOutput: string[] = [];
  let sampledAt: number | null = null;
  let sampleCount = 0;
  let warning: string | null = null;
  let stalled = false;
  let processes: GpuProcess[] = [];
  let processesAt: number | null = null;
  let host: HostStats | null = null;
  let modelVram: ModelVram | null = null;
  let cached: GpuSnapshot | undefined;
  const timers: Record<'retry' | 'quiet' | 'stall', NodeJS.Timeout | undefined> = { retry: undefined, quiet: undefined, stall: undefined };
  let notifyHandle: NodeJS.Immediate | undefined;

  const clear = (name: keyof typeof timers): void => {
    clearTimeout(timers[name]);
    timers[name] = undefined;
  };

  // Notifications: ticks and status changes notify at once (coalesced within one turn of
  // the event loop); other changes ride on the next tick while samples flow.
  const notify = (): void => {
    if (notifyHandle || listeners.size === 0) return;
    notifyHandle = setImmediate(() => {
      notifyHandle = undefined;
      const snap = snapshot();
      for (const listener of [...listeners]) {
        try {
          listener(snap);
        } catch {
          // a broken listener must not stop the sampler
        }
      }
    });
  };
  const changed = (urgent: boolean): void => {
    cached = undefined;
    if (urgent || status.kind !== 'ok' || stalled) notify();
  };
  const setStatus = (next: GpuStatus): void => {
    status = next;
    changed(true);
  };

  function snapshot(): GpuSnapshot {
    cached ??= {
      status,
      gpus: table.views(),
      processes: processes.map((p) => ({ ...p })),
      processesAt,
      host,
      modelVram,
      sampledAt,
      sampleCount,
      intervalMs,
      historyLength: table.historyLength,
      warning,
    };
    return cached;
  }

  // ---- the long-lived sampler
  const handle = (events: TickEvent[]): void => {
    for (const event of events) {
      const now = Date.now();
      if (event.type === 'tick') {
        table.applyTick(event.samples, now);
        sampledAt = now;
        sampleCount += 1;
      } else {
        table.amend(event.sample, now);
      }
      childSawSample = true;
      stalled = false;
      armStall();
      if (status.kind !== 'ok') {
        status = { kind: 'ok', since: now };
        schedulePoll();
      }
      changed(true);
    }
  };

  const onLine = (line: string): void => {
    if (line.trim() === '') return;
    const parsed = parseGpuLine(line);
    if (!parsed.ok) {
      warning = sanitizeLine(line, 200);
      childOutput.push(line);
      if (childOutput.length > 5) childOutput.shift();
      changed(false);
      return;
    }
    handle(batcher.add(parsed.value));
    clear('quiet');
    if (batcher.open) timers.quiet = setTimeout(() => handle(batcher.timeout()), quietMs);
  };

  const armStall = (): void => {
    clear('stall');
    timers.stall = setTimeout(() => {
      timers.stall = undefined;
      stalled = true;
      table.markAllAbsent();
      warning = `no sample from nvidia-smi for ${Math.max(1, Math.round(stallMs / 1000))} s`;
      changed(true);
    }, stallMs);
  };

  const onExit = (exit: SmiExit): void => {
    stream = undefined;
    clear('quiet');
    clear('stall');
    handle(batcher.timeout());
    table.markAllAbsent();
    const now = Date.now();
    const reason = childSawSample || exit.startError !== null ? null : noDeviceReason(exit.exitCode, [...childOutput, ...exit.stderr].join('\n'));
    if (reason !== null) {
      const retryMs = options.noDeviceRetryMs ?? 60_000;
      setStatus({ kind: 'none', message: NO_GPU_MESSAGE, reason, retryInAt: now + retryMs });
      timers.retry = setTimeout(launch, retryMs);
      return;
    }
    if (now - childStartedAt >= BACKOFF_RESET_MS) attempt = 0;
    attempt += 1;
    const delay = backoffDelay(attempt, options.backoffBaseMs ?? BACKOFF_BASE_MS, options.backoffMaxMs ?? BACKOFF_MAX_MS);
    const message =
      exit.startError !== null
        ? `nvidia-smi failed to start: ${exit.startError}`
        : exit.signal !== null
          ? `nvidia-smi was killed by ${exit.signal}`
          : `nvidia-smi exited with code ${exit.exitCode}`;
    const lastErr = exit.stderr[exit.stderr.length - 1];
    setStatus({ kind: 'lost', message, detail: lastErr === undefined ? null : sanitizeLine(lastErr, 200), since: now, retryInAt: now + delay, attempt });
    timers.retry = setTimeout(launch, delay);
  };

  async function launch(): Promise<void> {
    timers.retry = undefined;
    const gen = generation;
    if (path === undefined) {
      const wanted = options.nvidiaSmi ?? 'nvidia-smi';
      const found = await which(wanted, env);
      if (gen !== generation) return;
      if (found === undefined) {
        const reason = wanted.includes('/') ? `${sanitizeLine(wanted, 120)} is not an executable file` : `${sanitizeLine(wanted, 60)} not found on PATH`;
        setStatus({ kind: 'none', message: NO_GPU_MESSAGE, reason, retryInAt: null });
        return;
      }
      path = found;
    }
    batcher.reset();
    childStartedAt = Date.now();
    childSawSample = false;
    childOutput = [];
    if (status.kind !== 'lost' && status.kind !== 'none') setStatus({ kind: 'starting', since: childStartedAt });
    stream = spawnGpuStream(path, {
      intervalMs,
      env,
      onLine: (line) => {
        if (gen === generation) onLine(line);
      },
      onExit: (exit) => {
        if (gen === generation) onExit(exit);
      },
    });
    armStall();
  }

  // ---- per-process VRAM, at most once per processPollMs, only while samples flow
  const poller = new ProcessPoller(
    options.processPollMs ?? 60_000,
    () => running && path !== undefined && status.kind === 'ok',
    async (signal) => {
      if (path === undefined) return;
      const gen = generation;
      const first = processesAt === null;
      const result = await queryComputeApps(path, env, signal);
      if (gen !== generation) return;
      if (result.ok) {
        processes = result.rows.map((row) => ({ ...row, gpuIndex: table.indexOf(row.gpuUuid), ours: row.pid === ownPid }));
        processesAt = Date.now();
      } else {
        warning = sanitizeLine(result.error, 200);
      }
      changed(first);
    },
  );
  poller.setEnabled(options.processPolling ?? true);
  const schedulePoll = (): void => poller.request();

  // ---- host CPU and memory, only while started and listened to
  const hostSampler = new HostSampler(options.hostIntervalMs ?? 2000, (stats) => {
    const first = host === null;
    host = stats;
    changed(first);
  });
  const startHost = (): void => {
    if (running && listeners.size > 0) hostSampler.start();
  };

  return {
    start() {
      if (running) return;
      running = true;
      generation += 1;
      attempt = 0;
      void launch();
      startHost();
    },
    async stop() {
      if (!running) return;
      running = false;
      generation += 1;
      for (const name of Object.keys(timers) as (keyof typeof timers)[]) clear(name);
      hostSampler.stop();
      if (notifyHandle) clearImmediate(notifyHandle);
      notifyHandle = undefined;
      const child = stream;
      stream = undefined;
      await Promise.all([child?.stop(), poller.stop()]);
      table.markAllAbsent();
      status = { kind: 'idle' };
      cached = undefined;
    },
    subscribe(listener) {
      listeners.add(listener);
      startHost();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) hostSampler.stop();
      };
    },
    snapshot,
    setProcessPolling(on) {
      poller.setEnabled(on);
    },
    setModelVram(vram) {
      modelVram = vram === null ? null : { ...vram, updatedAt: Date.now() };
      changed(false);
    },
  };
}
