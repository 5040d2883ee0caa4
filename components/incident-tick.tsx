// One shared once-a-second ticker for the SLA countdowns (the header badge, the pane). It runs
// only while some countdown is mounted, i.e. only while an incident is open; otherwise no timer
// exists at all. A tick re-renders a countdown only when its text changes, so a countdown that
// shows whole minutes costs one Ink frame a minute, not one a second.
import { useCallback, useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let timer: NodeJS.Timeout | undefined;

function schedule(): void {
  timer = setTimeout(() => {
    for (const listener of [...listeners]) listener();
    if (listeners.size > 0) schedule();
    else timer = undefined;
  }, 1000 - (Date.now() % 1000) + 2);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) schedule();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

const noSubscribe = () => () => undefined;

/**
 * `compute()` now, recomputed once a second while `active`; the caller re-renders only when the
 * returned text differs. `compute` must depend only on its closure and the clock.
 */
export function useTickingText(active: boolean, compute: () => string, deps: readonly unknown[]): string {
  const read = useCallback(compute, deps);
  return useSyncExternalStore(active ? subscribe : noSubscribe, read, read);
}

/** Whether a ticker is running (for tests: none while no incident is open). */
export function tickerRunning(): boolean {
  return timer !== undefined;
}
