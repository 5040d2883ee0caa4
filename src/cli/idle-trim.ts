// Gives memory back once the cockpit goes quiet. Start-up (and any burst: a chat reply, a KPI
// recompute) grows V8's young generation to 16 MB, and an idle process allocates so little
// that no collection ever shrinks it again: the cockpit sat at ~97 MB RSS while idle, against
// ~83 MB after one full collection (measured here; the Ink hello world is 64 MiB). V8 shrinks
// the young generation in a full collection only when the allocation rate of the last ~5 s is
// low (measured: a collection 5 s after a burst keeps 16 MB, one at 6 s shrinks it to 1 MB), so
// the trim runs once nothing has changed in the store for 6 s, and only while the young
// generation is still grown. A 30 MB heap collects in ~10 ms, never on the start-up path.
// (`--max-semi-space-size=1` would keep it small from the start, but costs start-up time.)

/** Quiet time after the last store change before trimming. */
export const IDLE_TRIM_QUIET_MS = 6000;
/** Trim only when the young generation holds more than this (it shrinks to ~1 MB). */
export const IDLE_TRIM_MIN_NEW_SPACE = 4 * 1024 * 1024;

/** Collections after one that did not shrink the young generation, per quiet period. */
const MAX_RETRIES = 3;

export type HeapControl = {
  /** Physical bytes of the young generation now. */
  newSpaceBytes: () => number;
  /** Runs one full collection. */
  collect: () => void;
};

export type IdleTrimOptions = {
  /** Subscribes to "something happened"; returns unsubscribe. */
  subscribe: (listener: () => void) => () => void;
  /** The heap, loaded when the first trim is due. */
  heap: () => Promise<HeapControl>;
  quietMs?: number;
  minNewSpace?: number;
};

export type IdleTrimHandle = { stop: () => void; trims: () => number };

export function startIdleTrim(options: IdleTrimOptions): IdleTrimHandle {
  const quietMs = options.quietMs ?? IDLE_TRIM_QUIET_MS;
  const minNewSpace = options.minNewSpace ?? IDLE_TRIM_MIN_NEW_SPACE;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let count = 0;
  let retries = 0;
  const fire = async (): Promise<void> => {
    timer = undefined;
    const heap = await options.heap();
    if (stopped || heap.newSpaceBytes() <= minNewSpace) return;
    heap.collect();
    count += 1;
    // allocation without store changes (a watcher, a child's output) can keep V8 from
    // shrinking: try again after another quiet period, a few times
    if (heap.newSpaceBytes() > minNewSpace && retries < MAX_RETRIES) {
      retries += 1;
      schedule();
    }
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void fire(), quietMs);
    timer.unref();
  };
  const arm = (): void => {
    retries = 0;
    schedule();
  };
  const unsubscribe = options.subscribe(arm);
  arm();
  return {
    stop: () => {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    trims: () => count,
  };
}

let v8Heap: Promise<HeapControl> | undefined;

/**
 * The young generation's size and V8's full collection, without starting node with
 * --expose-gc: the flag exposes `gc` to contexts made after it is set (the way Jest's
 * --logHeapUsage gets it). node:v8 and node:vm load on the first call.
 */
export function loadV8Heap(): Promise<HeapControl> {
  v8Heap ??= Promise.all([import('node:v8'), import('node:vm')]).then(([v8, vm]) => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    return {
      newSpaceBytes: () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.physical_space_size ?? 0,
      collect: () => gc(),
    };
  });
  return v8Heap;
}
