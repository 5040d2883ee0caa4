// The full log view of the Deploy pane (`Enter` on a run): the run machinery's log view model
// (src/runs/log-view.ts: @xterm/headless, bounded scrollback, batched notifications), loaded
// lazily. One viewer at a time; its state is mirrored into the store on every notification.
import type { ILogView } from '../runs/log-view-types.js';
import { listHeight } from '../store/layout.js';
import type { GetState } from '../store/types.js';

let viewer: ILogView | null = null;
let unsubscribe: (() => void) | null = null;
let size = { cols: 0, rows: 0 };

function viewSize(get: GetState): { cols: number; rows: number } {
  const s = get().size;
  return { cols: Math.max(20, s.columns), rows: Math.max(3, listHeight(s.rows) - 2) };
}

export function closeViewer(get?: GetState): void {
  unsubscribe?.();
  viewer?.close();
  unsubscribe = null;
  viewer = null;
  get?.().setDeploy({ deployViewer: null });
}

export async function openViewer(get: GetState, runId: string, title: string, file: string): Promise<void> {
  closeViewer();
  const { createLogView } = await import('../runs/log-view.js');
  size = viewSize(get);
  const view = createLogView(file, { cols: size.cols, rows: size.rows, scrollback: get().deployConfig.deploy.scrollback });
  viewer = view;
  const publish = () => {
    if (viewer === view) get().setDeploy({ deployViewer: { runId, title, state: view.state() } });
  };
  unsubscribe = view.subscribe(publish);
  publish();
}

/** Runs one viewer action (scroll, search…) after fitting it to the current screen size. */
export function withViewer<T>(get: GetState, action: (view: ILogView) => T): T | undefined {
  if (!viewer) return undefined;
  const next = viewSize(get);
  if (next.cols !== size.cols || next.rows !== size.rows) {
    size = next;
    viewer.resize(next.cols, next.rows);
  }
  const result = action(viewer);
  const current = get().deployViewer;
  if (current) get().setDeploy({ deployViewer: { ...current, state: viewer.state() } });
  return result;
}
