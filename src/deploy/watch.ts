// Live reload without polling: fs.watch on `.orchestration/` for the deploy journal, and on a
// run's log for the log view. Changes are coalesced (~50 ms) so a firehose costs one read per
// window, never one per line.
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanStreamText } from '../runs/stream-clean.js';
import { foldCalls, watchFolder, watchPath } from '../watch/watch-folder.js';

const COALESCE_MS = 50;
/** The log view reads at most this much of the end of a log. */
const TAIL_BYTES = 256 * 1024;
export const MAX_LOG_LINES = 5000;

/** Calls onChange (coalesced) when `.orchestration/deploys.jsonl` changes; returns stop. */
export function watchDeployJournal(root: string, onChange: () => void): () => void {
  return watchFolder(join(root, '.orchestration'), (name) => name.startsWith('deploys.jsonl'), { ms: COALESCE_MS, mode: 'throttle', create: true }, onChange);
}

/** Log text as display lines: sanitized (no escape sequence survives), redacted, `\r` rewrites applied. */
export function logLines(text: string): string[] {
  const clean = cleanStreamText(text, { keepSgr: false, keepCr: true });
  return clean.split('\n').map((line) => {
    const parts = line.split('\r').filter((p) => p !== '');
    return (parts.at(-1) ?? '').replace(/\t/g, '  ');
  });
}

/** The last lines of a log file (at most MAX_LOG_LINES from its last TAIL_BYTES). */
export async function readLogTail(file: string): Promise<string[]> {
  const size = await stat(file).then((s) => s.size).catch(() => -1);
  if (size <= 0) return [];
  const from = Math.max(0, size - TAIL_BYTES);
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(size - from);
    await handle.read(buffer, 0, buffer.length, from);
    let lines = logLines(buffer.toString('utf8'));
    if (from > 0) lines = lines.slice(1);
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-MAX_LOG_LINES);
  } finally {
    await handle.close();
  }
}

/** Re-reads the log's tail whenever it changes (coalesced); returns stop. */
export function tailLog(file: string, onLines: (lines: string[]) => void): () => void {
  let stopped = false;
  const read = () => {
    void readLogTail(file).then((lines) => {
      if (!stopped) onLines(lines);
    }).catch(() => undefined);
  };
  const folded = foldCalls(COALESCE_MS, 'throttle', read);
  const close = watchPath(file, () => folded.fire());
  read();
  return () => {
    stopped = true;
    folded.cancel();
    close?.();
  };
}
