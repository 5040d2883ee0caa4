// The Deploy pane's part of the app store (issue 4). Its I/O adapters are imported lazily
// (dynamic import) so the cockpit's first frame never pays for them.
import type { AppStore, SliceCreator } from './types.js';

/** Adapters tests may inject instead of the real ones. */
export type DeployDeps = object;

export type DeploySlice = object;

export const createDeploySlice: SliceCreator<DeploySlice> = () => ({});

/** Starts the pane's background work (watchers, refreshes) after the first frame; returns stop. */
export function startDeploy(_store: AppStore): () => void {
  return () => undefined;
}
