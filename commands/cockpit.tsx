// The cockpit: the Ink TUI over one app store. Resolves the repo, loads the config and the
// keymap, wires the task repo (with live reload) into the store, renders, and cleans up.
import { basename } from 'node:path';
import { render } from 'ink';
import type { Instance } from 'ink';
import { App } from '../components/app.js';
import { EXIT_USAGE } from '../src/errors.js';
import { DEFAULT_KEYMAP } from '../src/keys/default-keymap.js';
import { applyKeyOverrides } from '../src/keys/keymap.js';
import { configPath } from '../src/paths.js';
import { createClockOverlay } from '../src/cli/clock-overlay.js';
import { loadV8Heap, startIdleTrim } from '../src/cli/idle-trim.js';
import { createAppStore, startBackground } from '../src/store/app-store.js';
import { loadConfigCached } from '../src/config/config-cache.js';
import { formatUtcClock } from '../src/store/ui-slice.js';
import { screenSize } from '../src/store/layout.js';
import { createTaskRepo } from '../src/tasks/task-repo.js';
import type { ICliContext } from './cli-context.js';

export const NO_TTY_MESSAGE = 'opsdeck: the cockpit needs a terminal; use a headless command such as `opsdeck tasks`';

export type CockpitStreams = { stdin?: NodeJS.ReadStream; stdout?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv };

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const CLEAR_SCREEN = '\u001b[2J\u001b[H';
const CURSOR_NEXT_LINE = '\u001b[E';
/** The longest a quit waits for background work already under way. */
const SETTLE_ON_QUIT_MS = 2000;

/** Resolves when `work` settles or after `ms`, whichever is first (the timer never holds the loop). */
async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([work.catch(() => undefined), late]);
  clearTimeout(timer);
}

/**
 * Ink 6.8's incremental renderer leaves the cursor below a frame that ends in a newline (every
 * frame shorter than the terminal) but rewinds with cursorUp(lines - 1), so each repaint lands
 * one row lower: duplicated header, stale footer. Ink 7 fixes it but needs Node 22. Dropping the
 * final line advance of each write ("\n" or CSI E) parks the cursor on the frame's last line,
 * which is where that arithmetic expects it. Other writes pass through unchanged.
 */
export function gateFrameChunk(chunk: string): string {
  if (chunk.endsWith('\n')) return chunk.slice(0, -1);
  if (chunk.endsWith(CURSOR_NEXT_LINE)) return chunk.slice(0, -CURSOR_NEXT_LINE.length);
  return chunk;
}

/**
 * stdout for Ink with gateFrameChunk applied to every write, and `afterWrite` called after
 * each (the clock overlay re-stamps itself there); everything else is the real stream.
 */
export function gatedStdout(stdout: NodeJS.WriteStream, afterWrite: () => void = () => undefined): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const ok = (stdout.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? gateFrameChunk(chunk) : chunk, ...rest);
    afterWrite();
    return ok;
  };
  // bound once per method: Ink reads stdout's properties on every frame
  const bound = new Map<PropertyKey, { fn: unknown; bound: unknown }>();
  return new Proxy(stdout, {
    get(target, prop) {
      if (prop === 'write') return write;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const hit = bound.get(prop);
      if (hit?.fn === value) return hit.bound;
      const fresh = (value as (...args: unknown[]) => unknown).bind(target);
      bound.set(prop, { fn: value, bound: fresh });
      return fresh;
    },
  });
}

/** Colour is off with NO_COLOR (any non-empty value), --no-color, or `ui.color: false`. */
export function colorEnabled(flag: boolean | undefined, env: NodeJS.ProcessEnv, configColor: boolean): boolean {
  return flag !== false && !env.NO_COLOR && configColor;
}

export async function runCockpit(ctx: ICliContext, streams: CockpitStreams = {}): Promise<number> {
  const stdin = streams.stdin ?? process.stdin;
  const stdout = streams.stdout ?? process.stdout;
  const env = streams.env ?? process.env;
  if (!stdin.isTTY) {
    ctx.err(NO_TTY_MESSAGE);
    return EXIT_USAGE;
  }
  const root = await ctx.resolveRoot();
  // a config that validated before under this build comes from the cache, without the YAML parser
  const config = await loadConfigCached(root);
  // loadConfig has already checked the remaps, with file:line errors
  const keymap =
    Object.keys(config.keys).length === 0
      ? DEFAULT_KEYMAP
      : applyKeyOverrides(DEFAULT_KEYMAP, config.keys, (await import('../src/config/load-config.js')).displayPath(configPath(root)));
  const globals = ctx.globals();
  const store = createAppStore({
    taskRepo: createTaskRepo(root),
    root,
    clockOverlay: config.ui.clock,
    config,
    keymap,
    readonly: globals.readonly === true,
    color: colorEnabled(globals.color, env, config.ui.color),
    repoName: basename(root),
    size: screenSize(stdout.columns, stdout.rows),
  });
  await store.getState().loadTasks();
  const unwatch = store.getState().watchTasks();
  const clock = createClockOverlay({
    write: (text) => stdout.write(text),
    columns: () => store.getState().size.columns,
    now: store.getState().now,
    format: formatUtcClock,
  });
  const inkStdout = gatedStdout(stdout, clock.stamp);
  const mount = (): Instance =>
    render(<App store={store} />, { stdin, stdout: inkStdout, incrementalRendering: true, exitOnCtrlC: false, patchConsole: false });
  // On a real size change, remount on a clean screen. Ink's incremental renderer keeps the
  // previous frame and skips lines that did not change, which after a clear (or a terminal
  // that dropped rows) would stay blank; a fresh instance draws every line once. Registered
  // before render() so it runs before Ink's own resize listener. The store keeps all state.
  let instance: Instance | undefined;
  const onResize = () => {
    const next = screenSize(stdout.columns, stdout.rows);
    const { size, setSize } = store.getState();
    if (!instance || (next.columns === size.columns && next.rows === size.rows)) return;
    const old = instance;
    instance = undefined;
    old.unmount();
    stdout.write(CLEAR_SCREEN);
    setSize(next);
    instance = mount();
  };
  stdout.on('resize', onResize);
  stdout.write(ENTER_ALT_SCREEN);
  instance = mount();
  if (config.ui.clock) clock.start();
  // every pane's background work (watchers, refreshes, GPU sampling) starts after the first frame
  const stopBackground = startBackground(store);
  // once the store has been quiet for a while, give the young generation back (src/cli/idle-trim.ts)
  const trim = startIdleTrim({ subscribe: store.subscribe, heap: loadV8Heap });
  try {
    // a resize swaps the instance; the cockpit ends when the current one exits
    for (let current = instance; ; current = instance) {
      await current.waitUntilExit();
      if (current === instance || store.getState().exitRequested) break;
      while (!instance) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    clock.stop();
    const settled = stopBackground();
    trim.stop();
    stdout.off('resize', onResize);
    unwatch();
    instance?.cleanup();
    stdout.write(LEAVE_ALT_SCREEN);
    // work already under way (a journal reconcile, a watcher's start) ends before we return,
    // but a slow one never holds up the quit for long
    await settleWithin(settled, SETTLE_ON_QUIT_MS);
  }
  return 0;
}
