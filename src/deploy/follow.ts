// Follows a detached run from outside: streams its raw log as it grows and reads its journal
// until the run-finished event, or until its runner is gone without one (interrupted).
import { open, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '../../models/run.js';
import { foldRuns, readJournal } from '../runs/journal.js';
import { isPidAlive } from '../runs/proc-group.js';

export type FollowOptions = {
  journal: string;
  /** Raw log text as it arrives (not sanitized: the caller does that for its output). */
  onOutput?: (text: string) => void;
  /** The run record whenever the journal changed. */
  onRecord?: (run: RunRecord) => void;
  pollMs?: number;
  signal?: AbortSignal;
};

/** `n`, or less so that a UTF-8 character cut at the end waits for the next read. */
export function completeUtf8End(buffer: Buffer, n: number): number {
  for (let i = n - 1; i >= Math.max(0, n - 4); i -= 1) {
    const b = buffer[i] ?? 0;
    if ((b & 0x80) === 0) return n;
    if ((b & 0xc0) === 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + need <= n ? n : i;
    }
  }
  return n;
}

async function readFrom(file: string, from: number): Promise<{ text: string; next: number }> {
  const size = await stat(file).then((s) => s.size).catch(() => 0);
  if (size <= from) return { text: '', next: from };
  const handle = await open(file, 'r');
  try {
    const length = Math.min(size - from, 4 * 1024 * 1024);
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await handle.read(buffer, 0, length, from);
    const end = completeUtf8End(buffer, bytesRead);
    return { text: buffer.subarray(0, end).toString('utf8'), next: from + end };
  } finally {
    await handle.close();
  }
}

export async function readRunRecord(root: string, journal: string, runId: string): Promise<RunRecord | undefined> {
  const { events } = await readJournal(root, journal);
  return foldRuns(events.filter((e) => e.runId === runId)).runs[0];
}

/** Whether the run's runner still lives (on another host we cannot tell: assume it does). */
export function runnerAlive(run: RunRecord): boolean {
  return run.started.host !== hostname() || isPidAlive(run.started.pid);
}

/** Resolves with the run's final record; `finished` is undefined when the runner died silently. */
export async function followRun(root: string, runId: string, options: FollowOptions): Promise<RunRecord | undefined> {
  const pollMs = options.pollMs ?? 100;
  let offset = 0;
  let lastEvents = -1;
  let record: RunRecord | undefined;
  let deadAt: number | null = null;
  const drain = async (logPath: string) => {
    for (;;) {
      const { text, next } = await readFrom(join(root, logPath), offset);
      if (next === offset) return;
      offset = next;
      if (text) options.onOutput?.(text);
    }
  };
  while (!options.signal?.aborted) {
    record = await readRunRecord(root, options.journal, runId);
    if (record) {
      await drain(record.started.logPath);
      const count = record.steps.filter((s) => s.startedAt).length + record.steps.filter((s) => s.finished).length + (record.finished ? 1 : 0);
      if (count !== lastEvents) {
        lastEvents = count;
        options.onRecord?.(record);
      }
      if (record.finished) {
        await drain(record.started.logPath);
        return record;
      }
      if (!runnerAlive(record)) {
        // give a runner that just wrote its end one more read
        if (deadAt !== null && Date.now() - deadAt > 500) return record;
        deadAt ??= Date.now();
      }
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return record;
}
