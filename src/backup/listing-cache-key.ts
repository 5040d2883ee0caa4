// The key of a cached `restic snapshots --json` listing: everything its output depends on.
// restic's snapshot and key files are immutable and named by the SHA-256 of their content, so
// the listing of a local repository is fixed by the entries of snapshots/ and keys/ (plus
// config), the password, the restic binary and the arguments. A hit costs a few readdir/stat
// calls. Only local repositories qualify; the password is only ever in the key through a keyed
// hash (HMAC with a random per-machine salt), never stored.
import { createHash, createHmac } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { ResticSourceConfig } from '../../models/backup-config.js';
import { LISTING_CACHE_VERSION } from '../../models/backup-constants.js';


/** The repository's absolute path when it is a local one (a path or `local:PATH`); null otherwise (s3:, sftp:, rest:…). */
export function localRepoPath(repo: string, root: string): string | null {
  const path = repo.startsWith('local:') ? repo.slice('local:'.length) : repo;
  if (path === '' || /^[a-z0-9]+:/i.test(path)) return null;
  return isAbsolute(path) ? resolve(path) : resolve(root, path);
}

/** `name` as spawn finds it on `pathEnv`, with the stat of what it runs; null when missing. */
export async function resolveBinary(name: string, pathEnv: string | undefined): Promise<string | null> {
  const candidates = name.includes('/') ? [name] : (pathEnv ?? '').split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      const info = await stat(candidate);
      if (info.isFile()) return `${candidate}\0${info.size}\0${info.mtimeMs}`;
    } catch {
      // not here; next
    }
  }
  return null;
}

async function entriesOf(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).sort();
  const stats = await Promise.all(names.map((name) => stat(join(dir, name))));
  return names.map((name, i) => `${name}:${stats[i]!.size}:${stats[i]!.mtimeMs}`);
}

/**
 * The state of what `restic snapshots` reads: every entry of snapshots/ and keys/ (restic's
 * local layout keeps both flat) and the stat of config. null when any of it cannot be read.
 */
export async function repoFingerprint(repoPath: string): Promise<string | null> {
  try {
    const [config, snapshots, keys] = await Promise.all([stat(join(repoPath, 'config')), entriesOf(join(repoPath, 'snapshots')), entriesOf(join(repoPath, 'keys'))]);
    return [`config:${config.size}:${config.mtimeMs}`, 'snapshots', ...snapshots, 'keys', ...keys].join('\n');
  } catch {
    return null;
  }
}

/** The secret inputs of a call: the password (file bytes or variable), RESTIC_* variables, the source's extra env. null: not cacheable. */
export async function secretMaterial(config: ResticSourceConfig, root: string, env: NodeJS.ProcessEnv, extra: Record<string, string>): Promise<Buffer | null> {
  const merged: NodeJS.ProcessEnv = { ...env, ...extra };
  // a password command can answer differently each time (and restic runs it): never cached
  if (merged.RESTIC_PASSWORD_COMMAND) return null;
  const parts: Buffer[] = [];
  try {
    if (config.passwordFile) parts.push(Buffer.from('file\0'), await readFile(resolve(root, config.passwordFile)));
    else if (config.passwordEnv) parts.push(Buffer.from(`env\0${merged[config.passwordEnv] ?? ''}`));
    if (merged.RESTIC_PASSWORD_FILE) parts.push(Buffer.from('\0envfile\0'), await readFile(resolve(root, merged.RESTIC_PASSWORD_FILE)));
  } catch {
    return null; // unreadable: restic reports it
  }
  const resticVars = Object.keys(merged)
    .filter((name) => name.startsWith('RESTIC_') && name !== 'RESTIC_PROGRESS_FPS')
    .sort()
    .map((name) => `${name}=${merged[name] ?? ''}`);
  const extraVars = Object.keys(extra)
    .sort()
    .map((name) => `${name}=${extra[name]}`);
  parts.push(Buffer.from(`\0vars\0${resticVars.join('\0')}\0extra\0${extraVars.join('\0')}`));
  return Buffer.concat(parts);
}

export type ListingKeyInput = {
  /** resolveBinary()'s answer. */
  binary: string;
  repoPath: string;
  /** The exact argument list (without the binary). */
  args: readonly string[];
  secret: Buffer;
  /** The per-machine random salt that keys the secret's hash. */
  salt: Buffer;
  fingerprint: string;
};

/** sha256 over the cache version, the binary, the repo, the keyed hash of the secrets, the args and the repo's fingerprint. */
export function listingKey(input: ListingKeyInput): string {
  const secret = createHmac('sha256', input.salt).update(input.secret).digest('hex');
  return createHash('sha256')
    .update([`v${LISTING_CACHE_VERSION}`, input.binary, input.repoPath, secret, JSON.stringify(input.args), input.fingerprint].join('\n\0'))
    .digest('hex');
}
