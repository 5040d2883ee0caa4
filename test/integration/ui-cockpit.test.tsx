// The cockpit's components over the real store and the real task repo, on real todo files in
// a temp dir, driven through ink-testing-library.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/app.js';
import { ConfigSchema } from '../../models/config.js';
import { createAppStore } from '../../src/store/app-store.js';
import type { AppStore } from '../../src/store/app-store.js';
import { createTaskRepo } from '../../src/tasks/task-repo.js';

const TODO = [
  'Release 1.3:',
  '  ☐ write the release notes @high',
  '  ☐ rehearse the rollback',
  'On-call:',
  '  ☐ rotate the pager key @critical',
  '  ✔ old done thing @done(25-01-01 10:00)',
  '',
].join('\n');
const BACKLOG = 'Later:\n  ☐ migrate to the new queue\n';

type Harness = ReturnType<typeof render> & { store: AppStore; root: string; onExit: () => void; cleanupAll: () => void };
const harnesses: Harness[] = [];

function todoPath(root: string, file = 'current.todo'): string {
  return join(root, '.orchestration', file);
}

async function start(options: { readonly?: boolean; color?: boolean; todo?: string } = {}): Promise<Harness> {
  const root = mkdtempSync(join(tmpdir(), 'opsdeck-ui-'));
  mkdirSync(join(root, '.orchestration'));
  writeFileSync(todoPath(root), options.todo ?? TODO);
  writeFileSync(todoPath(root, 'backlog.todo'), BACKLOG);
  const store = createAppStore({
    taskRepo: createTaskRepo(root),
    config: ConfigSchema.parse({}),
    readonly: options.readonly ?? false,
    color: options.color ?? true,
    repoName: 'payments-api',
  });
  await store.getState().loadTasks();
  const unwatch = store.getState().watchTasks();
  const onExit = vi.fn();
  const ui = render(<App store={store} onExit={onExit} />);
  const harness: Harness = {
    ...ui,
    store,
    root,
    onExit,
    cleanupAll: () => {
      unwatch();
      ui.unmount();
      rmSync(root, { recursive: true, force: true });
    },
  };
  harnesses.push(harness);
  return harness;
}

afterEach(() => {
  for (const h of harnesses.splice(0)) h.cleanupAll();
});

const frame = (h: Harness) => h.lastFrame() ?? '';

async function press(h: Harness, keys: string, expected: string | RegExp) {
  h.stdin.write(keys);
  await vi.waitFor(() => expect(frame(h)).toMatch(expected));
}

describe('cockpit UI', () => {
  it('renders the dashboard: header, six tiles, footer, within rows-1 lines', async () => {
    const h = await start();
    const f = frame(h);
    expect(f).toContain('payments-api');
    expect(f).toContain('env: staging');
    expect(f).toMatch(/\d\d:\d\d:\d\d UTC/);
    for (const title of ['1 Tasks', '2 Deploy', '3 Backups', '4 KPIs', '5 Incidents', '6 Chat', '7 GPU']) expect(f).toContain(title);
    expect(f).toContain('3 active');
    expect(f).toContain('1 critical');
    expect(f).not.toContain('Not built yet');
    expect(f).toContain('? help');
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
  });

  it('opens Tasks with 1, moves with j/k, and marks the focused task done on disk with d', async () => {
    const h = await start();
    await press(h, '1', /rehearse the rollback/);
    expect(frame(h)).toContain('Release 1.3:');
    expect(frame(h)).not.toContain('old done thing');
    expect(frame(h)).toMatch(/> ☐ write the release notes/);
    await press(h, 'j', /> ☐ rehearse the rollback/);
    await press(h, 'k', /> ☐ write the release notes/);
    await press(h, 'j', /> ☐ rehearse the rollback/);
    h.stdin.write('d');
    await vi.waitFor(() => expect(readFileSync(todoPath(h.root), 'utf8')).toMatch(/✔ rehearse the rollback @done\(/));
    await vi.waitFor(() => expect(frame(h)).not.toContain('☐ rehearse the rollback'));
    expect(frame(h)).toContain('> ☐ rotate the pager key');
    const lines = readFileSync(todoPath(h.root), 'utf8').split('\n');
    expect(lines.filter((line, i) => line !== TODO.split('\n')[i])).toHaveLength(1);
  });

  it('follows fast keys sent in one burst (no stale handler)', async () => {
    const h = await start();
    h.stdin.write('1');
    await vi.waitFor(() => expect(frame(h)).toContain('rehearse'));
    h.stdin.write('jjd');
    await vi.waitFor(() => expect(readFileSync(todoPath(h.root), 'utf8')).toMatch(/✔ rotate the pager key @critical @done\(/));
  });

  it('filters with / live and clears the filter with Esc', async () => {
    const h = await start();
    await press(h, '1', /rehearse/);
    await press(h, '/', /\/█/);
    await press(h, 'PAGER', /filter: PAGER/);
    expect(frame(h)).toContain('rotate the pager key');
    expect(frame(h)).not.toContain('rehearse');
    await press(h, '\r', /rotate the pager key/);
    await press(h, '\x1b', /rehearse/);
    expect(frame(h)).not.toContain('filter:');
  });

  it('shows help built from the keymap, and Esc closes it', async () => {
    const h = await start();
    await press(h, '1', /rehearse/);
    await press(h, '?', /Keys/);
    for (const text of ['Navigation', 'Tasks', 'done', 'd/space', 'j/↓', 'priority']) expect(frame(h)).toContain(text);
    await press(h, '\x1b', /rehearse/);
    // Esc and the next key in one read (Alt+key to Ink) are both honoured
    await press(h, '?', /Keys/);
    await press(h, '\x1b3', /3 Backups/);
    expect(frame(h)).not.toContain('Keys');
    expect(h.store.getState().view).toBe('backups');
  });

  it('completes :ba to :backups in the palette and opens that pane', async () => {
    const h = await start();
    await press(h, ':', /:█/);
    await press(h, 'ba', /:ba█/);
    await press(h, '\t', /:backups█/);
    await press(h, '\r', /3 Backups/);
    await vi.waitFor(() => expect(h.store.getState().view).toBe('backups'));
    await press(h, '\x1b', /5 Incidents/);
    await press(h, ':nope\r', /unknown command ":nope"/);
  });

  it('quits with q', async () => {
    const h = await start();
    h.stdin.write('q');
    await vi.waitFor(() => expect(h.onExit).toHaveBeenCalled());
    expect(h.store.getState().exitRequested).toBe(true);
  });

  it('refuses mutating keys in --readonly and shows them disabled', async () => {
    const h = await start({ readonly: true });
    expect(frame(h)).toContain('READ-ONLY');
    await press(h, '1', /rehearse/);
    expect(frame(h)).toMatch(/read-only: .*off/);
    await press(h, 'd', /read-only: "done" is disabled/);
    expect(readFileSync(todoPath(h.root), 'utf8')).toBe(TODO);
    await press(h, '?', /✗ = disabled \(read-only\)/);
    expect(frame(h)).toContain('✗d/space  done');
    expect(frame(h)).toContain(' j/↓      down');
  });

  it('shows a change made on disk by someone else', async () => {
    const h = await start();
    await press(h, '1', /rehearse/);
    writeFileSync(todoPath(h.root), `${TODO}  ☐ page the database team\n`);
    await vi.waitFor(() => expect(frame(h)).toContain('page the database team'), { timeout: 5000 });
  });

  it('adds a task to the focused project through the prompt, keeping the text across a reload', async () => {
    const h = await start();
    await press(h, '1', /rehearse/);
    await press(h, 'a', /Add to current › Release 1.3: █/);
    await press(h, 'tag the ', /tag the █/);
    writeFileSync(todoPath(h.root), `${TODO}  ☐ external change\n`);
    await vi.waitFor(() => expect(h.store.getState().snapshot?.tasks.some((t) => t.text === 'external change')).toBe(true), { timeout: 5000 });
    await press(h, 'release', /tag the release█/);
    h.stdin.write('\r');
    await vi.waitFor(() => expect(readFileSync(todoPath(h.root), 'utf8')).toMatch(/rehearse the rollback\n\s+☐ tag the release\n/));
  });

  it('writes no colour at all when colour is off', async () => {
    const h = await start({ color: false });
    await press(h, '1', /rehearse/);
    expect(frame(h)).not.toContain('\u001b[');
    expect(frame(h)).toContain('> ☐ write the release notes');
  });
});
