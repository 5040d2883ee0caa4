// The tasks slice over the real task repo on real files: cursor by id across reloads, edits
// in key order, refusals as messages, prompts that survive reloads.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../models/config.js';
import { createAppStore } from '../../src/store/app-store.js';
import type { AppStore } from '../../src/store/app-store.js';
import { createTaskRepo } from '../../src/tasks/task-repo.js';

const TODO = 'Ops:\n  ☐ alpha\n  ☐ bravo @high\n  ☐ charlie\nDocs:\n  ☐ delta\n';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function setup(todo = TODO): Promise<{ store: AppStore; file: string; backlog: string }> {
  const root = mkdtempSync(join(tmpdir(), 'opsdeck-tasks-'));
  dirs.push(root);
  mkdirSync(join(root, '.orchestration'));
  const file = join(root, '.orchestration', 'current.todo');
  const backlog = join(root, '.orchestration', 'backlog.todo');
  writeFileSync(file, todo);
  writeFileSync(backlog, 'Later:\n  ☐ echo\n');
  const now = () => new Date(2026, 0, 10, 12, 0);
  const store = createAppStore({ taskRepo: createTaskRepo(root, { now }), config: ConfigSchema.parse({}), readonly: false, color: true, now });
  await store.getState().loadTasks();
  await store.getState().dispatch('1');
  return { store, file, backlog };
}

async function keys(store: AppStore, ...names: string[]): Promise<void> {
  for (const name of names) await store.getState().dispatch(name);
}

const focused = (store: AppStore) => store.getState().focusedTask()?.text;

describe('tasks slice', () => {
  it('moves the cursor with j k g G and pages', async () => {
    const { store } = await setup();
    expect(focused(store)).toBe('alpha');
    await keys(store, 'j', 'down');
    expect(focused(store)).toBe('charlie');
    await keys(store, 'G');
    expect(focused(store)).toBe('delta');
    await keys(store, 'j');
    expect(focused(store)).toBe('delta');
    await keys(store, 'g');
    expect(focused(store)).toBe('alpha');
    await keys(store, 'pagedown');
    expect(focused(store)).toBe('delta');
    await keys(store, 'pageup', 'k');
    expect(focused(store)).toBe('alpha');
  });

  it('keeps the cursor on the same task when lines are added above it', async () => {
    const { store, file } = await setup();
    await keys(store, 'j', 'j');
    expect(focused(store)).toBe('charlie');
    writeFileSync(file, `Urgent:\n  ☐ zulu\n  ☐ yankee\n${TODO}`);
    await store.getState().loadTasks();
    expect(focused(store)).toBe('charlie');
    expect(store.getState().cursors.tasks?.index).toBe(4);
  });

  it('marks done, starts, cycles priority, cancels, reopens and moves, writing the files', async () => {
    const { store, file, backlog } = await setup();
    await keys(store, 'd');
    expect(readFileSync(file, 'utf8')).toMatch(/✔ alpha @done\(26-01-10 12:00\)/);
    expect(focused(store)).toBe('bravo');
    await keys(store, 's');
    expect(readFileSync(file, 'utf8')).toMatch(/☐ bravo @high @started\(26-01-10 12:00\)/);
    await keys(store, 'p');
    expect(readFileSync(file, 'utf8')).toMatch(/☐ bravo @started\(26-01-10 12:00\) @low\n/);
    await keys(store, 'p');
    expect(readFileSync(file, 'utf8')).not.toMatch(/bravo @(low|high|critical)/);
    await keys(store, 'p');
    expect(readFileSync(file, 'utf8')).toMatch(/bravo.*@critical/);
    await keys(store, 'j', 'x');
    expect(readFileSync(file, 'utf8')).toMatch(/✘ charlie @cancelled/);
    await keys(store, 'v');
    const charlie = store.getState().snapshot?.tasks.find((t) => t.text === 'charlie');
    await keys(store, 'g');
    for (let i = 0; i < 5 && focused(store) !== 'charlie'; i += 1) await keys(store, 'j');
    expect(focused(store)).toBe('charlie');
    expect(charlie?.state).toBe('cancelled');
    await keys(store, 'o');
    expect(readFileSync(file, 'utf8')).toMatch(/☐ charlie\n/);
    await keys(store, 'm');
    expect(readFileSync(backlog, 'utf8')).toContain('charlie');
    expect(readFileSync(file, 'utf8')).not.toContain('charlie');
    expect(store.getState().message?.text).toMatch(/^moved: charlie/);
  });

  it('shows a refused stale edit as a message and never overwrites', async () => {
    const { store, file } = await setup();
    const changed = 'Ops:\n  ☐ alpha changed by someone\n  ☐ bravo @high\n  ☐ charlie\nDocs:\n  ☐ delta\n';
    writeFileSync(file, changed);
    await keys(store, 'd');
    expect(store.getState().message?.tone).toBe('error');
    expect(store.getState().message?.text).toMatch(/changed on disk/);
    expect(readFileSync(file, 'utf8')).toBe(changed);
    expect(store.getState().snapshot?.tasks.map((t) => t.text)).toContain('alpha changed by someone');
  });

  it('adds to the focused project and edits text through prompts; the buffer survives a reload', async () => {
    const { store, file } = await setup();
    await keys(store, 'G', 'a', 'n', 'e', 'w');
    expect(store.getState().overlay).toMatchObject({ kind: 'prompt', prompt: { purpose: 'add', project: ['Docs'] } });
    writeFileSync(file, `${TODO}  ☐ foxtrot\n`);
    await store.getState().loadTasks();
    expect(store.getState().input).toBe('new');
    await keys(store, 'space', 'o', 'n', 'e', 'return');
    expect(readFileSync(file, 'utf8')).toMatch(/Docs:\n {2}☐ delta\n {2}☐ foxtrot\n {2}☐ new one\n|Docs:\n {2}☐ delta\n {2}☐ new one\n {2}☐ foxtrot\n/);
    expect(focused(store)).toBe('new one');
    await keys(store, 'e');
    expect(store.getState().input).toBe('new one');
    await keys(store, 'backspace', 'backspace', 'backspace', 'b', 'i', 'e', 'return');
    expect(readFileSync(file, 'utf8')).toContain('☐ new bie\n');
    expect(focused(store)).toBe('new bie');
  });

  it('an empty prompt changes nothing; Esc discards it', async () => {
    const { store, file } = await setup();
    await keys(store, 'a', 'return');
    expect(store.getState().message?.text).toMatch(/nothing typed/);
    await keys(store, 'e', 'z', 'escape');
    expect(readFileSync(file, 'utf8')).toBe(TODO);
  });

  it('v shows done, cancelled and the backlog in a second section', async () => {
    const { store } = await setup('Ops:\n  ☐ alpha\n  ✔ done one @done(26-01-01 10:00)\n');
    expect(store.getState().taskView().taskRows).toHaveLength(1);
    await keys(store, 'v');
    const labels = store.getState().taskView().rows.map((r) => (r.kind === 'task' ? r.task.text : r.label));
    expect(labels).toEqual(['Current (2)', 'Ops', 'alpha', 'done one', 'Backlog (1)', 'Later', 'echo']);
  });

  it('says so when there is no task to act on', async () => {
    const { store } = await setup('Empty:\n');
    await keys(store, 'd');
    expect(store.getState().message?.text).toBe('no task selected');
  });
});
