// A pane whose module cannot load (a broken install: a chunk missing) shows one line instead of
// crashing the cockpit; the other panes and keys keep working.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/app.js';
import { ConfigSchema } from '../../models/config.js';
import { createAppStore } from '../../src/store/app-store.js';
import { createTaskRepo } from '../../src/tasks/task-repo.js';

vi.mock('../../components/kpi-pane.js', () => {
  throw new Error("Cannot find module '/opt/opsdeck/dist/chunks/kpi-pane-X1.js'");
});

const root = mkdtempSync(join(tmpdir(), 'opsdeck-pane-load-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a pane module that fails to load', () => {
  it('says so on one line, and the cockpit goes on', async () => {
    mkdirSync(join(root, '.orchestration'));
    writeFileSync(join(root, '.orchestration', 'current.todo'), 'Now:\n  ☐ a task\n');
    writeFileSync(join(root, '.orchestration', 'backlog.todo'), '');
    const store = createAppStore({ taskRepo: createTaskRepo(root), config: ConfigSchema.parse({}), readonly: false, color: false, repoName: 'payments-api' });
    await store.getState().loadTasks();
    const ui = render(<App store={store} />);
    try {
      await store.getState().dispatch('4');
      await vi.waitFor(() => expect(ui.lastFrame()).toContain('cannot load this pane:'), { timeout: 5000 });
      // one line, cut to the width (vitest words the import failure its own way)
      const line = (ui.lastFrame() ?? '').split('\n').find((l) => l.startsWith('cannot load this pane: '));
      expect(line?.length).toBeLessThanOrEqual(store.getState().size.columns);
      await store.getState().dispatch('1');
      await vi.waitFor(() => expect(ui.lastFrame()).toContain('a task'), { timeout: 5000 });
    } finally {
      ui.unmount();
    }
  });
});
