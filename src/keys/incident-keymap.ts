// The Incidents pane's keybindings (issue 6). DEFAULT_KEYMAP joins every pane's rows.
import type { Keymap } from '../../models/keys.js';
import type { INCIDENT_KEY_SCOPES } from '../../models/incident-keys.js';

export const INCIDENT_KEYMAP: Keymap = [];

export const INCIDENT_SCOPE_TITLES: Record<(typeof INCIDENT_KEY_SCOPES)[number], string> = {
  incidents: 'Incidents',
};
