// Restart delays for a dead nvidia-smi (pure): 1 s, 2 s, 4 s … capped at 60 s.
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 60_000;

/** The delay before restart number `attempt` (1 = the first restart after a death). */
export function backoffDelay(attempt: number, baseMs: number = BACKOFF_BASE_MS, maxMs: number = BACKOFF_MAX_MS): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2 ** 1024 is Infinity; Math.min caps it
  return Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 1023));
}
