// Key scopes and action ids of the Incidents pane (issue 6). models/keys.ts joins every pane's lists.
export const INCIDENT_KEY_SCOPES = ['incidents'] as const;
export const INCIDENT_ACTION_IDS = [] as const;
