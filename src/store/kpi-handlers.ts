// What the KPI pane's keys do (issue 6), and its key scopes per mode.
import type { KPI_ACTION_IDS } from '../../models/kpi-keys.js';
import { drillOf, paneRows } from '../kpi/pane-rows.js';
import type { Handler, PaneKeys } from './pane-keys.js';
import type { GetState } from './types.js';

const rowCount = (get: GetState): number => paneRows(get().kpiReport()).length;

function drillItemCount(get: GetState): number {
  const state = get();
  const report = state.kpiReport();
  const row = state.kpiDrill === null ? undefined : paneRows(report)[state.kpiDrill];
  return report && row ? drillOf(report, row).items.length : 0;
}

export const KPI_HANDLERS: Record<(typeof KPI_ACTION_IDS)[number], Handler> = {
  'kpi-down': (get) => get().kpiMove(1, rowCount(get)),
  'kpi-up': (get) => get().kpiMove(-1, rowCount(get)),
  'kpi-drill': (get) => {
    const count = rowCount(get);
    if (count === 0) {
      get().showMessage(get().kpiComputing ? 'KPIs are being computed…' : 'no KPIs yet: press r to compute');
      return;
    }
    if (get().kpiCursor >= count) get().kpiMove(0, count);
    get().kpiOpenDrill();
  },
  'kpi-close-drill': (get) => get().kpiCloseDrill(),
  'kpi-drill-down': (get) => get().kpiMoveDrill(1, drillItemCount(get)),
  'kpi-drill-up': (get) => get().kpiMoveDrill(-1, drillItemCount(get)),
  'kpi-window': (get) => {
    get().kpiToggleWindow();
    get().showMessage(`KPI window: last ${get().kpiWindow} days`);
  },
  'kpi-recompute': (get) => {
    get().showMessage('recomputing KPIs…');
    void get().kpiRecompute();
  },
};

export const KPI_PANE_KEYS: PaneKeys = {
  scopes: (state) => (state.kpiDrill === null ? ['kpi', 'global'] : ['kpi-drill', 'kpi', 'global']),
};
