// The incident badge, the Incidents pane and the `i` declare flow over the real store, the
// real incident journal in a temp dir and ink-testing-library; the clock is injected.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/app.js';
import { tickerRunning } from '../../components/incident-tick.js';
import { ConfigSchema } from '../../models/config.js';
import type { ConfigInput } from '../../models/config.js';
import { createIncidentActions } from '../../src/incident/incident-actions.js';
import { createAppStore } from '../../src/store/app-store.js';
import type { AppStore } from '../../src/store/app-store.js';
import { startIncident } from '../../src/store/incident-slice.js';
import { createTaskRepo } from '../../src/tasks/task-repo.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIX = join(ROOT, 'test', 'fixtures', 'incident');
const T0 = Date.parse('2026-11-26T10:00:00.000Z');

type Harness = ReturnType<typeof render> & { store: AppStore; root: string; clock: { t: number }; cleanupAll: () => Promise<void> };
const harnesses: Harness[] = [];

async function start(options: { readonly?: boolean; color?: boolean; config?: ConfigInput; root?: string } = {}): Promise<Harness> {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'opsdeck-incident-ui-'));
  mkdirSync(join(root, '.orchestration'), { recursive: true });
  writeFileSync(join(root, '.orchestration', 'current.todo'), 'P:\n  ☐ something\n');
  copyFileSync(join(ROOT, 'examples', 'demo', '.orchestration', 'sop.md'), join(root, '.orchestration', 'sop.md'));
  const clock = { t: T0 };
  const store = createAppStore({
    taskRepo: createTaskRepo(root),
    root,
    config: ConfigSchema.parse(options.config ?? {}),
    readonly: options.readonly ?? false,
    color: options.color ?? true,
    repoName: 'payments-api',
    now: () => new Date(clock.t),
    services: { incidents: { who: 'dana@box' } },
  });
  await store.getState().loadTasks();
  const stop = startIncident(store);
  await vi.waitFor(() => expect(store.getState().incident.snapshot).not.toBeNull());
  const ui = render(<App store={store} />);
  const harness: Harness = {
    ...ui,
    store,
    root,
    clock,
    cleanupAll: async () => {
      ui.unmount();
      await stop();
      if (!options.root) rmSync(root, { recursive: true, force: true });
    },
  };
  harnesses.push(harness);
  return harness;
}

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanupAll();
});

const frame = (h: Harness) => h.lastFrame() ?? '';
const header = (h: Harness) => frame(h).split('\n')[0] ?? '';

async function press(h: Harness, keys: string, expected: string | RegExp) {
  h.stdin.write(keys);
  await vi.waitFor(() => expect(frame(h)).toMatch(expected));
}

async function declare(h: Harness, priority: string, title: string) {
  await press(h, 'i', /Declare incident: priority P1-P4: █/);
  await press(h, priority, new RegExp(`priority P1-P4: ${priority}█`));
  await press(h, '\r', /title: █/);
  h.stdin.write(title);
  await vi.waitFor(() => expect(frame(h)).toContain(`${title}█`));
  await press(h, '\r', /declared P\d INC-/);
}

describe('incident badge', () => {
  it('shows nothing and runs no timer while no incident is open', async () => {
    const h = await start();
    expect(header(h)).not.toContain('[P');
    expect(tickerRunning()).toBe(false);
    expect(frame(h)).toContain('No open incidents.');
  });

  it('declares with i from the dashboard, counts down, and turns to SLA BREACHED', async () => {
    const h = await start({ config: { incidents: { sla: { P1: '2 minutes' } } } });
    await declare(h, '1', 'payments down');
    await vi.waitFor(() => expect(header(h)).toContain('[P1 unacked 02:00 left]'));
    expect(tickerRunning()).toBe(true);
    expect(h.store.getState().view).toBe('dashboard');
    const events = readFileSync(join(h.root, '.orchestration', 'incidents.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(events[0] ?? '{}')).toMatchObject({ event: 'opened', priority: 'P1', title: 'payments down', who: 'dana@box', at: '2026-11-26T10:00:00.000Z' });
    h.clock.t = T0 + 90_000;
    await vi.waitFor(() => expect(header(h)).toContain('[P1 unacked 00:30 left]'), { timeout: 3000 });
    h.clock.t = T0 + 125_000;
    await vi.waitFor(() => expect(header(h)).toContain('[P1 unacked SLA BREACHED +00:05]'), { timeout: 3000 });
    expect(header(h).split('\n')).toHaveLength(1);
  });

  it('says it in plain words without colour, and shows the highest priority with a count of others', async () => {
    const h = await start({ color: false });
    const actions = createIncidentActions({ root: h.root, now: () => new Date(h.clock.t) });
    await actions.open('P3', 'reports slow');
    await actions.open('P2', 'webhooks delayed');
    await vi.waitFor(() => expect(header(h)).toContain('[P2 unacked 4h 00m left +1]'), { timeout: 3000 });
    h.clock.t = T0 + 5 * 3_600_000;
    await vi.waitFor(() => expect(header(h)).toContain('[P2 unacked SLA BREACHED +1h 00m +1]'), { timeout: 3000 });
    expect(frame(h)).not.toContain('\u001b[');
  });
});

describe('incidents pane', () => {
  it('notes, acknowledges, resolves with a cause and exports the postmortem from the keys', async () => {
    const root = mkdtempSync(join(tmpdir(), 'opsdeck-incident-ui-'));
    mkdirSync(join(root, '.orchestration'));
    copyFileSync(join(FIX, 'deploys.jsonl'), join(root, '.orchestration', 'deploys.jsonl'));
    try {
      const h = await start({ root });
      await press(h, '5', /No incidents\. Press i to declare one/);
      await declare(h, 'P2', 'webhooks delayed');
      await vi.waitFor(() => expect(frame(h)).toMatch(/> P2 [0-9a-f]{4} open +04:00:00|> P2 [0-9a-f]{4} open +4h 00m left +webhooks delayed/));
      expect(frame(h)).toContain('respond within 1 hour, SLA 4 hours');

      await press(h, 'n', /Note on INC-\d{8}-\d{6}-[0-9a-f]{4}: █/);
      h.stdin.write('consumer stuck');
      await vi.waitFor(() => expect(frame(h)).toContain('consumer stuck█'));
      await press(h, '\r', /✎ dana: consumer stuck/);

      await press(h, 'a', /acknowledged INC-/);
      expect(frame(h)).toMatch(/> P2 [0-9a-f]{4} acknowledged/);
      expect(frame(h)).toContain('acked 10:00 by dana');

      await press(h, 'R', /cause run id \(Enter: none\): █/);
      h.stdin.write('1a2b');
      await vi.waitFor(() => expect(frame(h)).toContain('1a2b█'));
      await press(h, '\r', /resolved INC-.* \(cause 20261120-084500-deploy-1a2b\)/);
      expect(frame(h)).toMatch(/P2 [0-9a-f]{4} resolved +met/);
      expect(frame(h)).toContain('0 open · 1 total');

      await press(h, 'e', /wrote \.orchestration\/incidents\/INC-.*\.md/);
      const id = h.store.getState().incident.selectedId ?? '';
      const md = readFileSync(join(root, '.orchestration', 'incidents', `${id}.md`), 'utf8');
      expect(md).toContain('Caused by run `20261120-084500-deploy-1a2b`');
      await press(h, 'e', /already exists/);

      const ask = vi.fn();
      h.store.setState({ askAboutThis: ask });
      h.stdin.write('A');
      await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
      expect(ask.mock.calls[0]?.[0]).toMatchObject({ label: `incident ${id}`, text: expect.stringContaining('consumer stuck') });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('moves the selection with j/k and reports bad priorities and journal lines', async () => {
    const h = await start();
    const actions = createIncidentActions({ root: h.root, now: () => new Date(h.clock.t) });
    await actions.open('P3', 'third');
    await actions.open('P1', 'first');
    await press(h, '5', /2 open · 2 total/);
    await vi.waitFor(() => expect(frame(h)).toMatch(/> P1 [0-9a-f]{4} open/));
    await press(h, 'j', /> P3 [0-9a-f]{4} open/);
    await press(h, 'k', /> P1 [0-9a-f]{4} open/);
    await press(h, 'G', /> P3/);
    await press(h, 'g', /> P1/);
    await press(h, 'i', /priority P1-P4: █/);
    h.stdin.write('P7');
    await vi.waitFor(() => expect(frame(h)).toContain('P7█'));
    await press(h, '\r', /priority must be P1, P2, P3 or P4, not "P7"/);
    writeFileSync(join(h.root, '.orchestration', 'incidents.jsonl'), `${readFileSync(join(h.root, '.orchestration', 'incidents.jsonl'), 'utf8')}garbage\n`);
    await vi.waitFor(() => expect(frame(h)).toContain('1 problem line: .orchestration/incidents.jsonl:3: not JSON'), { timeout: 3000 });
    await press(h, 'p', /New priority for INC-.*: P1█/);
    h.stdin.write('\u007f2');
    await press(h, '\r', /is now P2/);
  });

  it('pages through a long timeline with PgUp/PgDn', async () => {
    const h = await start();
    const actions = createIncidentActions({ root: h.root, now: () => new Date(h.clock.t) });
    const { incident } = await actions.open('P2', 'long one');
    for (let i = 1; i <= 30; i += 1) await actions.note(incident.id, `note number ${i} here`);
    await press(h, '5', /note number 30 here/);
    expect(frame(h)).not.toContain('note number 1 here');
    expect(frame(h)).toMatch(/\d+ earlier \(PgUp\/PgDn\)/);
    for (let i = 0; i < 6; i += 1) h.stdin.write('\u001b[5~');
    await vi.waitFor(() => expect(frame(h)).toContain('note number 1 here'));
    expect(frame(h)).toContain('opened as P2: long one');
    expect(frame(h)).not.toContain('note number 30 here');
    await press(h, '\u001b[6~', /0 earlier, \d+ newer|\d+ earlier, \d+ newer/);
  });

  it('disables the mutating keys in read-only mode', async () => {
    const h = await start({ readonly: true });
    await press(h, 'i', /read-only: "declare incident" is disabled/);
    await press(h, '5', /No incidents/);
    await press(h, 'n', /read-only: "note" is disabled/);
  });

  it("shows another cockpit's incident and note live", async () => {
    const h = await start();
    await press(h, '5', /No incidents/);
    const other = createIncidentActions({ root: h.root, who: 'tomas@other', now: () => new Date(h.clock.t) });
    const { incident } = await other.open('P2', 'from the other cockpit');
    await vi.waitFor(() => expect(frame(h)).toContain('from the other cockpit'), { timeout: 1000 });
    await other.note(incident.id, 'note from tomas');
    await vi.waitFor(() => expect(frame(h)).toContain('✎ tomas: note from tomas'), { timeout: 1000 });
    expect(existsSync(join(h.root, '.orchestration', 'incidents.jsonl'))).toBe(true);
  });
});
