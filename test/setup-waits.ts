// Runs before every test file (vitest setupFiles). vi.waitFor gives up after 1 s by default;
// on a loaded CI machine a watcher, a child process or a module load can take longer than that
// while still being correct. A passing wait returns as soon as its condition holds, so only a
// failing one waits longer. A wait given its own timeout keeps it.
import { vi } from 'vitest';

export const WAIT_TIMEOUT_MS = 5000;

const waitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback, options) => {
  const given = typeof options === 'number' ? { timeout: options } : (options ?? {});
  return waitFor(callback, { ...given, timeout: given.timeout ?? WAIT_TIMEOUT_MS });
}) as typeof vi.waitFor;
