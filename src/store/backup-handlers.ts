// What the Backups pane's keys do (issue 5), and its key scopes per mode.
import type { BACKUP_ACTION_IDS } from '../../models/backup-keys.js';
import type { Handler, PaneKeys } from './pane-keys.js';

export const BACKUP_HANDLERS: Record<(typeof BACKUP_ACTION_IDS)[number], Handler> = {};

export const BACKUPS_PANE_KEYS: PaneKeys = {
  scopes: () => ['backups', 'global'],
};
