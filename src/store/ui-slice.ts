// Navigation, overlays, the message line, the terminal size, the running-flow count and quit.
import { PANE_IDS } from '../../models/panes.js';
import type { PaneId } from '../../models/config.js';
import { TILE_COLUMNS, TILE_IDS } from '../../models/panes.js';
import type { Overlay } from '../../models/ui.js';
import { DEFAULT_COLUMNS, DEFAULT_ROWS } from './layout.js';
import type { ScreenSize } from './layout.js';
import type { SliceCreator, UiSlice } from './types.js';

const NO_OVERLAY: Overlay = { kind: 'none' };

function epochMinute(date: Date): number {
  return Math.floor(date.getTime() / 60_000);
}

/** The header clock: `HH:MM:SS UTC`. */
export function formatUtcClock(date: Date): string {
  return `${date.toISOString().slice(11, 19)} UTC`;
}

/** Milliseconds until the next whole second, so the clock ticks on the second. */
export function msToNextSecond(date: Date): number {
  return 1000 - (date.getTime() % 1000);
}

function environmentName(deps: Parameters<SliceCreator<UiSlice>>[2]): string {
  return deps.config.ui.defaultEnvironment ?? deps.config.environments[0]?.name ?? '-';
}

export function createUiSlice(repoName: string, size: ScreenSize | undefined): SliceCreator<UiSlice> {
  return (set, get, deps) => ({
    view: 'dashboard',
    focusedTile: 0,
    overlay: NO_OVERLAY,
    input: '',
    filters: {},
    cursors: {},
    message: null,
    readonly: deps.readonly,
    color: deps.color,
    runningFlows: 0,
    exitRequested: false,
    size: size ?? { columns: DEFAULT_COLUMNS, rows: DEFAULT_ROWS },
    minute: epochMinute(deps.now()),
    repoName,
    environment: environmentName(deps),
    clock: deps.config.ui.clock,
    clockOverlay: deps.clockOverlay,
    keymap: deps.keymap,
    now: deps.now,

    openView: (view) => {
      const tile = (TILE_IDS as readonly string[]).indexOf(view === 'gpu' ? 'chat' : view);
      set({ view, overlay: NO_OVERLAY, input: '', ...(tile >= 0 ? { focusedTile: tile } : {}) });
    },

    cyclePane: (step) => {
      const { view } = get();
      const at = view === 'dashboard' ? (step > 0 ? -1 : 0) : PANE_IDS.indexOf(view);
      const next = PANE_IDS[(at + step + PANE_IDS.length) % PANE_IDS.length] as PaneId;
      get().openView(next);
    },

    moveTile: (step) => {
      const count = TILE_IDS.length;
      const { focusedTile } = get();
      if (Math.abs(step) === TILE_COLUMNS) {
        const target = focusedTile + step;
        if (target >= 0 && target < count) set({ focusedTile: target });
        return;
      }
      set({ focusedTile: (focusedTile + step + count) % count });
    },

    back: () => {
      const state = get();
      if (state.overlay.kind !== 'none') {
        state.closeOverlay();
        return;
      }
      if (state.view === 'dashboard') return;
      if (state.filters[state.view]) {
        state.setFilter(state.view, '');
        return;
      }
      set({ view: 'dashboard' });
    },

    openOverlay: (overlay, input = '') => set({ overlay, input }),
    closeOverlay: () => set({ overlay: NO_OVERLAY, input: '' }),
    setInput: (text) => set({ input: text }),

    setFilter: (pane, text) => {
      set({ filters: { ...get().filters, [pane]: text } });
      if (pane === 'tasks') get().syncTaskCursor();
    },

    setSize: (next) => {
      const { size } = get();
      if (size.columns !== next.columns || size.rows !== next.rows) set({ size: next });
    },

    showMessage: (text, tone = 'info') => set({ message: { text, tone } }),
    clearMessage: () => {
      if (get().message !== null) set({ message: null });
    },

    flowStarted: () => set({ runningFlows: get().runningFlows + 1 }),
    flowEnded: () => set({ runningFlows: Math.max(0, get().runningFlows - 1) }),

    requestQuit: (force) => {
      const state = get();
      if (force || state.runningFlows === 0) {
        set({ exitRequested: true, overlay: NO_OVERLAY });
        return;
      }
      const flows = state.runningFlows === 1 ? 'a flow is' : `${state.runningFlows} flows are`;
      set({ overlay: { kind: 'confirm-quit' }, input: '', message: { text: `${flows} still running. Quit anyway? (y/N)`, tone: 'warn' } });
    },

    tick: () => {
      const minute = epochMinute(get().now());
      if (minute !== get().minute) set({ minute });
    },
  });
}
