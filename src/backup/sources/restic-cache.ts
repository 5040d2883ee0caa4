// The restic adapter's use of the listing cache (src/backup/listing-cache.ts): local
// repositories with a password from a file or a variable only; everything else runs restic.
import type { ResticSourceConfig } from '../../../models/backup-config.js';
import type { ResticSnapshots } from '../../../models/backup-status.js';
import { listingCacheDir, withListingCache } from '../listing-cache.js';
import { localRepoPath, resolveBinary, secretMaterial } from '../listing-cache-key.js';
import { extraEnv } from './restic-args.js';
import type { SourceContext } from './types.js';

/** restic's stdout, whether it came from the cache, and its snapshots when the cache already validated them. */
export type ResticAnswer = { stdout: string; cached: boolean; snapshots?: ResticSnapshots };

/**
 * restic's stdout for `argv` (argv[0] is the binary): from the cache when the local repository
 * is unchanged since the cached call, else from `run()` (then cached).
 */
export async function cachedListing(config: ResticSourceConfig, context: SourceContext, argv: readonly string[], run: () => Promise<string>): Promise<ResticAnswer> {
  const repoPath = localRepoPath(config.repo, context.root);
  if (repoPath === null) return { stdout: await run(), cached: false };
  const [binary, secret] = await Promise.all([resolveBinary(argv[0]!, context.env.PATH), secretMaterial(config, context.root, context.env, extraEnv(config, context.env))]);
  if (binary === null || secret === null) return { stdout: await run(), cached: false };
  // the check that decides what may be cached parses the snapshots: they are handed on, not parsed again
  let checked: { stdout: string; snapshots: ResticSnapshots } | undefined;
  const valid = async (stdout: string): Promise<boolean> => {
    const { readSnapshots } = await import('./restic-parse.js');
    try {
      checked = { stdout, snapshots: readSnapshots(stdout) };
      return true;
    } catch {
      return false;
    }
  };
  const answer = await withListingCache({ dir: listingCacheDir(context.env), repoPath, binary, args: argv.slice(1), secret }, run, valid);
  return checked?.stdout === answer.stdout ? { ...answer, snapshots: checked.snapshots } : answer;
}
