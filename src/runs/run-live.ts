// Whether a run is still going: zod-free, so the deploy tile can tell at start-up without
// loading the journal reader.
import { hostname } from 'node:os';
import type { RunRecord } from '../../models/run.js';
import { isPidAlive } from './proc-group.js';

/** A run is live while it has no run-finished and its runner is alive (or on another host). */
export function isRunLive(run: RunRecord): boolean {
  if (run.finished) return false;
  return run.started.host !== hostname() || isPidAlive(run.started.pid);
}
