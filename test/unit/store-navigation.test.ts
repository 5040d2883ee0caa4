// The app store's UI slice through its dispatcher: navigation, overlays, the palette, the
// filter, read-only refusals, the quit confirmation while a flow runs, and remapped keys.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../models/config.js';
import type { ConfigInput } from '../../models/config.js';
import { createAppStore } from '../../src/store/app-store.js';
import type { AppStore } from '../../src/store/app-store.js';
import { createTaskRepo } from '../../src/tasks/task-repo.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function makeStore(options: { readonly?: boolean; config?: ConfigInput } = {}): Promise<AppStore> {
  const root = mkdtempSync(join(tmpdir(), 'opsdeck-store-'));
  dirs.push(root);
  mkdirSync(join(root, '.orchestration'));
  writeFileSync(join(root, '.orchestration', 'current.todo'), 'Ops:\n  ☐ one\n  ☐ two @high\n');
  const store = createAppStore({
    taskRepo: createTaskRepo(root),
    config: ConfigSchema.parse(options.config ?? {}),
    readonly: options.readonly ?? false,
    color: true,
    now: () => new Date('2026-01-10T12:00:00Z'),
  });
  await store.getState().loadTasks();
  return store;
}

async function keys(store: AppStore, ...names: string[]): Promise<void> {
  for (const name of names) await store.getState().dispatch(name);
}

describe('navigation', () => {
  it('opens panes with 1-7, cycles with Tab / Shift-Tab, and Esc goes back to the dashboard', async () => {
    const store = await makeStore();
    expect(store.getState().view).toBe('dashboard');
    await keys(store, '3');
    expect(store.getState().view).toBe('backups');
    await keys(store, 'tab');
    expect(store.getState().view).toBe('kpi');
    await keys(store, 'shift+tab', 'shift+tab', 'shift+tab', 'shift+tab');
    expect(store.getState().view).toBe('gpu');
    await keys(store, 'tab');
    expect(store.getState().view).toBe('tasks');
    await keys(store, 'escape');
    expect(store.getState().view).toBe('dashboard');
    expect(store.getState().focusedTile).toBe(0);
  });

  it('moves the focused tile on the dashboard and opens it with Enter', async () => {
    const store = await makeStore();
    await keys(store, 'tab', 'l');
    expect(store.getState().focusedTile).toBe(2);
    await keys(store, 'j');
    expect(store.getState().focusedTile).toBe(5);
    await keys(store, 'j');
    expect(store.getState().focusedTile).toBe(5);
    await keys(store, 'shift+tab', 'k');
    expect(store.getState().focusedTile).toBe(1);
    await keys(store, 'return');
    expect(store.getState().view).toBe('deploy');
  });

  it('opens and closes help with ? and Esc, ignoring other keys meanwhile', async () => {
    const store = await makeStore();
    await keys(store, '?');
    expect(store.getState().overlay.kind).toBe('help');
    await keys(store, '3');
    expect(store.getState().view).toBe('dashboard');
    await keys(store, 'escape');
    expect(store.getState().overlay.kind).toBe('none');
  });
});

describe('command palette', () => {
  it('completes with Tab and runs with Enter', async () => {
    const store = await makeStore();
    await keys(store, ':', 'b', 'a', 'tab');
    expect(store.getState().input).toBe('backups');
    await keys(store, 'return');
    expect(store.getState().view).toBe('backups');
    expect(store.getState().overlay.kind).toBe('none');
  });

  it('reports an unknown command and erases with backspace', async () => {
    const store = await makeStore();
    await keys(store, ':', 'x', 'y', 'backspace');
    expect(store.getState().input).toBe('x');
    await keys(store, 'return');
    expect(store.getState().message).toMatchObject({ tone: 'error', text: expect.stringContaining('unknown command ":x"') });
    await keys(store, ':', 'q', 'u', 'i', 't', 'return');
    expect(store.getState().exitRequested).toBe(true);
  });

  it('does not treat typed letters as commands', async () => {
    const store = await makeStore();
    await keys(store, ':', 'q', '1');
    expect(store.getState().exitRequested).toBe(false);
    expect(store.getState().view).toBe('dashboard');
    await keys(store, 'escape');
    expect(store.getState().overlay.kind).toBe('none');
    expect(store.getState().input).toBe('');
  });
});

describe('filter', () => {
  it('filters live, Enter keeps the filter, Esc clears it before leaving the pane', async () => {
    const store = await makeStore();
    await keys(store, '1', '/', 'h', 'i');
    expect(store.getState().filters.tasks).toBe('hi');
    expect(store.getState().taskView().taskRows).toHaveLength(1);
    await keys(store, 'return');
    expect(store.getState().overlay.kind).toBe('none');
    expect(store.getState().filters.tasks).toBe('hi');
    await keys(store, 'escape');
    expect(store.getState().filters.tasks).toBe('');
    expect(store.getState().view).toBe('tasks');
    await keys(store, '/', 'o', 'escape');
    expect(store.getState().filters.tasks).toBe('');
    await keys(store, 'escape');
    expect(store.getState().view).toBe('dashboard');
  });
});

describe('read-only', () => {
  it('refuses mutating actions with a message and opens no prompt', async () => {
    const store = await makeStore({ readonly: true });
    await keys(store, '1', 'a');
    expect(store.getState().overlay.kind).toBe('none');
    expect(store.getState().message?.text).toMatch(/read-only: "add" is disabled/);
    await keys(store, 'j');
    expect(store.getState().message).toBeNull();
    expect(store.getState().cursors.tasks?.index).toBe(1);
  });
});

describe('quit', () => {
  it('quits at once with q or Ctrl-C when nothing runs', async () => {
    const a = await makeStore();
    await keys(a, 'q');
    expect(a.getState().exitRequested).toBe(true);
    const b = await makeStore();
    await keys(b, 'ctrl+c');
    expect(b.getState().exitRequested).toBe(true);
  });

  it('asks first while a flow is running; N keeps going, y quits', async () => {
    const store = await makeStore();
    store.getState().flowStarted();
    await keys(store, 'ctrl+c');
    expect(store.getState().overlay.kind).toBe('confirm-quit');
    expect(store.getState().exitRequested).toBe(false);
    expect(store.getState().message?.text).toMatch(/Quit anyway\? \(y\/N\)/);
    await keys(store, 'return');
    expect(store.getState().overlay.kind).toBe('none');
    expect(store.getState().exitRequested).toBe(false);
    await keys(store, 'q', 'y');
    expect(store.getState().exitRequested).toBe(true);
  });

  it('quits on a second Ctrl-C, and stops asking once flows end', async () => {
    const store = await makeStore();
    store.getState().flowStarted();
    await keys(store, 'ctrl+c', 'ctrl+c');
    expect(store.getState().exitRequested).toBe(true);
    const other = await makeStore();
    other.getState().flowStarted();
    other.getState().flowEnded();
    await keys(other, 'ctrl+c');
    expect(other.getState().exitRequested).toBe(true);
  });
});

describe('remapped keys from config', () => {
  it('uses config keys and drops the defaults they replace', async () => {
    const store = await makeStore({ config: { keys: { quit: 'Q', 'cursor-down': ['n'] } } });
    await keys(store, 'q');
    expect(store.getState().exitRequested).toBe(false);
    await keys(store, '1', 'n');
    expect(store.getState().cursors.tasks?.index).toBe(1);
    await keys(store, 'Q');
    expect(store.getState().exitRequested).toBe(true);
  });

  it('rejects an unknown action id in config', async () => {
    await expect(makeStore({ config: { keys: { 'no-such-action': 'z' } } })).rejects.toThrow(/keys\.no-such-action: unknown action/);
  });
});

describe('screen size and the clock', () => {
  it('keeps the size and bumps the minute only when it changes', async () => {
    let now = new Date('2026-01-10T12:00:10Z');
    const root = mkdtempSync(join(tmpdir(), 'opsdeck-store-'));
    dirs.push(root);
    const store = createAppStore({ taskRepo: createTaskRepo(root), config: ConfigSchema.parse({}), readonly: false, color: false, now: () => now });
    const minute = store.getState().minute;
    now = new Date('2026-01-10T12:00:50Z');
    store.getState().tick();
    expect(store.getState().minute).toBe(minute);
    now = new Date('2026-01-10T12:01:01Z');
    store.getState().tick();
    expect(store.getState().minute).toBe(minute + 1);
    store.getState().setSize({ columns: 120, rows: 40 });
    expect(store.getState().size).toEqual({ columns: 120, rows: 40 });
    expect(store.getState().environment).toBe('staging');
  });
});
