// Feeds GPU monitor snapshots into the store. While the GPU or Chat pane is open every
// snapshot goes in (sparklines, processes). Otherwise only the header meter and the dashboard
// tile show GPU data, so a snapshot goes in only when their text changes, at most every
// METER_MIN_MS (a status change goes in at once): an idle dashboard stays cheap.
import type { GpuSnapshot } from '../../models/gpu.js';
import type { IGpuMonitor } from '../gpu/gpu-monitor-types.js';
import { meterText, tileGpuText } from '../gpu/gpu-format.js';

export const METER_MIN_MS = 2000;

export function isGpuView(view: string): boolean {
  return view === 'gpu' || view === 'chat';
}

export type GpuFeed = {
  /** Subscribes to the monitor; returns unsubscribe. */
  attach(monitor: IGpuMonitor): () => void;
  /** The view changed: full snapshots on for the GPU and Chat panes. */
  viewChanged(view: string): void;
};

export function createGpuFeed(put: (snapshot: GpuSnapshot) => void, view: () => string, now: () => number = Date.now): GpuFeed {
  let latest: GpuSnapshot | undefined;
  let shownKey = '';
  let shownStatus = '';
  let lastPut = 0;
  let timer: NodeJS.Timeout | undefined;

  const push = (snapshot: GpuSnapshot): void => {
    clearTimeout(timer);
    timer = undefined;
    shownKey = `${meterText(snapshot)}|${tileGpuText(snapshot)}`;
    shownStatus = snapshot.status.kind;
    lastPut = now();
    put(snapshot);
  };

  const onSnapshot = (snapshot: GpuSnapshot): void => {
    latest = snapshot;
    if (isGpuView(view()) || snapshot.status.kind !== shownStatus) {
      push(snapshot);
      return;
    }
    if (`${meterText(snapshot)}|${tileGpuText(snapshot)}` === shownKey) return;
    const wait = lastPut + METER_MIN_MS - now();
    if (wait <= 0) push(snapshot);
    else timer ??= setTimeout(() => latest && push(latest), wait);
  };

  return {
    attach(monitor) {
      const unsubscribe = monitor.subscribe(onSnapshot);
      return () => {
        clearTimeout(timer);
        timer = undefined;
        unsubscribe();
      };
    },
    viewChanged(next) {
      if (isGpuView(next) && latest) push(latest);
    },
  };
}
