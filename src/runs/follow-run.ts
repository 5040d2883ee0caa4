// `opsdeck runs follow`: streams a run's raw log through redaction and the sanitizer until the
// run has finished and its log is read to the end.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { RunRecord } from '../../models/run.js';
import { cleanStreamText, openPemStart, PEM_HOLD_LIMIT } from './stream-clean.js';
import { isRunLive, readRuns } from './read-runs.js';
import { reconcileRuns } from './reconcile.js';

export type FollowOptions = {
  /** Keep SGR colours (a colour terminal). */
  keepSgr: boolean;
  /** Keep lone `\r` (a terminal: progress bars redraw in place). */
  keepCr: boolean;
  /** How often to look for more output (default 100 ms). */
  pollMs?: number;
  /** May mark a dead run interrupted (false under --readonly). */
  reconcile?: boolean;
};

/** Big reads: one redaction pass and one sanitizer check per MB, not per line. */
const CHUNK = 1 << 20;

async function findRun(root: string, runId: string): Promise<RunRecord | undefined> {
  return (await readRuns(root)).runs.find((r) => r.id === runId);
}

/** Streams the log of `runId` to `write` (whole lines, sanitized) until the run ends; returns the finished run. */
export async function followRun(root: string, runId: string, write: (text: string) => void, options: FollowOptions): Promise<RunRecord> {
  let run = await findRun(root, runId);
  if (!run) throw new Error(`no run ${runId}`);
  const handle = await open(join(root, run.started.logPath), 'r');
  const decoder = new StringDecoder('utf8');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let offset = 0;
  let pending = '';
  const emit = (text: string): void => {
    if (text) write(cleanStreamText(text, { keepSgr: options.keepSgr, keepCr: options.keepCr }));
  };
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, offset);
      if (bytesRead > 0) {
        offset += bytesRead;
        pending += decoder.write(buffer.subarray(0, bytesRead));
        // whole lines; on a terminal also up to the last `\r`, so progress bars move live
        let cut = Math.max(pending.lastIndexOf('\n'), options.keepCr ? pending.lastIndexOf('\r') : -1);
        // a private key cut by this read waits for its END line, so the redactor sees all of it
        const held = openPemStart(pending.slice(0, cut + 1));
        if (held >= 0 && pending.length - held <= PEM_HOLD_LIMIT) cut = held - 1;
        if (cut >= 0) {
          emit(pending.slice(0, cut + 1));
          pending = pending.slice(cut + 1);
        }
        continue;
      }
      // at the end of the log: done once the run has finished (its last words are written before)
      run = (await findRun(root, runId)) ?? run;
      if (run.finished) break;
      if (!isRunLive(run)) {
        if (options.reconcile !== false) await reconcileRuns(root);
        run = (await findRun(root, runId)) ?? run;
        if (run.finished || options.reconcile === false) break;
      }
      await new Promise((r) => setTimeout(r, options.pollMs ?? 100));
    }
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
      pending += decoder.write(buffer.subarray(0, bytesRead));
    }
    pending += decoder.end();
    emit(pending.endsWith('\n') || pending === '' ? pending : `${pending}\n`);
  } finally {
    await handle.close();
  }
  return run;
}
