// The one app store: a zustand vanilla store made of slices. Adapters that do I/O (the task
// repo, the clock) are injected here; components only read the store through selectors.
import { createStore } from 'zustand/vanilla';
import { DEFAULT_KEYMAP } from '../keys/default-keymap.js';
import { applyKeyOverrides } from '../keys/keymap.js';
import { createDispatchSlice } from './dispatch.js';
import { createTasksSlice } from './tasks-slice.js';
import type { AppState, AppStore, ResolvedDeps, StoreDeps } from './types.js';
import { createUiSlice } from './ui-slice.js';

export type { AppState, AppStore, StoreDeps } from './types.js';

export function createAppStore(deps: StoreDeps): AppStore {
  const resolved: ResolvedDeps = {
    taskRepo: deps.taskRepo,
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
  }));
}
