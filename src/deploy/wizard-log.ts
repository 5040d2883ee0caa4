// The one log the pane follows at a time (the running step's output, or the log view): tails
// the run's raw log into the store, coalesced, and stops when another log opens or the view
// closes. Module state, not store state: a watcher is not data.
import type { GetState } from '../store/types.js';

let stop: (() => void) | null = null;

export function stopFollow(): void {
  stop?.();
  stop = null;
}

export function followLog(get: GetState, runId: string, file: string): void {
  stopFollow();
  const current = get().deployLog;
  const keep = current?.runId === runId ? current : null;
  get().setDeploy({ deployLog: { runId, logPath: file, lines: keep?.lines ?? [], top: keep?.top ?? 0, follow: keep?.follow ?? true, search: keep?.search ?? null } });
  let active = true;
  stop = () => {
    active = false;
  };
  void import('./watch.js').then(({ tailLog }) => {
    if (!active) return;
    const stopTail = tailLog(file, (lines) => {
      const log = get().deployLog;
      if (log?.runId === runId) get().setDeploy({ deployLog: { ...log, lines } });
    });
    stop = () => {
      active = false;
      stopTail();
    };
  });
}
