// Deploys and a rollback made through the product (`opsdeck deploy`, `opsdeck rollback`) in a
// fresh demo workspace, then `opsdeck kpi`: the counts, change failure rate and restore.
import { execa } from 'execa';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpiReportSchema } from '../../models/kpi-report.js';
import type { KpiReport } from '../../models/kpi-report.js';
import { createDemoWorkspace } from '../../src/demo/create-demo.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opsdeck');
let state: string;
let repo: string;
let report: KpiReport;
const exits: number[] = [];

function opsdeck(args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, [BIN, '--root', repo, ...args], {
    cwd: repo,
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: state, XDG_STATE_HOME: state, NO_COLOR: '1', ...env },
  });
}

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'opsdeck-kpi-product-'));
  repo = await createDemoWorkspace({ stateRoot: state });
  // Start from an empty journal and no incidents, whatever the demo ships.
  await rm(join(repo, '.orchestration', 'deploys.jsonl'), { force: true });
  await rm(join(repo, '.orchestration', 'incidents.jsonl'), { force: true });
  exits.push((await opsdeck(['deploy', 'production', 'v1.2.4', '--yes'])).exitCode ?? -1);
  exits.push((await opsdeck(['deploy', 'production', 'v1.2.5', '--yes'], { OPSDECK_DEMO_FAIL: 'smoke:charge' })).exitCode ?? -1);
  exits.push((await opsdeck(['rollback', 'v1.2.4', '--env', 'production', '--yes'])).exitCode ?? -1);
  const kpi = await opsdeck(['kpi', '--json']);
  exits.push(kpi.exitCode ?? -1);
  report = KpiReportSchema.parse(JSON.parse(kpi.stdout));
}, 180_000);

afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('KPIs from deploys made with opsdeck', () => {
  it('ran: a good deploy, a deploy failing its smoke step, a rollback; kpi gates (exit 1: the SOP targets are missed)', () => {
    expect(exits).toEqual([0, 1, 0, 1]);
  });

  it('counts one successful deploy of two shipped, a 50 % change failure rate and one restore', async () => {
    const fig = Object.fromEntries(report.dora.map((f) => [f.id, f]));
    expect(fig.deployFrequency).toMatchObject({ n: 1, value: 1 / 30 });
    expect(fig.changeFailureRate).toMatchObject({ n: 2, value: 50, band: 'low' });
    expect(fig.changeFailureRate!.items.map((i) => [i.text, i.value])).toEqual([
      ['v1.2.5 by ' + fig.changeFailureRate!.items[0]!.text.split(' by ')[1], 'failed smoke'],
      ['v1.2.4 by ' + fig.changeFailureRate!.items[1]!.text.split(' by ')[1], 'ok'],
    ]);
    expect(fig.timeToRestore!.n).toBe(1);
    expect(fig.timeToRestore!.items[0]!.value).toMatch(/restored by \d{8}-\d{6}-rollback-[0-9a-f]{4}$/);
    // The first deploy in the journal, with no previous version recorded: everything reachable from v1.2.4.
    expect(fig.leadTime!.n).toBe(Number((await execa('git', ['rev-list', '--count', 'v1.2.4'], { cwd: repo })).stdout));
    expect(report.warnings).toEqual([]);
  });
});
