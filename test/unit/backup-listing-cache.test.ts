// The listing cache's key and store on a real file system: which repos qualify, what the key
// covers (binary, repo entries, secrets, args), and that every unreadable, mismatched or racing
// case is a miss or a skipped write, never an error.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResticSourceSchema } from '../../models/backup-config.js';
import { listingKey, localRepoPath, repoFingerprint, resolveBinary, secretMaterial } from '../../src/backup/listing-cache-key.js';
import { listingCacheDir, listingCachePath, listingSalt, readCachedListing, withListingCache, writeCachedListing } from '../../src/backup/listing-cache.js';
import { isSnapshotList } from '../../src/backup/sources/restic-parse.js';

let dir: string;
let repo: string;
const LISTING = '[{"time":"2026-11-25T02:00:00Z","id":"abcdef0123"}]';

function fakeRepo(path: string): void {
  mkdirSync(join(path, 'snapshots'), { recursive: true });
  mkdirSync(join(path, 'keys'));
  writeFileSync(join(path, 'config'), 'c');
  writeFileSync(join(path, 'keys', 'k1'), 'key');
  writeFileSync(join(path, 'snapshots', 's1'), 'snap');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-lc-unit-'));
  repo = join(dir, 'repo');
  fakeRepo(repo);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const config = (extra: Record<string, unknown> = {}) => ResticSourceSchema.parse({ kind: 'restic', repo: 'repo', passwordFile: 'pw', ...extra });

describe('listing cache key', () => {
  it('only local repositories qualify', () => {
    expect(localRepoPath('repo', '/srv/app')).toBe('/srv/app/repo');
    expect(localRepoPath('/var/backups/../restic', '/srv/app')).toBe('/var/restic');
    expect(localRepoPath('local:/var/restic', '/srv/app')).toBe('/var/restic');
    expect(localRepoPath('local:rel', '/srv/app')).toBe('/srv/app/rel');
    for (const remote of ['s3:https://h/b', 'sftp:u@h:/r', 'rest:http://h/', 'b2:b:p', 'azure:c:/', 'gs:b:/', 'rclone:r:p', 'swift:c:/p', 'local:', 'local:s3:x']) {
      expect(localRepoPath(remote, '/srv/app')).toBeNull();
    }
  });

  it('the binary is found on PATH as spawn would, with its size and mtime', async () => {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a', 'restic'), 'not executable');
    writeFileSync(join(dir, 'b', 'restic'), '#!/bin/sh\n', { mode: 0o755 });
    const found = await resolveBinary('restic', `${join(dir, 'missing')}:${join(dir, 'a')}:${join(dir, 'b')}`);
    expect(found!.startsWith(`${join(dir, 'b', 'restic')}\0${'#!/bin/sh\n'.length}\0`)).toBe(true);
    writeFileSync(join(dir, 'b', 'restic'), '#!/bin/sh\n# v2\n', { mode: 0o755 });
    expect(await resolveBinary('restic', join(dir, 'b'))).not.toBe(found);
    expect(await resolveBinary('restic', join(dir, 'a'))).toBeNull();
    expect(await resolveBinary('restic', undefined)).toBeNull();
    expect(await resolveBinary(join(dir, 'b', 'restic'), undefined)).toMatch(/restic\0/);
  });

  it('the fingerprint covers snapshots/, keys/ and config, and is null for a non-repo', async () => {
    const first = await repoFingerprint(repo);
    expect(first).toContain('s1:4:');
    writeFileSync(join(repo, 'snapshots', 's2'), 'snap2');
    const second = await repoFingerprint(repo);
    expect(second).not.toBe(first);
    writeFileSync(join(repo, 'keys', 'k2'), 'key2');
    const third = await repoFingerprint(repo);
    expect(third).not.toBe(second);
    utimesSync(join(repo, 'config'), new Date('2020-01-01'), new Date('2020-01-01'));
    expect(await repoFingerprint(repo)).not.toBe(third);
    expect(await repoFingerprint(join(dir, 'nowhere'))).toBeNull();
  });

  it('secret material: the password file or variable, RESTIC_* variables and extra env; none with a password command or an unreadable file', async () => {
    writeFileSync(join(dir, 'pw'), 'one');
    const a = await secretMaterial(config(), dir, {}, {});
    writeFileSync(join(dir, 'pw'), 'two');
    const b = await secretMaterial(config(), dir, {}, {});
    expect(a).not.toBeNull();
    expect(b!.equals(a!)).toBe(false);
    expect((await secretMaterial(config(), dir, { RESTIC_CACHE_DIR: '/x' }, {}))!.equals(b!)).toBe(false);
    expect((await secretMaterial(config(), dir, {}, { AWS_SECRET_ACCESS_KEY: 's' }))!.equals(b!)).toBe(false);
    expect((await secretMaterial(config(), dir, { RESTIC_PROGRESS_FPS: '9' }, {}))!.equals(b!)).toBe(true);
    const byEnv = config({ passwordFile: undefined, passwordEnv: 'PW' });
    expect((await secretMaterial(byEnv, dir, { PW: 'x' }, {}))!.equals((await secretMaterial(byEnv, dir, { PW: 'y' }, {}))!)).toBe(false);
    expect(await secretMaterial(config(), dir, { RESTIC_PASSWORD_COMMAND: 'pass show x' }, {})).toBeNull();
    expect(await secretMaterial(config(), dir, {}, { RESTIC_PASSWORD_COMMAND: 'pass show x' })).toBeNull();
    expect(await secretMaterial(config({ passwordFile: 'missing' }), dir, {}, {})).toBeNull();
    const none = config({ passwordFile: undefined });
    expect(await secretMaterial(none, dir, { RESTIC_PASSWORD_FILE: 'missing' }, {})).toBeNull();
    expect((await secretMaterial(none, dir, { RESTIC_PASSWORD_FILE: 'pw' }, {}))!.includes(Buffer.from('two'))).toBe(true);
  });

  it('the key changes with each input and hides the secret behind the salt', () => {
    const base = { binary: '/usr/bin/restic\x0018\x001', repoPath: repo, args: ['-r', repo, 'snapshots', '--json'], secret: Buffer.from('pw'), salt: Buffer.alloc(32, 1), fingerprint: 'f' };
    const key = listingKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(listingKey({ ...base })).toBe(key);
    for (const change of [{ binary: 'x' }, { repoPath: '/elsewhere' }, { args: ['-r', repo, 'snapshots'] }, { secret: Buffer.from('pw2') }, { salt: Buffer.alloc(32, 2) }, { fingerprint: 'g' }]) {
      expect(listingKey({ ...base, ...change })).not.toBe(key);
    }
  });
});

describe('listing cache store', () => {
  it('lives under the state dir; the salt is made once (0600) and a bad one disables the cache', async () => {
    const cacheDir = listingCacheDir({ XDG_STATE_HOME: join(dir, 'state') });
    expect(cacheDir).toBe(join(dir, 'state', 'opsdeck', 'backup-listings'));
    // concurrent first use, in this process (one salt for all) and as if from another (EEXIST: theirs is read)
    const [salt, same, other] = await Promise.all([listingSalt(cacheDir), listingSalt(cacheDir), listingSalt(`${cacheDir}/`)]);
    expect(salt).toHaveLength(32);
    expect(same!.equals(salt!)).toBe(true);
    expect(other!.equals(salt!)).toBe(true);
    expect(readFileSync(join(cacheDir, '.salt')).equals(salt!)).toBe(true);
    expect(statSync(join(cacheDir, '.salt')).mode & 0o777).toBe(0o600);
    const badDir = join(dir, 'bad');
    mkdirSync(badDir);
    writeFileSync(join(badDir, '.salt'), 'short');
    expect(await listingSalt(badDir)).toBeNull();
    // a failure is not remembered
    writeFileSync(join(badDir, '.salt'), Buffer.alloc(32, 7));
    expect(await listingSalt(badDir)).toEqual(Buffer.alloc(32, 7));
    writeFileSync(join(dir, 'file'), '');
    expect(await listingSalt(join(dir, 'file', 'sub'))).toBeNull();
  });

  it('reads back only a valid record with the same key and repo; writes are atomic and 0600; a failing write is silent', async () => {
    const cacheDir = join(dir, 'cache');
    const key = 'a'.repeat(64);
    expect(await readCachedListing(cacheDir, repo, key)).toBeUndefined();
    await writeCachedListing(cacheDir, repo, key, LISTING, new Date('2026-11-25T00:00:00Z'));
    expect(await readCachedListing(cacheDir, repo, key)).toBe(LISTING);
    expect(await readCachedListing(cacheDir, repo, 'b'.repeat(64))).toBeUndefined();
    const path = listingCachePath(cacheDir, repo);
    const record = JSON.parse(readFileSync(path, 'utf8'));
    expect(record).toEqual({ version: 1, key, repo, savedAt: '2026-11-25T00:00:00.000Z', stdout: LISTING });
    writeFileSync(path, JSON.stringify({ ...record, repo: '/other' }));
    expect(await readCachedListing(cacheDir, repo, key)).toBeUndefined();
    writeFileSync(path, JSON.stringify({ ...record, version: 99 }));
    expect(await readCachedListing(cacheDir, repo, key)).toBeUndefined();
    writeFileSync(path, '\0\0garbage');
    expect(await readCachedListing(cacheDir, repo, key)).toBeUndefined();
    writeFileSync(join(dir, 'blocker'), '');
    await expect(writeCachedListing(join(dir, 'blocker', 'cache'), repo, key, LISTING)).resolves.toBeUndefined();
  });

  it('withListingCache: miss, store, hit; nothing stored when the output is invalid or the repo changed meanwhile', async () => {
    const input = { dir: join(dir, 'cache'), repoPath: repo, binary: 'restic', args: ['snapshots', '--json'], secret: Buffer.from('pw') };
    let runs = 0;
    const list = async () => {
      runs += 1;
      return LISTING;
    };
    expect(await withListingCache(input, list, isSnapshotList)).toEqual({ stdout: LISTING, cached: false });
    expect(await withListingCache(input, list, isSnapshotList)).toEqual({ stdout: LISTING, cached: true });
    expect(runs).toBe(1);
    // a new snapshot written while restic ran: the answer is used, not stored
    writeFileSync(join(repo, 'snapshots', 's2'), 'new');
    let n = 0;
    const racing = async () => {
      runs += 1;
      n += 1;
      writeFileSync(join(repo, 'snapshots', `race${n}`), 'new');
      return LISTING;
    };
    expect((await withListingCache(input, racing, isSnapshotList)).cached).toBe(false);
    expect((await withListingCache(input, list, isSnapshotList)).cached).toBe(false);
    expect((await withListingCache(input, list, isSnapshotList)).cached).toBe(true);
    // malformed output is never stored
    writeFileSync(join(repo, 'snapshots', 's9'), 'x');
    const broken = async () => {
      runs += 1;
      return '[{"time": ';
    };
    expect(await withListingCache(input, broken, isSnapshotList)).toEqual({ stdout: '[{"time": ', cached: false });
    expect(await withListingCache(input, broken, isSnapshotList)).toEqual({ stdout: '[{"time": ', cached: false });
    // a cached record that is well formed but holds no snapshot list is a miss too
    expect((await withListingCache(input, list, isSnapshotList)).cached).toBe(false);
    const path = listingCachePath(input.dir, repo);
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), stdout: '{"not":"a list"}' }));
    expect((await withListingCache(input, list, isSnapshotList)).cached).toBe(false);
    expect((await withListingCache(input, list, isSnapshotList)).cached).toBe(true);
    // not a repo: always runs
    expect((await withListingCache({ ...input, repoPath: join(dir, 'nowhere') }, list, isSnapshotList)).cached).toBe(false);
    expect((await withListingCache({ ...input, repoPath: join(dir, 'nowhere') }, list, isSnapshotList)).cached).toBe(false);
    expect(runs).toBe(9);
  });

  it('isSnapshotList accepts restic output only', () => {
    expect(isSnapshotList(LISTING)).toBe(true);
    expect(isSnapshotList('null')).toBe(true);
    expect(isSnapshotList('[{"id":1}]')).toBe(false);
    expect(isSnapshotList('nope')).toBe(false);
  });
});
