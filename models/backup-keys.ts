// Key scopes and action ids of the Backups pane (issue 5). models/keys.ts joins every pane's lists.
export const BACKUP_KEY_SCOPES = ['backups'] as const;
export const BACKUP_ACTION_IDS = [] as const;
