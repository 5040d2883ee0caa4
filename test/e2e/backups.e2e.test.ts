// The Backups pane in a real terminal (tmux, 80x24), from the shipped bundle on the demo
// workspace: its backups exist out of the box (one component overdue), with details, the
// recovery runbook and the headless status agreeing.
import { beforeEach, describe, expect, it } from 'vitest';
import { e2eScope, OPSDECK_BIN as BIN } from '../helpers/e2e-scope.js';
import type { TmuxSession } from '../helpers/tmux-session.js';

describe('backups in tmux on the demo', () => {
  const scope = e2eScope();
  let state: string;
  let tmux: TmuxSession;

  beforeEach(() => {
    state = scope.tempDir('opsdeck-e2e-backups-');
    tmux = scope.session();
  });

  it('shows the demo backups, a component detail and the runbook, then quits with exit 0', async () => {
    await tmux.start(`${BIN} --demo`, { cols: 80, rows: 24, env: { XDG_STATE_HOME: state, HOME: state } });
    await tmux.waitFor('UTC');
    const tile = await tmux.waitFor(/[234]\/5 ok · ALERT/, 20_000);
    expect(tile).toMatch(/overdue\s+files/);
    await tmux.sendKeys('3');
    // every source and the RPO gauge: they may arrive in separate frames
    const pane = await tmux.waitFor((screen) => /files\s+overdue/.test(screen) && /configs\s+ok/.test(screen) && /RPO 1 hour \[/.test(screen), 20_000);
    // the nightly full backup takes 38 minutes: between 02:00 and 02:40 UTC it is honestly due
    const inProgress = new Date().getUTCHours() === 2 && new Date().getUTCMinutes() < 41;
    expect(pane).toMatch(inProgress ? /database\s+(ok|due)\s+\d\d-\d\d 02:00/ : /database\s+ok\s+\d\d-\d\d 02:00/);
    expect(pane).toMatch(/files-weekly\s+ok/);
    expect(pane).toMatch(/configs\s+ok/);
    // the newest restorable database backup: the hourly WAL, or the nightly full when both are from 02:00
    expect(pane).toMatch(/RPO 1 hour \[[#.]+\] \S+ \((database-incremental|database)\)/);
    expect(pane.split('\n').length).toBeLessThanOrEqual(24);
    await tmux.sendKeys('j', 'j');
    await tmux.waitFor(/> files\s+overdue/);
    await tmux.sendKeys('Enter');
    const detail = await tmux.waitFor('backups listed, newest first');
    expect(detail).toContain('state: overdue: last backup 3d');
    expect(detail).toMatch(/payments-files-incr-\d{8}T0300Z/);
    await tmux.sendKeys('Escape');
    await tmux.waitFor('COMPONENT');
    await tmux.sendKeys('R');
    const runbook = await tmux.waitFor('Recovery (SOP §4.3): RTO 4 hours');
    expect(runbook).toContain('$ kubectl scale deployment payments-api --replicas=0');
    await tmux.sendKeys('Escape');
    await tmux.waitFor('COMPONENT');
    await tmux.sendKeys('q');
    expect(await tmux.exitCode()).toBe(0);
  }, 40_000);
});
