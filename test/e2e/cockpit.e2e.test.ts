// The cockpit in a real terminal (tmux), from the shipped bundle: navigate, toggle a task,
// see the file change on disk, quit with exit 0.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { e2eScope, OPSDECK_BIN as BIN } from '../helpers/e2e-scope.js';
import type { TmuxSession } from '../helpers/tmux-session.js';

const TODO = [
  'Release 1.3:',
  '  ☐ write the release notes @high',
  '  ☐ rehearse the rollback',
  'On-call:',
  '  ☐ rotate the pager key @critical',
  '',
].join('\n');

describe('cockpit in tmux', () => {
  const scope = e2eScope();
  let repo: string;
  let tmux: TmuxSession;

  beforeEach(() => {
    repo = scope.tempDir('opsdeck-e2e-');
    mkdirSync(join(repo, '.orchestration'));
    writeFileSync(join(repo, '.orchestration', 'current.todo'), TODO);
    writeFileSync(join(repo, '.orchestration', 'backlog.todo'), 'Later:\n  ☐ migrate to the new queue\n');
    tmux = scope.session();
  });

  it('navigates, marks a task done on disk, and quits with exit 0', async () => {
    await tmux.start(`${BIN} --root ${repo}`, { cols: 100, rows: 30 });
    const home = await tmux.waitFor('UTC');
    expect(home).toContain('Tasks');
    expect(home).toContain('Backups');

    await tmux.sendKeys('1');
    await tmux.waitFor('rehearse the rollback');
    await tmux.sendKeys('j');
    await tmux.sendKeys('d');
    await expect.poll(() => readFileSync(join(repo, '.orchestration', 'current.todo'), 'utf8'), { timeout: 5000 })
      .toMatch(/✔ rehearse the rollback @done\(\d\d-\d\d-\d\d \d\d:\d\d\)/);
    const after = readFileSync(join(repo, '.orchestration', 'current.todo'), 'utf8').split('\n');
    expect(after.filter((line, i) => line !== TODO.split('\n')[i])).toHaveLength(1);

    await tmux.sendKeys('Escape');
    await tmux.waitFor('Incidents');
    await tmux.sendKeys('q');
    expect(await tmux.exitCode()).toBe(0);
  });

  it('shows an external edit live and keeps the frame below the terminal height', async () => {
    await tmux.start(`${BIN} --root ${repo}`, { cols: 80, rows: 24 });
    await tmux.waitFor('UTC');
    await tmux.sendKeys('1');
    await tmux.waitFor('rotate the pager key');
    writeFileSync(join(repo, '.orchestration', 'current.todo'), `${TODO}  ☐ page the database team\n`);
    const screen = await tmux.waitFor('page the database team', 5000);
    expect(screen.split('\n').length).toBeLessThanOrEqual(24);
    await tmux.sendKeys('q');
    expect(await tmux.exitCode()).toBe(0);
  });

  it('shows the backlog beside the active tasks on a wide terminal, and only with v on a narrow one', async () => {
    await tmux.start(`${BIN} --root ${repo}`, { cols: 140, rows: 30 });
    await tmux.waitFor('UTC');
    await tmux.sendKeys('1');
    const wide = await tmux.waitFor('migrate to the new queue');
    const line = wide.split('\n').find((l) => l.includes('rehearse the rollback')) ?? '';
    expect(line).toContain('│');
    expect(wide).toContain('Backlog · 1 active');
    await tmux.sendKeys('q');
    expect(await tmux.exitCode()).toBe(0);

    await tmux.kill();
    tmux = scope.session();
    await tmux.start(`${BIN} --root ${repo}`, { cols: 100, rows: 30 });
    await tmux.waitFor('UTC');
    await tmux.sendKeys('1');
    const narrow = await tmux.waitFor('rehearse the rollback');
    expect(narrow).not.toContain('migrate to the new queue');
    await tmux.sendKeys('v');
    await tmux.waitFor('migrate to the new queue');
    await tmux.sendKeys('q');
    expect(await tmux.exitCode()).toBe(0);
  });

  it('opens the demo workspace with --demo without touching the shipped copy', async () => {
    const state = scope.tempDir('opsdeck-state-');
    await tmux.start(`${BIN} --demo`, { cols: 100, rows: 30, env: { XDG_STATE_HOME: state } });
    const home = await tmux.waitFor('UTC', 15_000);
    expect(home.split('\n')[0]).toContain('payments-api');
    await tmux.sendKeys(':');
    await tmux.sendText('quit');
    await tmux.sendKeys('Enter');
    expect(await tmux.exitCode()).toBe(0);
  });
});
