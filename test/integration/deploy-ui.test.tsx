// The Deploy pane over the real store, a real temp git repo, real checks and the real detached
// runner, driven through ink-testing-library with an injected clock (the confirmation's
// timing rules read the store's clock).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frame, journal, openDeployApp, press, type DeployApp } from '../fixtures/deploy/deploy-app.js';
import { makeDeployRepo } from '../fixtures/deploy/make-repo.js';

type Harness = DeployApp & { stop(): void };
const harnesses: Harness[] = [];

async function start(): Promise<Harness> {
  const app = await openDeployApp(await makeDeployRepo());
  const h: Harness = {
    ...app,
    stop: async () => {
      await app.close();
      rmSync(app.root, { recursive: true, force: true });
    },
  };
  harnesses.push(h);
  return h;
}

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
});

describe('deploy pane', () => {
  it('deploys a new tag to staging through the wizard: version, checklist, y, run', async () => {
    const h = await start();
    await press(h, '2', /staging\s+\(none\)\s+never deployed here/);
    await press(h, 'd', /Deploy · env/);
    await press(h, '\r', /v1\.3\.0 {2}new tag from HEAD \(2 commits since v1\.2\.0\)/);
    await press(h, '\r', /Checks \(2\/2 passed\)/);
    expect(frame(h)).toContain('Blocked: 5 manual items not ticked');
    await press(h, '\r', /blocked: 5 manual items not ticked/);
    await press(h, ' ', /\[x\] Release notes prepared/);
    await press(h, 'a', /Ready: Enter for the confirmation/);
    await press(h, '\r', /Proceed\? y confirms/);
    expect(frame(h)).toContain("git tag -a v1.3.0 -m 'Release version 1.3.0'");
    expect(readFileSync(join(h.root, '.orchestration', 'releases', 'v1.3.0.md'), 'utf8')).toContain('## Features');
    h.stdin.write('y');
    await vi.waitFor(() => expect(h.store.getState().deployWizard?.confirm?.notice).toContain('too soon'));
    h.tick(1000);
    await press(h, 'y', /deploy success/, 15_000);
    expect(journal(h.root)).toContain('"result":"success"');
    expect(h.store.getState().runningFlows).toBe(0);
    await press(h, '\u001b', /staging\s+v1\.3\.0/);
  });

  it('production: a paste and Enter alone never confirm; the typed name then Enter does', async () => {
    const h = await start();
    await press(h, '2', /production/);
    // Down then Enter in one read: the dispatcher reads state through get(), no stale row
    await press(h, 'd', /Deploy · env/);
    await press(h, 'j\r', /Deploy → production \(production\) · version[\s\S]*new tag from HEAD/);
    await press(h, 'j', /> v1\.2\.0/);
    await press(h, '\r', /Checks \(2\/2 passed\)/);
    await press(h, 'a', /Ready/);
    await press(h, '\r', /PRODUCTION\. Type "production"/);
    h.tick(1000);
    await press(h, 'production\r', /pasted or repeated input is not accepted/);
    h.tick(1000);
    await press(h, '\r', /Enter alone never confirms/);
    for (const ch of 'production') {
      h.tick(60);
      h.stdin.write(ch);
    }
    await vi.waitFor(() => expect(h.store.getState().deployWizard?.confirm?.typed).toBe('production'));
    expect(journal(h.root)).toBe('');
    h.tick(200);
    await press(h, '\r', /deploy success/, 15_000);
    expect(journal(h.root)).toContain('"env":"production"');
  });

  it('plan (p) shows the exact commands and runs nothing', async () => {
    const h = await start();
    await press(h, '2', /production/);
    await press(h, 'p', /Plan · env/);
    await press(h, '\r', /new tag from HEAD/);
    await press(h, '\r', /Plan only: nothing runs/);
    expect(frame(h)).toContain('./scripts/deploy.sh staging v1.3.0');
    await press(h, '\r', /History of staging/);
    expect(journal(h.root)).toBe('');
  });

  it('Esc cancels the confirmation: nothing runs, the wizard steps back', async () => {
    const h = await start();
    await press(h, '2', /production/);
    await press(h, 'r', /Rollback · env/);
    await press(h, '\r', /immediate {2}\.\/scripts\/rollback\.sh immediate/);
    await press(h, '\r', /Proceed/);
    await press(h, '\u001b', /cancelled: nothing was run/);
    expect(frame(h)).toMatch(/Rollback immediate.* → staging · version/);
    expect(journal(h.root)).toBe('');
  });

  it('a failed deploy offers the rollback to the previous version at once', async () => {
    const h = await start();
    process.env.FAIL_STEP = 'never';
    await press(h, '2', /production/);
    await press(h, 'd', /Deploy · env/);
    await press(h, '\r', /new tag from HEAD/);
    await press(h, 'jj\r', /Checks \(2\/2 passed\)/);
    await press(h, 'a', /Ready/);
    await press(h, '\r', /Proceed/);
    h.tick(1000);
    await press(h, 'y', /deploy success/, 15_000);
    await press(h, '\u001b', /staging\s+v1\.1\.0/);
    process.env.FAIL_STEP = 'deploy';
    try {
      await press(h, 'd', /Deploy · env/);
      await press(h, '\r', /new tag from HEAD/);
      await press(h, 'j\r', /Checks \(2\/2 passed\)/);
      await press(h, 'a', /Ready/);
      await press(h, '\r', /Proceed/);
      h.tick(1000);
      await press(h, 'y', /r rolls back to v1\.1\.0 now/, 15_000);
    } finally {
      delete process.env.FAIL_STEP;
    }
    await press(h, 'r', /Proceed/);
    expect(frame(h)).toContain('./scripts/rollback.sh v1.1.0');
    h.tick(1000);
    await press(h, 'y', /rollback success/, 15_000);
    await press(h, '\u001b', /History of staging/);
    await press(h, '@', /Command log/);
    expect(frame(h)).toContain('./scripts/check.sh');
  });

  it('opens a run log with Enter: follows, g/G jump, / searches; x then y aborts a live run', async () => {
    const h = await start();
    process.env.SLOW = '30';
    process.env.LINES = '300';
    try {
      await press(h, '2', /production/);
      await press(h, 'd', /Deploy · env/);
      await press(h, '\r', /new tag from HEAD/);
      await press(h, 'j\r', /Checks \(2\/2 passed\)/);
      await press(h, 'a', /Ready/);
      await press(h, '\r', /Proceed/);
      h.tick(1000);
      await press(h, 'y', /deploying v1\.2\.0 to staging/, 15_000);
    } finally {
      delete process.env.SLOW;
      delete process.env.LINES;
    }
    await press(h, '\u001b', /▶ deploy v1\.2\.0 running/);
    await press(h, '\r', /running.* follow \d+\/\d+/);
    await press(h, 'g', /paused 1?\d\/\d+/);
    expect(frame(h)).toContain('deploying v1.2.0 to staging');
    await press(h, 'G', / follow \d+\/\d+/);
    await press(h, '/', /Search the log/);
    await press(h, 'deploying\r', /\/deploying {2}match 1 of 1/);
    await press(h, '/', /Search the log/);
    await press(h, 'no such text\r', /"no such text" is not in the log/);
    await press(h, 'q', /History of staging/);
    await press(h, 'x', /Abort \S+\? y aborts/);
    await press(h, 'n', /not aborted/);
    await press(h, 'x', /Abort \S+\? y aborts/);
    h.stdin.write('y');
    await vi.waitFor(() => expect(journal(h.root)).toContain('"result":"interrupted"'), { timeout: 15_000 });
    await press(h, '', /interrupted/);
    expect(h.store.getState().runningFlows).toBe(0);
  });

  it('the dashboard tile shows each environment and a live run', async () => {
    const h = await start();
    await vi.waitFor(() => expect(frame(h)).toMatch(/staging —/));
    expect(frame(h)).toMatch(/production —/);
  });
});
