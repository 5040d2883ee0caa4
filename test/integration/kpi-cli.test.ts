// `opsdeck kpi` through the built bin on a real git repo: JSON, text, exit codes as a release gate.
import { execa } from 'execa';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpiCacheSchema, KpiReportSchema } from '../../models/kpi-report.js';
import { makeGitRepo } from '../fixtures/kpi/git-repo.js';
import { runLines } from '../fixtures/kpi/journal-builder.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opsdeck');
const HOUR = 3_600_000;
// One instant for every date (git stores whole seconds), so worked-out leads are exact.
const T0 = Math.floor(Date.now() / 1000) * 1000;
const ago = (hours: number): string => new Date(T0 - hours * HOUR).toISOString().replace(/\.\d+Z$/, 'Z');
let repo: string;

async function opsdeck(...args: string[]) {
  return execa(process.execPath, [BIN, '--root', repo, ...args], {
    cwd: repo,
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: repo, XDG_STATE_HOME: join(repo, 'state'), NO_COLOR: '1' },
  });
}

const sop = (leadTarget: string) =>
  ['### 6.2 KPIs', `- **Lead Time**: 3 days (target: ${leadTarget})`, '- **Deployment Frequency**: 2x per week (target: monthly)', '- **Team mood**: sunny', ''].join('\n');

beforeAll(async () => {
  // Deploy B (2 h ago) shipped commits made 12 h and 8 h ago: lead 10 h and 6 h, median 8 h.
  // Deploy A shipped v1 40 days ago (outside 30 days; inside 90, with v1's one commit a day older).
  ({ root: repo } = await makeGitRepo([
    { at: ago(41 * 24), tag: 'v1' },
    { at: ago(12) },
    { at: ago(8), tag: 'v2' },
  ]));
  await mkdir(join(repo, '.orchestration'));
  const journal = runLines([
    { id: 'A', version: 'v1', started: ago(40 * 24 + 0.1), finished: ago(40 * 24) },
    { id: 'B', version: 'v2', previousVersion: 'v1', started: ago(2.1), finished: ago(2) },
  ]);
  await writeFile(join(repo, '.orchestration', 'deploys.jsonl'), journal.join('\n') + '\n');
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('opsdeck kpi', () => {
  it('prints the report as JSON, caches it, and exits 0 when every measured KPI meets its target', async () => {
    await writeFile(join(repo, '.orchestration', 'sop.md'), sop('<1 day'));
    const result = await opsdeck('kpi', '--json');
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const report = KpiReportSchema.parse(JSON.parse(result.stdout));
    expect(report.dora.find((f) => f.id === 'leadTime')).toMatchObject({ value: 8 * 3600, n: 2, band: 'high' });
    expect(report.dora.find((f) => f.id === 'deployFrequency')).toMatchObject({ n: 1, value: 1 / 30 });
    expect(report.kpis.map((k) => [k.name, k.status])).toEqual([
      ['Lead Time', 'ok'],
      ['Deployment Frequency', 'ok'],
    ]);
    expect(report.unparsed).toEqual([{ line: 4, text: '- **Team mood**: sunny', reason: 'expected "- **Name**: value (target: …)"' }]);
    const cache = KpiCacheSchema.parse(JSON.parse(await readFile(join(repo, '.orchestration', '.cache', 'kpi.json'), 'utf8')));
    expect(Object.keys(cache.reports)).toEqual(['production:30']);
  });

  it('exits 1 when a measured KPI misses its target, and says so in plain words under NO_COLOR', async () => {
    await writeFile(join(repo, '.orchestration', 'sop.md'), sop('<1 hour'));
    const result = await opsdeck('kpi', '--window', '90d');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('· last 90 d ·');
    // 90 days: A's commit (24 h), B's 10 h and 6 h: median 10 h, not < 1 hour; 2 deploys / 90 d < monthly.
    expect(result.stdout).toMatch(/\n {2}miss +Lead Time +10 h /);
    expect(result.stdout).toMatch(/\n {2}miss +Deployment Frequency +0.02\/day /);
    expect(result.stdout).toContain('line 4: - **Team mood**: sunny');
    expect(result.stdout).not.toMatch(/🟢|🟡|🔴/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it.each([
    [['--window', '7d'], 'opsdeck: --window takes 30d or 90d'],
    [['--env', 'moon'], 'opsdeck: unknown environment "moon" (known: staging, production)'],
  ])('exits 2 on a usage error: %s', async (args, message) => {
    const result = await opsdeck('kpi', ...args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe(message);
  });

  it('exits 2 naming the key of a bad KPI target in the config', async () => {
    await writeFile(join(repo, '.orchestration', 'opsdeck.yaml'), 'kpis:\n  targets:\n    - name: Joy\n      target: lots\n');
    const result = await opsdeck('kpi');
    await rm(join(repo, '.orchestration', 'opsdeck.yaml'));
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe('opsdeck: .orchestration/opsdeck.yaml: kpis.targets.0.target: cannot read "lots" (try "<100ms", "99.9%", "daily", "<1 hour")');
  });
});
