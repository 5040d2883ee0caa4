// The chat slice's background work after the cockpit's first frame: one GPU monitor (its
// per-process polling on only while a GPU view shows), the Chat pane opening itself when it is
// shown, and on stop the model unloaded and the engine disposed.
import type { IGpuMonitor } from '../gpu/gpu-monitor-types.js';
import { errorMessage } from '../errors.js';
import type { GetState, SetState } from '../store/types.js';
import type { ChatRuntime } from './chat-controller.js';
import { createGpuFeed, isGpuView } from './gpu-feed.js';

export type ChatBackgroundDeps = {
  runtime: ChatRuntime;
  set: SetState;
  get: GetState;
  /** The GPU monitor (default: createGpuMonitor from src/gpu, imported lazily). */
  createGpuMonitor?: () => IGpuMonitor;
  /** Adds a system line to the chat (a monitor that cannot start says so there). */
  note(text: string): void;
  /** The Chat pane was shown: find models and load one. */
  opened(): Promise<void>;
};

/** Views changing: `listener(view, previous)`; returns unsubscribe. */
export type ViewSubscribe = (listener: (view: string, prev: string) => void) => () => void;

/** Returns startBackground(subscribe), which returns stop (resolves once the work has settled). */
export function createChatBackground(d: ChatBackgroundDeps): (subscribe: ViewSubscribe) => () => Promise<void> {
  const { runtime, get } = d;
  let stopped = false;
  let monitorStarting: Promise<void> | undefined;
  const unsubscribers: (() => void)[] = [];
  const feed = createGpuFeed((snapshot) => d.set({ gpu: snapshot }), () => get().view);

  function startMonitor(): void {
    if (runtime.monitor || monitorStarting || stopped) return;
    monitorStarting ??= (async () => {
      const monitor = d.createGpuMonitor ? d.createGpuMonitor() : (await import('../gpu/gpu-monitor.js')).createGpuMonitor();
      if (stopped) return;
      runtime.monitor = monitor;
      unsubscribers.push(feed.attach(monitor));
      monitor.setProcessPolling(isGpuView(get().view));
      monitor.start();
    })().catch((error: unknown) => d.note(`GPU monitor: ${errorMessage(error)}`));
  }

  return (subscribe) => {
    stopped = false;
    startMonitor();
    unsubscribers.push(
      subscribe((view, prev) => {
        if (view === prev) return;
        runtime.monitor?.setProcessPolling(isGpuView(view));
        feed.viewChanged(view);
        if (view === 'chat') void d.opened();
      }),
    );
    return async () => {
      stopped = true;
      for (const u of unsubscribers.splice(0)) u();
      runtime.controller?.abort();
      const { monitor, engine } = runtime;
      const starting = monitorStarting;
      runtime.monitor = undefined;
      monitorStarting = undefined;
      runtime.engine = undefined;
      runtime.model = undefined;
      await Promise.all([monitor?.stop(), engine?.dispose(), starting]).catch(() => undefined);
    };
  };
}
