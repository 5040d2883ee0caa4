// abortRun: SIGTERM to the runner's process group, a grace period, then SIGKILL; the runner
// records `interrupted` itself when it can, else the aborter does once the group is gone.
import { hostname } from 'node:os';
import { UserError } from '../errors.js';
import { groupMembers, signalGroup } from './proc-group.js';
import { journalsOf, readRuns } from './read-runs.js';
import { markInterrupted, runnerAlive } from './reconcile.js';

const DEFAULT_GRACE_MS = 5000;
const POLL_MS = 50;
/** After SIGKILL the kernel needs a moment before the group is gone. */
const KILL_WAIT_MS = 3000;

async function waitForGroupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (groupMembers(pgid).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export async function abortRun(root: string, runId: string, options: { graceMs?: number } = {}): Promise<void> {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  let found: { journal: string } | undefined;
  for (const journal of journalsOf()) {
    const { runs } = await readRuns(root, journal);
    const run = runs.find((r) => r.id === runId);
    if (!run) continue;
    found = { journal };
    if (run.finished) return;
    if (run.started.host !== hostname()) throw new UserError(`run ${runId} runs on ${run.started.host}; abort it there`);
    const pgid = run.started.pid;
    if (runnerAlive(run) || groupMembers(pgid).length > 0) {
      signalGroup(pgid, 'SIGTERM');
      if (!(await waitForGroupGone(pgid, graceMs))) {
        signalGroup(pgid, 'SIGKILL');
        await waitForGroupGone(pgid, KILL_WAIT_MS);
      }
    }
    // the runner recorded the end itself unless it was killed: then the aborter does
    const after = (await readRuns(root, journal)).runs.find((r) => r.id === runId);
    if (after && !after.finished) await markInterrupted(root, journal, after, `aborted: the runner did not stop within ${graceMs} ms and was killed`);
    return;
  }
  if (!found) throw new UserError(`no run ${runId} in ${journalsOf().join(' or ')}`);
}
