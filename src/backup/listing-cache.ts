// The restic listing cache: `<state>/backup-listings/<sha256(repo path)>.json` (0600) holds the
// last `restic snapshots --json` output of a local repository under the key of everything that
// output depends on (listing-cache-key.ts). Anything unreadable, mismatched or corrupt is a miss,
// never an error; a listing is written only after restic succeeded and its JSON parsed, and only
// when the repository did not change while restic ran.
import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LISTING_CACHE_VERSION } from '../../models/backup-constants.js';
import type { CachedListing } from '../../models/backup-listing-cache.js';
import { stateDir } from '../paths.js';
import { listingKey, repoFingerprint } from './listing-cache-key.js';

export const LISTING_CACHE_DIR = 'backup-listings';
const SALT_FILE = '.salt';
const SALT_BYTES = 32;

export function listingCacheDir(env: NodeJS.ProcessEnv): string {
  return join(stateDir(env), LISTING_CACHE_DIR);
}

export function listingCachePath(dir: string, repoPath: string): string {
  return join(dir, `${createHash('sha256').update(repoPath).digest('hex')}.json`);
}

async function readSalt(path: string): Promise<Buffer | null> {
  const salt = await readFile(path);
  return salt.length === SALT_BYTES ? salt : null;
}

async function loadSalt(dir: string): Promise<Buffer | null> {
  const path = join(dir, SALT_FILE);
  try {
    return await readSalt(path);
  } catch {
    // first use
  }
  // written whole under a temporary name, then linked into place: a reader never sees half a salt
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const salt = randomBytes(SALT_BYTES);
    await writeFile(temp, salt, { flag: 'wx', mode: 0o600 });
    await link(temp, path);
    return salt;
  } catch (error) {
    // another process made it first: use theirs; a state dir that is not writable: no cache
    return (error as NodeJS.ErrnoException).code === 'EEXIST' ? readSalt(path).catch(() => null) : null;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

const salts = new Map<string, Promise<Buffer | null>>();

/** The per-machine random salt (made on first use, 0600; read once per process); null when it cannot be had. */
export function listingSalt(dir: string): Promise<Buffer | null> {
  let salt = salts.get(dir);
  if (!salt) {
    salt = loadSalt(dir);
    salts.set(dir, salt);
    // only a salt is remembered: a failure is tried again next time
    void salt.then((value) => value ?? salts.delete(dir));
  }
  return salt;
}

/**
 * The cached stdout for exactly this key; undefined on any miss. The key is compared before the
 * schema (and zod) loads: a changed repo misses without it, on the way to its restic call.
 */
export async function readCachedListing(dir: string, repoPath: string, key: string): Promise<string | undefined> {
  try {
    const raw: unknown = JSON.parse(await readFile(listingCachePath(dir, repoPath), 'utf8'));
    if (typeof raw !== 'object' || raw === null || (raw as { key?: unknown }).key !== key) return undefined;
    const { CachedListingSchema } = await import('../../models/backup-listing-cache.js');
    const parsed = CachedListingSchema.safeParse(raw);
    return parsed.success && parsed.data.repo === repoPath ? parsed.data.stdout : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a listing atomically (0600); failures are ignored (it is only a cache). */
export async function writeCachedListing(dir: string, repoPath: string, key: string, stdout: string, now: Date = new Date()): Promise<void> {
  try {
    const { default: writeFileAtomic } = await import('write-file-atomic');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const record: CachedListing = { version: LISTING_CACHE_VERSION, key, repo: repoPath, savedAt: now.toISOString(), stdout };
    // no fsync: a cache file lost to a crash is only a miss (the rename keeps it whole or absent)
    await writeFileAtomic(listingCachePath(dir, repoPath), `${JSON.stringify(record)}\n`, { mode: 0o600, fsync: false });
  } catch {
    // a read-only state dir: no cache
  }
}

export type ListingCacheInput = {
  dir: string;
  repoPath: string;
  /** resolveBinary()'s answer. */
  binary: string;
  args: readonly string[];
  secret: Buffer;
};

/**
 * Answers from the cache when the repository is unchanged (and the cached stdout is `valid`);
 * otherwise runs `list` (restic) and stores its stdout once `valid(stdout)` holds and the repo
 * still has the fingerprint it had before the call. `cached` says which it was.
 */
export async function withListingCache(input: ListingCacheInput, list: () => Promise<string>, valid: (stdout: string) => boolean | Promise<boolean>): Promise<{ stdout: string; cached: boolean }> {
  const [salt, before] = await Promise.all([listingSalt(input.dir), repoFingerprint(input.repoPath)]);
  if (!salt || before === null) return { stdout: await list(), cached: false };
  const key = listingKey({ ...input, salt, fingerprint: before });
  const hit = await readCachedListing(input.dir, input.repoPath, key);
  if (hit !== undefined && (await valid(hit))) return { stdout: hit, cached: true };
  // the writer loads while restic runs, not after it
  const writer = import('write-file-atomic').catch(() => undefined);
  const stdout = await list();
  if ((await valid(stdout)) && (await repoFingerprint(input.repoPath)) === before) {
    await writer;
    await writeCachedListing(input.dir, input.repoPath, key, stdout);
  }
  return { stdout, cached: false };
}
