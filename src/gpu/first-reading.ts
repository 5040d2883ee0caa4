// Waits for the monitor's first complete reading: a GPU sample (plus the first process
// poll when `withProcesses`) or a no-GPU / lost verdict, and the first host reading; or
// gives up after `timeoutMs` and returns what there is.
import type { GpuSnapshot } from '../../models/gpu.js';
import type { IGpuMonitor } from './gpu-monitor.js';

export type FirstReadingOptions = { timeoutMs?: number; withProcesses?: boolean };

/** Whether a snapshot is complete enough to print. */
export function isFirstReading(snapshot: GpuSnapshot, withProcesses: boolean): boolean {
  if (snapshot.host === null) return false;
  const { kind } = snapshot.status;
  if (kind === 'none' || kind === 'lost') return true;
  return kind === 'ok' && snapshot.sampleCount > 0 && (!withProcesses || snapshot.processesAt !== null);
}

/** Subscribes (which also starts host readings) until the first reading; the monitor must be started. */
export function firstReading(monitor: IGpuMonitor, options: FirstReadingOptions = {}): Promise<GpuSnapshot> {
  const withProcesses = options.withProcesses ?? true;
  return new Promise((resolve) => {
    let done = false;
    const finish = (snapshot: GpuSnapshot): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      resolve(snapshot);
    };
    const timer = setTimeout(() => finish(monitor.snapshot()), options.timeoutMs ?? 3000);
    const unsubscribe = monitor.subscribe((snapshot) => {
      if (isFirstReading(snapshot, withProcesses)) finish(snapshot);
    });
    const now = monitor.snapshot();
    if (isFirstReading(now, withProcesses)) finish(now);
  });
}
