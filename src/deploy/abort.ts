// Aborting a run (`x`, then y): src/runs abortRun sends SIGTERM to the runner's process group,
// waits the grace period, sends SIGKILL; the journal records `interrupted`.
import type { RunRecord } from '../../models/run.js';
import { UserError } from '../errors.js';

export async function abortDeployRun(root: string, run: RunRecord): Promise<void> {
  const { hostname } = await import('node:os');
  if (run.started.host !== hostname()) throw new UserError(`run ${run.id} runs on ${run.started.host}: abort it there`);
  const { abortRun } = await import('../runs/abort-run.js');
  await abortRun(root, run.id, {});
}
