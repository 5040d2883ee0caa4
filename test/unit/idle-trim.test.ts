import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadV8Heap, startIdleTrim } from '../../src/cli/idle-trim.js';
import type { HeapControl } from '../../src/cli/idle-trim.js';

function fakeHeap(newSpace: number): HeapControl & { collections: number; newSpace: number } {
  const heap = {
    collections: 0,
    newSpace,
    newSpaceBytes: () => heap.newSpace,
    collect: () => {
      heap.collections += 1;
      heap.newSpace = 1024 * 1024;
    },
  };
  return heap;
}

function fakeStore(): { subscribe: (l: () => void) => () => void; change: () => void; listeners: number } {
  const listeners = new Set<() => void>();
  return {
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    change: () => {
      for (const l of listeners) l();
    },
    get listeners() {
      return listeners.size;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('idle trim', () => {
  it('collects once the store has been quiet, and only while the young generation is grown', async () => {
    vi.useFakeTimers();
    const heap = fakeHeap(16 * 1024 * 1024);
    const store = fakeStore();
    const trim = startIdleTrim({ subscribe: store.subscribe, heap: async () => heap, quietMs: 6000 });
    await vi.advanceTimersByTimeAsync(4000);
    store.change(); // a change re-arms the quiet period
    await vi.advanceTimersByTimeAsync(5000);
    expect(heap.collections).toBe(0);
    await vi.advanceTimersByTimeAsync(1500);
    expect(heap.collections).toBe(1);
    expect(trim.trims()).toBe(1);
    // shrunk now: a later quiet period costs nothing
    store.change();
    await vi.advanceTimersByTimeAsync(7000);
    expect(heap.collections).toBe(1);
    // grown again by a burst: trimmed again after the next quiet period
    heap.newSpace = 8 * 1024 * 1024;
    store.change();
    await vi.advanceTimersByTimeAsync(7000);
    expect(heap.collections).toBe(2);
    trim.stop();
    expect(store.listeners).toBe(0);
  });

  it('does nothing after stop, even when the heap loads late', async () => {
    vi.useFakeTimers();
    const heap = fakeHeap(16 * 1024 * 1024);
    let release: (h: HeapControl) => void = () => undefined;
    const late = new Promise<HeapControl>((resolve) => {
      release = resolve;
    });
    const trim = startIdleTrim({ subscribe: fakeStore().subscribe, heap: () => late, quietMs: 100 });
    await vi.advanceTimersByTimeAsync(200);
    trim.stop();
    release(heap);
    await vi.advanceTimersByTimeAsync(200);
    expect(heap.collections).toBe(0);
  });

  it('reaches V8: a full collection frees what nothing references', async () => {
    const heap = await loadV8Heap();
    expect(heap.newSpaceBytes()).toBeGreaterThan(0);
    let garbage: object | undefined = { payload: new Array(1000).fill('x') };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    // let the current task end so the WeakRef's target is no longer kept alive for this turn
    await new Promise((resolve) => setTimeout(resolve, 0));
    heap.collect();
    expect(ref.deref()).toBeUndefined();
  });
});
