// The s3 source against s3rver (many keys, so pagination runs), and restic on an S3 API server
// over HTTPS with a self-signed certificate (--cacert), listed and checked.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupsSchema, S3SourceSchema } from '../../models/backup-config.js';
import { buildPolicy } from '../../src/backup/policy.js';
import { queryComponents } from '../../src/backup/query.js';
import { resticCheckArgv } from '../../src/backup/sources/restic-args.js';
import { s3Client } from '../../src/backup/sources/s3.js';
import { buildReport } from '../../src/backup/status.js';
import { ensureRestic, resticBackupAt, resticInit, S3_CREDENTIALS, selfSignedCert, startS3 } from '../helpers/backup-services.js';
import type { S3Server } from '../helpers/backup-services.js';

const NOW = new Date('2026-11-25T10:30:00Z');
let root: string;
let http: S3Server;
let https: S3Server;
let certPath: string;
const env = { ...process.env, ...S3_CREDENTIALS };

beforeAll(async () => {
  ensureRestic();
  root = mkdtempSync(join(tmpdir(), 'opsdeck-backup-s3-'));
  mkdirSync(join(root, 's3-http'));
  mkdirSync(join(root, 's3-https'));
  http = await startS3(join(root, 's3-http'), ['backups']);
  const cert = await selfSignedCert(root);
  certPath = cert.certPath;
  https = await startS3(join(root, 's3-https'), ['restic'], { key: cert.key, cert: cert.cert });
}, 60_000);

afterAll(async () => {
  await http?.close();
  await https?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('s3 source on s3rver', () => {
  it('lists every key across pages, timed by the key stamp (else LastModified), typed by the key', async () => {
    const source = { kind: 's3', bucket: 'backups', prefix: 'db/', endpoint: http.endpoint, forcePathStyle: true, pageSize: 40 } as const;
    const client = s3Client(S3SourceSchema.parse(source), env);
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const keys: string[] = [];
    for (let h = 0; h < 120; h += 1) keys.push(`db/wal/payments-db-wal-${new Date(NOW.getTime() - (h + 0.5) * 3_600_000).toISOString().replace(/[-:]/g, '').slice(0, 13)}Z.dump`);
    for (let d = 0; d < 5; d += 1) keys.push(`db/full/payments-db-full-202611${String(24 - d).padStart(2, '0')}T0200Z.dump`);
    keys.push('db/full/latest-full.dump', 'other/not-mine.dump');
    for (let i = 0; i < keys.length; i += 16) {
      await Promise.all(keys.slice(i, i + 16).map((Key) => client.send(new PutObjectCommand({ Bucket: 'backups', Key, Body: 'x'.repeat(10) }))));
    }
    client.destroy();
    const policy = buildPolicy(
      BackupsSchema.parse({
        useSop: false,
        components: [
          { name: 'database', schedule: 'Daily 02:00 UTC', type: 'full', source },
          { name: 'database-incremental', schedule: 'Hourly', type: 'incremental', source },
        ],
      }),
      undefined,
    );
    const results = await queryComponents(policy.components, { root, env, concurrency: 2 });
    expect(results.get('database')!.error ?? '').toBe('');
    const entries = results.get('database')!.listing!.entries;
    expect(entries).toHaveLength(126);
    expect(entries.filter((e) => e.type === 'incremental')).toHaveLength(120);
    const undated = entries.find((e) => e.id === 'full/latest-full.dump')!;
    expect(Math.abs(Date.parse(undated.time) - Date.now())).toBeLessThan(120_000);
    const report = buildReport(policy, results, [], NOW);
    expect(report.components.map((c) => [c.name, c.last?.time, c.count])).toEqual([
      ['database', undated.time, 6],
      ['database-incremental', '2026-11-25T10:00:00.000Z', 120],
    ]);
    expect(report.components[1]!.last!.size).toBe(10);
  }, 60_000);

  it('a missing bucket is the source\'s own error', async () => {
    const policy = buildPolicy(BackupsSchema.parse({ useSop: false, components: [{ name: 'x', schedule: 'Hourly', source: { kind: 's3', bucket: 'nope', endpoint: http.endpoint, forcePathStyle: true } }] }), undefined);
    const results = await queryComponents(policy.components, { root, env, concurrency: 1 });
    expect(results.get('x')!.error).toMatch(/no bucket nope|cannot list s3:\/\/nope/);
  });
});

describe('restic on s3rver over HTTPS', () => {
  it('lists and checks a repository with --cacert', async () => {
    const repo = `s3:${https.endpoint}/restic/repo`;
    writeFileSync(join(root, 'pw'), 'secret\n');
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'f'), 'hello');
    const extra = { env: S3_CREDENTIALS, args: ['--cacert', certPath] };
    await resticInit(repo, join(root, 'pw'), extra);
    await resticBackupAt(repo, join(root, 'pw'), join(root, 'data'), ['files'], new Date('2026-11-25T03:00:00Z'), extra);
    const source = { kind: 'restic', repo, passwordFile: 'pw', cacert: certPath, tags: ['files'] } as const;
    const policy = buildPolicy(BackupsSchema.parse({ useSop: false, components: [{ name: 'files', schedule: 'Daily 03:00 UTC', source }] }), undefined);
    const report = buildReport(policy, await queryComponents(policy.components, { root, env, concurrency: 1 }), [], NOW);
    expect([report.components[0]!.state, report.components[0]!.last?.time]).toEqual(['ok', '2026-11-25T03:00:00.000Z']);
    const check = await execa(resticCheckArgv(policy.components[0]!.source as never, root)[0]!, resticCheckArgv(policy.components[0]!.source as never, root).slice(1), { env, reject: false });
    expect(check.exitCode).toBe(0);
    // without the CA the same listing fails with its own error
    const noCa = buildPolicy(BackupsSchema.parse({ useSop: false, components: [{ name: 'files', schedule: 'Daily 03:00 UTC', source: { ...source, cacert: undefined } }] }), undefined);
    const failed = await queryComponents(noCa.components, { root, env, concurrency: 1 });
    expect(failed.get('files')!.error).toMatch(/^TLS certificate of restic repo s3:https:.* is not trusted \(set source.cacert\)$/);
  }, 90_000);
});
