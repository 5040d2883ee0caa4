// Key scopes and action ids of the Backups pane (issue 5). models/keys.ts joins every pane's lists.
// Scopes: `backups` (the component table), `backups-detail` (a component's snapshots and
// errors), `backups-runbook` (the §4.3 recovery steps), `backups-log` (a run's live log).
export const BACKUP_KEY_SCOPES = ['backups', 'backups-detail', 'backups-runbook', 'backups-log'] as const;
export const BACKUP_ACTION_IDS = [
  'backup-down',
  'backup-up',
  'backup-open',
  'backup-refresh',
  'backup-verify',
  'backup-runbook',
  'backup-ask',
  'backup-close',
  'backup-step-down',
  'backup-step-up',
  'backup-step-run',
  'backup-step-log',
  'backup-log-down',
  'backup-log-up',
  'backup-log-end',
] as const;
