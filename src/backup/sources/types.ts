// The one interface every backup source adapter implements (restic, s3, dir, git, command).
import type { BackupListing } from '../../../models/backup-status.js';

export type SourceContext = {
  /** The repo root: relative paths in source configs resolve against it. */
  root: string;
  env: NodeJS.ProcessEnv;
  /** Calls shared within one refresh (several components on one restic repo list it once). */
  memo?: Map<string, Promise<unknown>>;
  /** Niceness for source commands (the cockpit: 10). */
  nice?: number;
  /** Whether restic listings of local repos may come from the listing cache (backups.listingCache). */
  listingCache?: boolean;
  /** Called when the source's command has started (or it shares one already running). */
  onSpawn?: () => void;
};

export interface IBackupSource {
  /** Lists the backups; rejects with a one-line Error when the source cannot be read. Honours `signal`. */
  list(signal: AbortSignal): Promise<BackupListing>;
}
