// Backup constants without zod: the source adapters read these on their way to the first
// restic call, before zod (~190 KB) has loaded. models/backup-listing-cache.ts builds on them.

/** The restic listing cache's format version: bumped whenever its key or file changes shape. */
export const LISTING_CACHE_VERSION = 1;
