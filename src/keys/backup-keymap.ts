// The Backups pane's keybindings (issue 5). DEFAULT_KEYMAP joins every pane's rows.
import type { Keymap } from '../../models/keys.js';
import type { BACKUP_KEY_SCOPES } from '../../models/backup-keys.js';

export const BACKUP_KEYMAP: Keymap = [];

export const BACKUP_SCOPE_TITLES: Record<(typeof BACKUP_KEY_SCOPES)[number], string> = {
  backups: 'Backups',
};
