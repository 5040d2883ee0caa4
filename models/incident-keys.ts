// Key scopes and action ids of the Incidents pane (issue 6). models/keys.ts joins every pane's lists.
export const INCIDENT_KEY_SCOPES = ['incidents'] as const;
export const INCIDENT_ACTION_IDS = [
  // global: declare an incident from any pane
  'incident-declare',
  // the Incidents pane
  'incident-down',
  'incident-up',
  'incident-top',
  'incident-bottom',
  'incident-older',
  'incident-newer',
  'incident-note',
  'incident-ack',
  'incident-resolve',
  'incident-priority',
  'incident-export',
  'incident-ask',
] as const;
