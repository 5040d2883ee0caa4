// The restic listing cache's file (`<state>/backup-listings/<sha256(repo path)>.json`): the last
// `restic snapshots --json` of a local repository under the key of everything it depends on
// (src/backup/listing-cache-key.ts).
import { z } from 'zod';
import { LISTING_CACHE_VERSION } from './backup-constants.js';

export const CachedListingSchema = z.strictObject({
  version: z.literal(LISTING_CACHE_VERSION),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  repo: z.string(),
  savedAt: z.string(),
  stdout: z.string(),
});
export type CachedListing = z.infer<typeof CachedListingSchema>;
