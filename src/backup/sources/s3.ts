// s3: ListObjectsV2 (paginated) over a bucket and prefix, with an optional endpoint for
// S3-compatible stores and credentials from the usual AWS chain. The time comes from a stamp in
// the key, else LastModified; the type from a pattern in the key. The AWS SDK is imported here
// only, and this module itself only lazily (src/backup/sources/index.ts).
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { S3SourceConfig } from '../../../models/backup-config.js';
import { trustDeferredCas } from '../../net/ca-trust.js';
import type { BackupEntry, BackupListing } from '../../../models/backup-status.js';
import { timeFromName, typeFromName } from '../name-time.js';
import type { IBackupSource, SourceContext } from './types.js';

/** Stops a runaway listing (a wrong prefix over a huge bucket). */
const MAX_PAGES = 200;

/** Keys from the source's environment when it has them, else the usual AWS chain (profiles, IMDS, …). */
export function s3Client(config: S3SourceConfig, env: NodeJS.ProcessEnv = process.env): S3Client {
  const keys =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN } } : {};
  return new S3Client({
    ...keys,
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
  });
}

function explain(error: unknown, config: S3SourceConfig): string {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const where = `s3://${config.bucket}/${config.prefix}${config.endpoint ? ` at ${config.endpoint}` : ''}`;
  if (e.name === 'NoSuchBucket') return `no bucket ${config.bucket} (${where})`;
  if (e.name === 'AccessDenied' || e.$metadata?.httpStatusCode === 403) return `access denied to ${where}`;
  if (e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message ?? '')) return `cannot reach ${where}: connection refused`;
  if (e.name === 'CredentialsProviderError') return `no AWS credentials for ${where} (set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a profile)`;
  return `cannot list ${where}: ${(e.message ?? String(error)).split('\n')[0]}`;
}

export class S3Source implements IBackupSource {
  constructor(
    private readonly config: S3SourceConfig,
    private readonly context: SourceContext,
  ) {}

  async list(signal: AbortSignal): Promise<BackupListing> {
    const config = this.config;
    await trustDeferredCas();
    const client = s3Client(config, this.context.env);
    const entries: BackupEntry[] = [];
    let token: string | undefined;
    try {
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const out = await client.send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: config.prefix || undefined, ContinuationToken: token, MaxKeys: config.pageSize }), { abortSignal: signal });
        for (const object of out.Contents ?? []) {
          if (!object.Key || object.Key.endsWith('/')) continue;
          const name = object.Key.slice(config.prefix.length);
          const time = timeFromName(name, config.timePattern) ?? object.LastModified;
          if (!time) continue;
          entries.push({ time: time.toISOString(), ok: true, size: object.Size, type: typeFromName(name, config.typePatterns), id: name, where: `s3://${config.bucket}/${object.Key}` });
        }
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
        if (!token) break;
      }
    } catch (error) {
      if (signal.aborted) throw new Error(String(signal.reason instanceof Error ? signal.reason.message : signal.reason));
      throw new Error(explain(error, config));
    } finally {
      client.destroy();
    }
    return { entries };
  }
}
