// The one app store: a zustand vanilla store made of slices. Adapters that do I/O (the task
// repo, the clock) are injected here; components only read the store through selectors.
import { createStore } from 'zustand/vanilla';
import { DEFAULT_KEYMAP } from '../keys/default-keymap.js';
import { applyKeyOverrides } from '../keys/keymap.js';
import { createBackupSlice, startBackup } from './backup-slice.js';
import { createChatSlice, startChat } from './chat-slice.js';
import { createDeploySlice, startDeploy } from './deploy-slice.js';
import { createDispatchSlice } from './dispatch.js';
import { createIncidentSlice, startIncident } from './incident-slice.js';
import { createKpiSlice, startKpi } from './kpi-slice.js';
import { createTasksSlice } from './tasks-slice.js';
import type { AppState, AppStore, ResolvedDeps, StoreDeps } from './types.js';
import { createUiSlice } from './ui-slice.js';

export type { AppState, AppStore, StoreDeps } from './types.js';

export function createAppStore(deps: StoreDeps): AppStore {
  const resolved: ResolvedDeps = {
    taskRepo: deps.taskRepo,
    root: deps.root ?? process.cwd(),
    services: deps.services ?? {},
    clockOverlay: deps.clockOverlay ?? false,
    config: deps.config,
    readonly: deps.readonly,
    color: deps.color,
    now: deps.now ?? (() => new Date()),
    keymap: deps.keymap ?? applyKeyOverrides(DEFAULT_KEYMAP, deps.config.keys, 'opsdeck.yaml'),
  };
  const ui = createUiSlice(deps.repoName ?? '', deps.size);
  return createStore<AppState>()((set, get) => ({
    ...ui(set, get, resolved),
    ...createTasksSlice(set, get, resolved),
    ...createDispatchSlice(set, get, resolved),
    ...createDeploySlice(set, get, resolved),
    ...createBackupSlice(set, get, resolved),
    ...createKpiSlice(set, get, resolved),
    ...createIncidentSlice(set, get, resolved),
    ...createChatSlice(set, get, resolved),
  }));
}

/**
 * Starts every pane's background work (journal and incident watchers, backup and KPI
 * refreshes, GPU sampling). The cockpit calls it after the first frame; returns stop-all,
 * which stops everything at once and resolves when the work already started has settled.
 */
export function startBackground(store: AppStore): () => Promise<void> {
  const stops = [startDeploy(store), startBackup(store), startKpi(store), startIncident(store), startChat(store)];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
