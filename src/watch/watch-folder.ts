// Live reload without polling: fs.watch on a folder, filtered by file name, with the events of a
// burst folded into one call. fs.watch costs nothing while nothing changes. The task files, the
// run journals and logs, the incident journal and the KPI sources all watch through here.
import { mkdirSync, watch } from 'node:fs';

/**
 * - debounce: one call once the events stop for `ms` (an editor's save is several events);
 * - throttle: one call `ms` after the first event of a burst, however long it lasts, so a
 *   journal written without pause still updates the screen.
 */
export type FoldMode = 'debounce' | 'throttle';

export type Folded = { fire(): void; cancel(): void };

/** Folds calls of `fire()` into calls of `fn`, as `mode` says. */
export function foldCalls(ms: number, mode: FoldMode, fn: () => void): Folded {
  let timer: NodeJS.Timeout | undefined;
  const run = (): void => {
    timer = undefined;
    fn();
  };
  return {
    fire() {
      if (timer && mode === 'throttle') return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, ms);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * fs.watch on a file or folder; `onEvent` gets the changed name (null when the platform did not
 * say). Returns close, or undefined when the path cannot be watched (missing, no permission).
 */
export function watchPath(path: string, onEvent: (name: string | null) => void): (() => void) | undefined {
  try {
    const watcher = watch(path, { persistent: false }, (_event, name) => onEvent(name === null ? null : String(name)));
    watcher.on('error', () => undefined);
    return () => watcher.close();
  } catch {
    return undefined;
  }
}

export type WatchedFolder = {
  dir: string;
  /** The file names that matter (default: all); a null name always counts. */
  names?: ReadonlySet<string> | ((name: string) => boolean);
};

export type WatchFolderOptions = { ms: number; mode?: FoldMode; /** Create missing folders first (a fresh repo). */ create?: boolean };

function matches(names: WatchedFolder['names'], name: string | null): boolean {
  if (name === null || names === undefined) return true;
  return typeof names === 'function' ? names(name) : names.has(name);
}

/**
 * Calls `onChange` (folded) when a matching file in any of the folders changes. Never throws:
 * a folder that cannot be watched (a read-only tree) just gives no live updates. Returns stop.
 */
export function watchFolders(folders: readonly WatchedFolder[], options: WatchFolderOptions, onChange: () => void): () => void {
  let stopped = false;
  const folded = foldCalls(options.ms, options.mode ?? 'debounce', () => {
    if (!stopped) onChange();
  });
  const closers: (() => void)[] = [];
  for (const folder of folders) {
    if (options.create) {
      try {
        mkdirSync(folder.dir, { recursive: true });
      } catch {
        // read-only tree: nothing will change there
      }
    }
    const close = watchPath(folder.dir, (name) => {
      if (!stopped && matches(folder.names, name)) folded.fire();
    });
    if (close) closers.push(close);
  }
  return () => {
    stopped = true;
    folded.cancel();
    for (const close of closers) close();
  };
}

/** watchFolders for one folder. */
export function watchFolder(dir: string, names: WatchedFolder['names'], options: WatchFolderOptions, onChange: () => void): () => void {
  return watchFolders([{ dir, names }], options, onChange);
}
