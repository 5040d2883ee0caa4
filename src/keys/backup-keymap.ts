// The Backups pane's keybindings (issue 5). DEFAULT_KEYMAP joins every pane's rows.
import type { Keymap } from '../../models/keys.js';
import type { BACKUP_KEY_SCOPES } from '../../models/backup-keys.js';
import { bind } from './bind.js';

export const BACKUP_KEYMAP: Keymap = [
  bind('backup-down', ['j', 'down'], 'backups', 'down'),
  bind('backup-up', ['k', 'up'], 'backups', 'up'),
  bind('backup-open', ['return'], 'backups', 'details', { footer: true }),
  bind('backup-verify', ['v'], 'backups', 'verify', { footer: true }),
  bind('backup-runbook', ['R'], 'backups', 'recovery', { footer: true }),
  bind('backup-refresh', ['r'], 'backups', 'refresh', { footer: true }),
  bind('backup-ask', ['A'], 'backups', 'ask AI', { footer: true }),

  bind('backup-close', ['escape'], 'backups-detail', 'back', { footer: true }),

  bind('backup-step-down', ['j', 'down'], 'backups-runbook', 'down'),
  bind('backup-step-up', ['k', 'up'], 'backups-runbook', 'up'),
  bind('backup-step-run', ['return'], 'backups-runbook', 'run step', { footer: true, mutates: true }),
  bind('backup-step-log', ['l'], 'backups-runbook', 'last log', { footer: true }),
  bind('backup-ask', ['A'], 'backups-runbook', 'ask AI'),
  bind('backup-close', ['escape'], 'backups-runbook', 'back', { footer: true }),

  bind('backup-log-down', ['j', 'down'], 'backups-log', 'scroll down'),
  bind('backup-log-up', ['k', 'up'], 'backups-log', 'scroll up'),
  bind('backup-log-end', ['G', 'end'], 'backups-log', 'follow', { footer: true }),
  bind('backup-close', ['escape'], 'backups-log', 'back', { footer: true }),
];

export const BACKUP_SCOPE_TITLES: Record<(typeof BACKUP_KEY_SCOPES)[number], string> = {
  backups: 'Backups',
  'backups-detail': 'Backups: component',
  'backups-runbook': 'Backups: recovery runbook',
  'backups-log': 'Backups: run log',
};
