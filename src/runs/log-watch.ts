// When the log view reads its file. fs.watch fires once per write: a script printing 200,000
// lines costs ~100,000 inotify events, ~0.5 s of CPU in the cockpit and ~40 % more time for the
// script itself. So reads are batched (READ_BATCH_MS), and during a firehose the watcher is closed
// and a timer reads every FIREHOSE_READ_BATCH_MS instead (a batch then outgrows the scrollback and
// is skipped unparsed); once a read finds little new output the watcher is back, plus one read
// for what was written while it was off.
import { watchPath } from '../watch/watch-folder.js';

/** fs.watch fires per write: coalesce reads so a firehose costs one read per batch, not per line. */
const READ_BATCH_MS = 40;
/** A read batch this big (read or skipped) means a firehose: the next read waits FIREHOSE_READ_BATCH_MS. */
export const FIREHOSE_BATCH_BYTES = 256 << 10;
const FIREHOSE_READ_BATCH_MS = 250;

export type LogWatchHooks = {
  /** Reads what is new in the file. */
  pump(): Promise<void>;
  /** Bytes taken in (read or skipped) since the last take; taking resets the count when `reset`. */
  takeBytes(reset: boolean): number;
};

export type LogWatch = { start(): void; close(): void };

export function createLogWatch(path: string, hooks: LogWatchHooks): LogWatch {
  let watcher: (() => void) | undefined;
  let batchTimer: NodeJS.Timeout | undefined;
  let closed = false;

  function stop(): void {
    watcher?.();
    watcher = undefined;
  }

  function schedule(): void {
    if (batchTimer || closed) return;
    const firehose = hooks.takeBytes(true) >= FIREHOSE_BATCH_BYTES;
    if (firehose) stop();
    batchTimer = setTimeout(() => {
      batchTimer = undefined;
      void hooks.pump().then(() => {
        if (closed || watcher) return;
        if (hooks.takeBytes(false) >= FIREHOSE_BATCH_BYTES) {
          schedule();
          return;
        }
        start();
        void hooks.pump();
      });
    }, firehose ? FIREHOSE_READ_BATCH_MS : READ_BATCH_MS);
  }

  function start(): void {
    if (watcher || closed) return;
    watcher = watchPath(path, schedule); // undefined while there is no file yet: a later start retries
  }

  return {
    start,
    close() {
      closed = true;
      stop();
      if (batchTimer) clearTimeout(batchTimer);
    },
  };
}
