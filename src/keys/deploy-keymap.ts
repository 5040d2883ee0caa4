// The Deploy pane's keybindings (issue 4). DEFAULT_KEYMAP joins every pane's rows.
import type { Keymap } from '../../models/keys.js';
import type { DEPLOY_KEY_SCOPES } from '../../models/deploy-keys.js';

export const DEPLOY_KEYMAP: Keymap = [];

export const DEPLOY_SCOPE_TITLES: Record<(typeof DEPLOY_KEY_SCOPES)[number], string> = {
  deploy: 'Deploy',
};
