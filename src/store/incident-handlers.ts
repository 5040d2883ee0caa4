// What the Incidents pane's keys do (issue 6), and its key scopes per mode.
import type { INCIDENT_ACTION_IDS } from '../../models/incident-keys.js';
import type { Handler, PaneKeys } from './pane-keys.js';

export const INCIDENT_HANDLERS: Record<(typeof INCIDENT_ACTION_IDS)[number], Handler> = {};

export const INCIDENTS_PANE_KEYS: PaneKeys = {
  scopes: () => ['incidents', 'global'],
};
