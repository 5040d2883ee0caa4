// Key scopes and action ids of the KPIs pane (issue 6). models/keys.ts joins every pane's lists.
// kpi: the figures list; kpi-drill: the deploys/incidents behind one figure.
export const KPI_KEY_SCOPES = ['kpi', 'kpi-drill'] as const;
export const KPI_ACTION_IDS = ['kpi-down', 'kpi-up', 'kpi-drill', 'kpi-close-drill', 'kpi-drill-down', 'kpi-drill-up', 'kpi-window', 'kpi-recompute'] as const;
