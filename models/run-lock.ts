// The per-environment deploy lock: `.orchestration/locks/ENV.lock`, created atomically
// (O_EXCL) by the launcher and rewritten with the runner's pid once the runner is up.
import { z } from 'zod';

export const RunLockSchema = z.object({
  env: z.string(),
  /** `user@host` of whoever launched the run. */
  who: z.string(),
  /** The host the runner runs on; a lock from another host is never treated as stale. */
  host: z.string(),
  /** The pid holding the lock: the launcher at first, then the runner (its process group leader). */
  pid: z.number().int(),
  runId: z.string(),
  /** ISO 8601 UTC. */
  startedAt: z.string(),
});
export type RunLock = z.infer<typeof RunLockSchema>;
