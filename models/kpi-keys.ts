// Key scopes and action ids of the KPIs pane (issue 6). models/keys.ts joins every pane's lists.
export const KPI_KEY_SCOPES = ['kpi'] as const;
export const KPI_ACTION_IDS = [] as const;
