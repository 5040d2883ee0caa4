// What the KPI pane's keys do (issue 6), and its key scopes per mode.
import type { KPI_ACTION_IDS } from '../../models/kpi-keys.js';
import type { Handler, PaneKeys } from './pane-keys.js';

export const KPI_HANDLERS: Record<(typeof KPI_ACTION_IDS)[number], Handler> = {};

export const KPI_PANE_KEYS: PaneKeys = {
  scopes: () => ['kpi', 'global'],
};
