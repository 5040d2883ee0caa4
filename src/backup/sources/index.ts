// Makes the adapter for a source config. Each adapter module is imported only when a component
// uses it, so the AWS SDK loads only for s3 sources.
import type { BackupSourceConfig } from '../../../models/backup-config.js';
import type { IBackupSource, SourceContext } from './types.js';

export type { IBackupSource, SourceContext } from './types.js';

export async function createSource(config: BackupSourceConfig, context: SourceContext): Promise<IBackupSource> {
  switch (config.kind) {
    case 'restic':
      return new (await import('./restic.js')).ResticSource(config, context);
    case 's3':
      return new (await import('./s3.js')).S3Source(config, context);
    case 'dir':
      return new (await import('./dir.js')).DirSource(config, context);
    case 'git':
      return new (await import('./git.js')).GitSource(config, context);
    case 'command':
      return new (await import('./command.js')).CommandSource(config, context);
  }
}
