// The shared watcher: real fs.watch on temp folders, real timers.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { foldCalls, watchFolder, watchFolders, watchPath } from '../../src/watch/watch-folder.js';

const dirs: string[] = [];
const stops: (() => void)[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'opsdeck-watch-'));
  dirs.push(d);
  return d;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterEach(() => {
  for (const s of stops.splice(0)) s();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('foldCalls', () => {
  it('debounce: one call after the burst ends; throttle: one call per window of a burst', () => {
    vi.useFakeTimers();
    try {
      const debounced = vi.fn();
      const throttled = vi.fn();
      const d = foldCalls(100, 'debounce', debounced);
      const t = foldCalls(100, 'throttle', throttled);
      for (let i = 0; i < 5; i += 1) {
        d.fire();
        t.fire();
        vi.advanceTimersByTime(60);
      }
      // events at 0, 60, …, 240 ms: throttle called at 100 and 220 (a third is due at 340), debounce not yet
      expect(throttled).toHaveBeenCalledTimes(2);
      expect(debounced).not.toHaveBeenCalled();
      vi.advanceTimersByTime(100);
      expect(debounced).toHaveBeenCalledTimes(1);
      expect(throttled).toHaveBeenCalledTimes(3);
      d.fire();
      d.cancel();
      vi.advanceTimersByTime(500);
      expect(debounced).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('watchFolder', () => {
  it('calls once for a burst of writes to a watched name and never for other names', async () => {
    const dir = tmp();
    const onChange = vi.fn();
    stops.push(watchFolder(dir, new Set(['a.jsonl']), { ms: 40 }, onChange));
    writeFileSync(join(dir, 'other.txt'), 'x');
    await sleep(120);
    expect(onChange).not.toHaveBeenCalled();
    for (let i = 0; i < 10; i += 1) appendFileSync(join(dir, 'a.jsonl'), `${i}\n`);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 2000 });
    await sleep(120);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('creates a missing folder when asked, and a folder it cannot watch is no error', async () => {
    const dir = join(tmp(), 'fresh', '.orchestration');
    const onChange = vi.fn();
    stops.push(watchFolders([{ dir }, { dir: join(tmp(), 'missing') }], { ms: 20, create: false }, onChange));
    stops.push(watchFolder(dir, (n) => n.startsWith('deploys'), { ms: 20, mode: 'throttle', create: true }, onChange));
    writeFileSync(join(dir, 'deploys.jsonl'), '{}\n');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 2000 });
  });

  it('stop closes the watcher and cancels a pending call', async () => {
    const dir = tmp();
    const onChange = vi.fn();
    const stop = watchFolder(dir, undefined, { ms: 200 }, onChange);
    writeFileSync(join(dir, 'x'), '1');
    await sleep(50);
    stop();
    writeFileSync(join(dir, 'x'), '2');
    await sleep(300);
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('watchPath', () => {
  it('watches one file and says undefined for a missing one', async () => {
    const dir = tmp();
    const file = join(dir, 'run.log');
    expect(watchPath(file, () => undefined)).toBeUndefined();
    writeFileSync(file, '');
    const seen: (string | null)[] = [];
    const close = watchPath(file, (name) => seen.push(name));
    expect(close).toBeTypeOf('function');
    stops.push(close as () => void);
    appendFileSync(file, 'line\n');
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0), { timeout: 2000 });
  });
});
