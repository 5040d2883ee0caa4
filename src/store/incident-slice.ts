// The Incidents pane's part of the app store (issue 6). Its I/O adapters are imported lazily
// (dynamic import) so the cockpit's first frame never pays for them.
import type { AppStore, SliceCreator } from './types.js';

/** Adapters tests may inject instead of the real ones. */
export type IncidentDeps = object;

export type IncidentSlice = object;

export const createIncidentSlice: SliceCreator<IncidentSlice> = () => ({});

/** Starts the pane's background work (watchers, refreshes) after the first frame; returns stop. */
export function startIncident(_store: AppStore): () => void {
  return () => undefined;
}
