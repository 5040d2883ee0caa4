// The Incidents pane's keybindings (issue 6). DEFAULT_KEYMAP joins every pane's rows.
// `i` (declare) is global: it works from every pane that is not capturing text.
import type { Keymap } from '../../models/keys.js';
import type { INCIDENT_KEY_SCOPES } from '../../models/incident-keys.js';
import { bind } from './bind.js';

export const INCIDENT_KEYMAP: Keymap = [
  bind('incident-declare', ['i'], 'global', 'declare incident', { mutates: true }),

  bind('incident-down', ['j', 'down'], 'incidents', 'down'),
  bind('incident-up', ['k', 'up'], 'incidents', 'up'),
  bind('incident-top', ['g', 'home'], 'incidents', 'top'),
  bind('incident-bottom', ['G', 'end'], 'incidents', 'bottom'),
  bind('incident-older', ['pageup', 'ctrl+u'], 'incidents', 'older timeline'),
  bind('incident-newer', ['pagedown', 'ctrl+d'], 'incidents', 'newer timeline'),
  bind('incident-note', ['n'], 'incidents', 'note', { footer: true, mutates: true }),
  bind('incident-ack', ['a'], 'incidents', 'ack', { footer: true, mutates: true }),
  bind('incident-resolve', ['R'], 'incidents', 'resolve', { footer: true, mutates: true }),
  bind('incident-priority', ['p'], 'incidents', 'priority', { mutates: true }),
  bind('incident-export', ['e'], 'incidents', 'postmortem', { footer: true, mutates: true }),
  bind('incident-ask', ['A'], 'incidents', 'ask', { footer: true }),
];

export const INCIDENT_SCOPE_TITLES: Record<(typeof INCIDENT_KEY_SCOPES)[number], string> = {
  incidents: 'Incidents',
};
