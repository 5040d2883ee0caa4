// The deploy flow in a real terminal (tmux) from the shipped bundle: a production deploy with
// the typed confirmation in the demo, a SIGHUP mid-deploy that the run survives, two cockpits
// and one lock, and a cockpit started later that follows a running deploy.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeDeployRepo } from '../fixtures/deploy/make-repo.js';
import { e2eScope, OPSDECK_BIN as BIN, sleep } from '../helpers/e2e-scope.js';
import type { TmuxSession } from '../helpers/tmux-session.js';

const scope = e2eScope();
const session = (): TmuxSession => scope.session();

/** Types text one key at a time, as a person does (each send-keys is its own read). */
async function typeSlowly(tmux: TmuxSession, text: string): Promise<void> {
  for (const ch of text) {
    await tmux.sendText(ch);
    await sleep(40);
  }
}

function journalText(root: string): string {
  const file = join(root, '.orchestration', 'deploys.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

async function waitForJournal(root: string, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = journalText(root);
    if (pattern.test(text)) return text;
    await sleep(100);
  }
  throw new Error(`journal never matched ${pattern}:\n${journalText(root)}`);
}

/** From the Deploy pane: deploy the given version row to the env row, ticking everything. */
async function deployVia(tmux: TmuxSession, envDown: number, versionDown: number, checksDone: RegExp): Promise<void> {
  await tmux.sendKeys('d');
  await tmux.waitFor('· env');
  for (let i = 0; i < envDown; i += 1) await tmux.sendKeys('j');
  await tmux.sendKeys('Enter');
  await tmux.waitFor('new tag from HEAD');
  for (let i = 0; i < versionDown; i += 1) await tmux.sendKeys('j');
  await tmux.sendKeys('Enter');
  await tmux.waitFor(checksDone, 20_000);
  await tmux.sendKeys('a');
  await tmux.waitFor('Ready');
  await tmux.sendKeys('Enter');
}

// Each test drives a real terminal through a whole deploy; on a busy 2-core box that takes a while.
describe('deploy in tmux', { timeout: 120_000 }, () => {
  it('deploys to production in the demo with the typed confirmation', async () => {
    const state = scope.tempDir('opsdeck-state-');
    const tmux = session();
    await tmux.start(`${BIN} --demo`, { cols: 100, rows: 30, env: { XDG_STATE_HOME: state, OPSDECK_DEMO_SPEED: '0' } });
    await tmux.waitFor('UTC', 15_000);
    const demoDir = join(state, 'opsdeck', 'demo');
    const root = join(demoDir, readdirSync(demoDir)[0] ?? '', 'payments-api');
    await tmux.sendKeys('2');
    await tmux.waitFor('History of staging');
    await deployVia(tmux, 1, 1, /Checks \(5\/5 passed\)/);
    await tmux.waitFor('PRODUCTION. Type "production"');
    await sleep(400);
    await tmux.sendKeys('Enter');
    await tmux.waitFor('Enter alone never confirms');
    await typeSlowly(tmux, 'production');
    await tmux.waitFor('> production');
    // the demo ships a deploy history: nothing was added to it before the confirmation
    const history = journalText(root);
    expect(history).toContain('"result":"success"');
    // a deliberate Enter after a pause (keys a busy box delivered together need one)
    await sleep(400);
    await tmux.sendKeys('Enter');
    await tmux.waitFor('deploy success', 30_000);
    await vi.waitFor(() => expect(journalText(root).slice(history.length)).toContain('"result":"success"'), { timeout: 20_000 });
    const added = journalText(root).slice(history.length);
    expect(added).toContain('"env":"production"');
    expect(added).toContain('"version":"v1.2.3"');
    await tmux.sendKeys('Escape');
    await tmux.waitFor(/production\s+v1\.2\.3/);
    await tmux.sendKeys('q');
    expect(await tmux.exitCode()).toBe(0);
  });

  it('a deploy survives the terminal dying (SIGHUP) and records success', async () => {
    const root = await makeDeployRepo();
    scope.removeAfter(root);
    const tmux = session();
    await tmux.start(`${BIN} --root ${root}`, { cols: 100, rows: 30, env: { SLOW: '3' } });
    await tmux.waitFor('UTC');
    await tmux.sendKeys('2');
    await tmux.waitFor('History of staging');
    await deployVia(tmux, 0, 1, /Checks \(2\/2 passed\)/);
    await tmux.waitFor('Proceed?');
    await sleep(400);
    await tmux.sendKeys('y');
    await tmux.waitFor('deploying v1.2.0 to staging');
    expect(journalText(root)).not.toContain('run-finished');
    await tmux.kill();
    const journal = await waitForJournal(root, /"event":"run-finished"/);
    expect(journal).toContain('"result":"success"');
    expect(readFileSync(join(root, '.state', 'deployed-staging'), 'utf8').trim()).toBe('v1.2.0');
  });

  it('two cockpits, one lock: the second is refused and told who holds it; a later cockpit follows the run', async () => {
    const root = await makeDeployRepo();
    scope.removeAfter(root);
    const a = session();
    await a.start(`${BIN} --root ${root}`, { cols: 100, rows: 30, env: { SLOW: '6' } });
    await a.waitFor('UTC');
    await a.sendKeys('2');
    await a.waitFor('History of staging');
    await deployVia(a, 0, 1, /Checks \(2\/2 passed\)/);
    await a.waitFor('Proceed?');
    await sleep(400);
    await a.sendKeys('y');
    await a.waitFor('deploying v1.2.0 to staging');

    const b = session();
    await b.start(`${BIN} --root ${root}`, { cols: 100, rows: 30 });
    await b.waitFor('UTC');
    await b.sendKeys('2');
    // the later cockpit sees the live run on the table and follows its log
    await b.waitFor(/staging .*▶ deploy v1\.2\.0 running/);
    await b.sendKeys('Enter');
    await b.waitFor('deploying v1.2.0 to staging');
    await b.sendKeys('Escape');
    await b.waitFor('History of staging');
    // the lock is found before the confirmation is asked: who holds it, which run, since when
    await deployVia(b, 0, 2, /Checks \(2\/2 passed\)/);
    const refused = await b.waitFor('Refused: staging is locked');
    expect(refused).toMatch(/by +\S+@\S+ · pid \d+/);
    expect(refused).toMatch(/since +\d\d:\d\d:\d\d UTC/);
    expect(refused).toMatch(/now +running/);
    // the first cockpit quits (asks, then detaches); the run goes on and b sees it end
    await a.sendKeys('C-c');
    await a.waitFor('Quit anyway?');
    await a.sendKeys('y');
    expect(await a.exitCode()).toBe(0);
    // Esc steps back through the wizard to the table
    for (let i = 0; i < 6 && !(await b.capture()).includes('History of staging'); i += 1) {
      await b.sendKeys('Escape');
      await sleep(150);
    }
    await b.waitFor(/staging\s+v1\.2\.0/, 20_000);
    const journal = await waitForJournal(root, /"result":"success"/);
    expect(journal.match(/"event":"run-started"/g)).toHaveLength(1);
  });

  it('the headless deploy asks for the typed name on a terminal; a wrong name cancels', async () => {
    const root = await makeDeployRepo();
    scope.removeAfter(root);
    const wrong = session();
    await wrong.start(`${BIN} --root ${root} deploy production v1.2.0`, { cols: 100, rows: 30 });
    await wrong.waitFor('Type "production" to confirm', 20_000);
    await wrong.sendText('staging');
    await wrong.sendKeys('Enter');
    expect(await wrong.exitCode(20_000)).toBe(1);
    expect(await wrong.capture()).toContain('cancelled; nothing was run');
    expect(journalText(root)).toBe('');
    const right = session();
    await right.start(`${BIN} --root ${root} deploy production v1.2.0`, { cols: 100, rows: 30 });
    await right.waitFor('Type "production" to confirm', 20_000);
    await right.sendText('production');
    await right.sendKeys('Enter');
    expect(await right.exitCode(20_000)).toBe(0);
    expect(await right.capture()).toContain('deployed v1.2.0 to production');
    expect(journalText(root)).toContain('"result":"success"');
  });
});
