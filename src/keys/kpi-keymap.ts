// The KPIs pane's keybindings (issue 6). DEFAULT_KEYMAP joins every pane's rows.
import type { Keymap } from '../../models/keys.js';
import type { KPI_KEY_SCOPES } from '../../models/kpi-keys.js';

export const KPI_KEYMAP: Keymap = [];

export const KPI_SCOPE_TITLES: Record<(typeof KPI_KEY_SCOPES)[number], string> = {
  kpi: 'KPIs',
};
