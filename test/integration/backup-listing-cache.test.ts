// The restic listing cache against real restic: a local repository with backdated snapshots,
// queried through a counting `restic` wrapper first on PATH (a real script that logs, then execs
// the real restic), so a hit provably spawns no restic. New snapshots, `forget`, a changed
// password, a corrupt cache file, `listingCache: false`, a password command and an s3: repo on
// s3rver all run restic again.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupsSchema } from '../../models/backup-config.js';
import { listingCacheDir, listingCachePath } from '../../src/backup/listing-cache.js';
import { buildPolicy } from '../../src/backup/policy.js';
import { queryComponents } from '../../src/backup/query.js';
import { buildReport } from '../../src/backup/status.js';
import { ensureRestic, resticBackupAt, resticInit, S3_CREDENTIALS, selfSignedCert, startS3, writeScript } from '../helpers/backup-services.js';
import type { S3Server } from '../helpers/backup-services.js';

const NOW = new Date('2026-11-25T10:30:00Z');
let root: string;
let repo: string;
let callLog: string;
let env: NodeJS.ProcessEnv;

const restic = (tags: string[], extra: Record<string, unknown> = {}) => ({ kind: 'restic', repo: 'repo', passwordFile: 'pw', tags, ...extra });
const COMPONENTS = [
  { name: 'database', schedule: 'Daily 02:00 UTC', type: 'full', source: restic(['database', 'full']) },
  { name: 'database-incremental', schedule: 'Hourly', type: 'incremental', source: restic(['database', 'incremental']) },
];

/** restic calls the wrapper saw so far. */
function calls(): string[] {
  return existsSync(callLog) ? readFileSync(callLog, 'utf8').trim().split('\n').filter(Boolean) : [];
}

async function query(components: unknown[] = COMPONENTS, options: { listingCache?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const policy = buildPolicy(BackupsSchema.parse({ useSop: false, components }), undefined);
  const results = await queryComponents(policy.components, { root, env: options.env ?? env, concurrency: 4, listingCache: options.listingCache ?? true });
  return { results, report: buildReport(policy, results, [], NOW) };
}

/** The components without the `cached` flag: what must not differ between a miss and a hit. */
const statusOf = (report: Awaited<ReturnType<typeof query>>['report']) => report.components.map(({ cached: _cached, ...rest }) => rest);

async function backupAt(tags: string[], time: string): Promise<void> {
  await resticBackupAt(repo, join(root, 'pw'), join(root, 'data'), tags, new Date(time));
}

beforeAll(async () => {
  ensureRestic();
  root = mkdtempSync(join(tmpdir(), 'opsdeck-listing-cache-'));
  repo = join(root, 'repo');
  writeFileSync(join(root, 'pw'), 'correct horse\n');
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'data', 'dump.sql'), 'select 1;\n');
  await resticInit(repo, join(root, 'pw'));
  await backupAt(['database', 'full'], '2026-11-25T02:00:00Z');
  await backupAt(['database', 'incremental'], '2026-11-25T09:00:00Z');
  const real = execFileSync('sh', ['-c', 'command -v restic'], { encoding: 'utf8' }).trim();
  mkdirSync(join(root, 'bin'));
  callLog = join(root, 'calls.log');
  writeScript(join(root, 'bin', 'restic'), `#!/bin/sh\necho "$*" >> ${callLog}\nexec ${real} "$@"\n`);
  env = { ...process.env, PATH: `${join(root, 'bin')}:${process.env.PATH}`, XDG_STATE_HOME: join(root, 'state'), TZ: 'UTC' };
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('listing cache, local restic repo', () => {
  it('a miss runs restic once per repo; the hit after it spawns no restic and gives the same status', async () => {
    const before = calls().length;
    const miss = await query();
    expect(calls()).toHaveLength(before + 1);
    expect(miss.report.components.map((c) => [c.name, c.state, c.last?.time, c.cached])).toEqual([
      ['database', 'ok', '2026-11-25T02:00:00.000Z', false],
      ['database-incremental', 'overdue', '2026-11-25T09:00:00.000Z', false],
    ]);
    const hit = await query();
    expect(calls()).toHaveLength(before + 1);
    expect(hit.report.components.map((c) => c.cached)).toEqual([true, true]);
    expect(hit.results.get('database')!.listing!.cached).toBe(true);
    expect(statusOf(hit.report)).toEqual(statusOf(miss.report));
    expect(hit.results.get('database')!.listing!.entries).toEqual(miss.results.get('database')!.listing!.entries);
    // the cache file: 0600 in the state dir, holding no password
    const file = listingCachePath(listingCacheDir(env), repo);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('correct horse');
    expect(statSync(join(listingCacheDir(env), '.salt')).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('a new snapshot invalidates it (restic runs, the new backup shows), then it hits again', async () => {
    await query();
    const before = calls().length;
    await backupAt(['database', 'incremental'], '2026-11-25T10:00:00Z');
    const after = await query();
    expect(calls()).toHaveLength(before + 1);
    expect(after.report.components[1]).toMatchObject({ state: 'ok', cached: false, last: { time: '2026-11-25T10:00:00.000Z' } });
    const again = await query();
    expect(calls()).toHaveLength(before + 1);
    expect(again.report.components[1]).toMatchObject({ state: 'ok', cached: true, last: { time: '2026-11-25T10:00:00.000Z' } });
  }, 60_000);

  it('restic forget invalidates it', async () => {
    await backupAt(['database', 'incremental'], '2026-11-25T10:15:00Z');
    const with15 = await query();
    expect(with15.report.components[1]!.last!.time).toBe('2026-11-25T10:15:00.000Z');
    const id = with15.report.components[1]!.last!.id!;
    await execa('restic', ['-r', repo, '--password-file', join(root, 'pw'), 'forget', id], { env: { TZ: 'UTC' } });
    const before = calls().length;
    const after = await query();
    expect(calls()).toHaveLength(before + 1);
    expect(after.report.components[1]).toMatchObject({ cached: false, last: { time: '2026-11-25T10:00:00.000Z' } });
  }, 60_000);

  it('a changed password file runs restic, which reports the wrong password; the right one hits again', async () => {
    await query();
    const before = calls().length;
    writeFileSync(join(root, 'pw'), 'battery staple\n');
    try {
      const wrong = await query();
      expect(calls()).toHaveLength(before + 1);
      expect(wrong.report.components.map((c) => [c.state, c.error, c.cached])).toEqual([
        ['failed', 'wrong password for restic repo repo', undefined],
        ['failed', 'wrong password for restic repo repo', undefined],
      ]);
    } finally {
      writeFileSync(join(root, 'pw'), 'correct horse\n');
    }
    const right = await query();
    expect(calls()).toHaveLength(before + 1);
    expect(right.report.components.map((c) => [c.state, c.cached])).toEqual([
      ['ok', true],
      ['ok', true],
    ]);
  }, 60_000);

  it('a corrupt or foreign cache file is a miss, never an error, and is replaced', async () => {
    await query();
    const file = listingCachePath(listingCacheDir(env), repo);
    for (const junk of ['{"version":1,"key":', JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), key: 'f'.repeat(64) }), '[]']) {
      writeFileSync(file, junk);
      const before = calls().length;
      const { report } = await query();
      expect(calls()).toHaveLength(before + 1);
      expect(report.components.map((c) => [c.state, c.cached])).toEqual([
        ['ok', false],
        ['ok', false],
      ]);
      expect((await query()).report.components[0]!.cached).toBe(true);
      expect(calls()).toHaveLength(before + 1);
    }
  }, 60_000);

  it('listingCache: false always runs restic', async () => {
    await query();
    const before = calls().length;
    for (let i = 0; i < 2; i += 1) {
      const { report } = await query(COMPONENTS, { listingCache: false });
      expect(report.components.map((c) => [c.state, c.cached])).toEqual([
        ['ok', false],
        ['ok', false],
      ]);
    }
    expect(calls()).toHaveLength(before + 2);
  }, 60_000);

  it('a password from a variable is cached under its value; a password command never is', async () => {
    const byEnv = [{ name: 'database', schedule: 'Daily 02:00 UTC', type: 'full', source: { kind: 'restic', repo: 'repo', passwordEnv: 'LC_TEST_PW', tags: ['database', 'full'] } }];
    const good = { ...env, LC_TEST_PW: 'correct horse' };
    await query(byEnv, { env: good });
    const before = calls().length;
    expect((await query(byEnv, { env: good })).report.components[0]).toMatchObject({ state: 'ok', cached: true });
    expect(calls()).toHaveLength(before);
    expect((await query(byEnv, { env: { ...env, LC_TEST_PW: 'nope' } })).report.components[0]!.error).toBe('wrong password for restic repo repo');
    expect(calls()).toHaveLength(before + 1);
    // RESTIC_PASSWORD_COMMAND (no passwordFile/passwordEnv): restic runs every time
    const byCommand = [{ name: 'database', schedule: 'Daily 02:00 UTC', type: 'full', source: { kind: 'restic', repo: 'repo', tags: ['database', 'full'] } }];
    const commandEnv = { ...env, RESTIC_PASSWORD_COMMAND: `cat ${join(root, 'pw')}` };
    for (let i = 0; i < 2; i += 1) expect((await query(byCommand, { env: commandEnv })).report.components[0]).toMatchObject({ state: 'ok', cached: false });
    expect(calls()).toHaveLength(before + 3);
  }, 60_000);

  it('a local: repo is cached like a path', async () => {
    const components = [{ name: 'database', schedule: 'Daily 02:00 UTC', type: 'full', source: restic(['database', 'full'], { repo: `local:${repo}` }) }];
    await query(components);
    const before = calls().length;
    expect((await query(components)).report.components[0]).toMatchObject({ state: 'ok', cached: true });
    expect(calls()).toHaveLength(before);
  }, 60_000);
});

describe('listing cache, s3: repo on s3rver', () => {
  let https: S3Server | undefined;

  afterAll(async () => {
    await https?.close();
  });

  it('is never cached: restic runs on every query and nothing is written', async () => {
    const dir = join(root, 's3');
    mkdirSync(dir);
    const cert = await selfSignedCert(dir);
    https = await startS3(dir, ['restic'], { key: cert.key, cert: cert.cert });
    const s3repo = `s3:${https.endpoint}/restic/repo`;
    const extra = { env: S3_CREDENTIALS, args: ['--cacert', cert.certPath] };
    await resticInit(s3repo, join(root, 'pw'), extra);
    await resticBackupAt(s3repo, join(root, 'pw'), join(root, 'data'), ['files'], new Date('2026-11-25T03:00:00Z'), extra);
    const components = [{ name: 'files', schedule: 'Daily 03:00 UTC', source: { kind: 'restic', repo: s3repo, passwordFile: 'pw', cacert: cert.certPath, tags: ['files'] } }];
    const cacheFiles = () => (existsSync(listingCacheDir(env)) ? readdirSync(listingCacheDir(env)).sort() : []);
    const files = cacheFiles();
    const before = calls().length;
    for (let i = 0; i < 2; i += 1) {
      const { report } = await query(components, { env: { ...env, ...S3_CREDENTIALS } });
      expect(report.components[0]).toMatchObject({ state: 'ok', cached: false, last: { time: '2026-11-25T03:00:00.000Z' } });
    }
    expect(calls()).toHaveLength(before + 2);
    expect(cacheFiles()).toEqual(files);
  }, 90_000);
});
