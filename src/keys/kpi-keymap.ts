// The KPIs pane's keybindings (issue 6). DEFAULT_KEYMAP joins every pane's rows.
import type { Keymap } from '../../models/keys.js';
import type { KPI_KEY_SCOPES } from '../../models/kpi-keys.js';
import { bind } from './bind.js';

export const KPI_KEYMAP: Keymap = [
  bind('kpi-close-drill', ['escape', 'backspace', 'h', 'left'], 'kpi-drill', 'back to figures', { footer: true }),
  bind('kpi-drill-down', ['j', 'down'], 'kpi-drill', 'down', { footer: true }),
  bind('kpi-drill-up', ['k', 'up'], 'kpi-drill', 'up', { footer: true }),
  bind('kpi-down', ['j', 'down'], 'kpi', 'down', { footer: true }),
  bind('kpi-up', ['k', 'up'], 'kpi', 'up', { footer: true }),
  bind('kpi-drill', ['return', 'l', 'right'], 'kpi', 'drill down', { footer: true }),
  bind('kpi-window', ['w'], 'kpi', '30/90 d', { footer: true }),
  bind('kpi-recompute', ['r'], 'kpi', 'recompute', { footer: true }),
];

export const KPI_SCOPE_TITLES: Record<(typeof KPI_KEY_SCOPES)[number], string> = {
  kpi: 'KPIs',
  'kpi-drill': 'KPIs: drill-down',
};
