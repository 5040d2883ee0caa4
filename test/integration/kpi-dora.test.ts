// DORA from a real journal, a real incident log and a real git repo with dated commits. The
// expected figures are worked out by hand below, next to the data they come from.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DORA_BANDS, KpisSchema } from '../../models/kpi-config.js';
import type { DoraFigure, KpiReport } from '../../models/kpi-report.js';
import { computeKpiReport } from '../../src/kpi/compute.js';
import { incidentLines, runLines } from '../fixtures/kpi/journal-builder.js';
import { makeGitRepo } from '../fixtures/kpi/git-repo.js';

const NOW = new Date('2026-11-20T12:00:00Z'); // 30-day window: after 2026-10-21T12:00Z
const H = 3600;

let root: string;
let report: KpiReport;
let journalLength = 0;
const fig = (id: string): DoraFigure => report.dora.find((f) => f.id === id)!;

beforeAll(async () => {
  ({ root } = await makeGitRepo([
    { at: '2026-10-01T00:00:00Z', tag: 'v1' }, // c1: shipped before the window
    { at: '2026-11-01T10:00:00Z' }, //            c2
    { at: '2026-11-01T12:00:00Z', tag: 'v2' }, // c3
    { at: '2026-11-05T08:00:00Z', tag: 'v3' }, // c4
    { at: '2026-11-10T00:00:00Z', tag: 'v4' }, // c5
    { at: '2026-11-19T00:00:00Z' }, //            c6: never deployed
  ]));
  await mkdir(join(root, '.orchestration'));
  const journal = runLines([
    { id: 'D0', version: 'v1', started: '2026-10-02T00:00:00Z', finished: '2026-10-02T00:00:00Z' },
    { id: 'S1', env: 'staging', version: 'v2', started: '2026-11-01T13:00:00Z', finished: '2026-11-01T13:00:00Z' },
    { id: 'D1', version: 'v2', previousVersion: 'v1', started: '2026-11-02T11:50:00Z', finished: '2026-11-02T12:00:00Z' },
    { id: 'D2', version: 'v3', previousVersion: 'v2', started: '2026-11-05T09:50:00Z', finished: '2026-11-05T10:00:00Z', failStep: 'health' },
    { id: 'R1', kind: 'rollback', version: 'v2', previousVersion: 'v3', started: '2026-11-05T10:30:00Z', finished: '2026-11-05T11:00:00Z' },
    { id: 'D3', version: 'v3', previousVersion: 'v2', started: '2026-11-06T09:50:00Z', finished: '2026-11-06T10:00:00Z' },
    { id: 'D4', version: 'v4', previousVersion: 'v3', started: '2026-11-10T01:50:00Z', finished: '2026-11-10T02:00:00Z', rolledBackBy: { by: 'R2', at: '2026-11-10T04:30:00Z' } },
    { id: 'R2', kind: 'rollback', version: 'v3', previousVersion: 'v4', started: '2026-11-10T04:00:00Z', finished: '2026-11-10T04:30:00Z' },
    { id: 'X1', version: 'v4', started: '2026-11-11T09:00:00Z', finished: '2026-11-11T09:01:00Z', failStep: 'tests' },
  ]);
  journalLength = journal.length;
  await writeFile(join(root, '.orchestration', 'deploys.jsonl'), [...journal, '{"v":1,"runId":"D9","event":"run-fini', 'not json'].join('\n') + '\n');
  const incidents = incidentLines([
    { id: 'I1', opened: '2026-11-10T03:00:00Z', resolved: '2026-11-10T05:00:00Z', cause: 'D4' },
    { id: 'I2', opened: '2026-11-15T00:00:00Z', resolved: '2026-11-15T00:30:00Z' },
    { id: 'I3', opened: '2026-11-18T00:00:00Z' },
    { id: 'I0', opened: '2026-09-01T00:00:00Z', resolved: '2026-09-02T00:00:00Z' },
  ]);
  await writeFile(join(root, '.orchestration', 'incidents.jsonl'), [...incidents, '{"v":1}'].join('\n') + '\n');
  await writeFile(
    join(root, '.orchestration', 'sop.md'),
    [
      '<!-- Last Updated: 2026-11-02 -->',
      '### 6.2 Key Performance Indicators (KPIs)',
      '- **Deployment Frequency**: 2x per week (target: daily)',
      '- **Lead Time**: 3 days (target: <1 day)',
      '- **MTTR**: 2 hours (target: <1 hour)',
      '- **Change Failure Rate**: 5% (target: <3%)',
      '- **Customer Satisfaction**: 4.2/5 (target: 4.5/5)',
      '',
    ].join('\n'),
  );
  report = await computeKpiReport({ root, kpis: KpisSchema.parse({}), now: NOW });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('DORA known answers (30 days to 2026-11-20 12:00Z, production)', () => {
  it('deployment frequency: D1, D3, D4 succeeded in the window (D0 is older, D2 failed health, S1 is staging, X1 shipped nothing)', () => {
    const f = fig('deployFrequency');
    expect(f.n).toBe(3);
    expect(f.value).toBeCloseTo(3 / 30, 10);
    // 7-day buckets back from now: [11-13..11-20] 0 days, [11-06..11-13] 1 (11-10), [10-30..11-06] 2 (11-02, 11-06 10:00),
    // then 0, 0: median 0 deploy-days/week, so not high; one 30-day bucket with 3 deploy-days >= 1/month: medium.
    expect(f.band).toBe('medium');
    expect(f.items.map((i) => i.id)).toEqual(['D4', 'D3', 'D1']);
    expect(f.trend).toHaveLength(30);
    expect(f.trend.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(3);
  });

  it('lead time: the median over the commits each deploy shipped (git log PREVIOUS..VERSION)', () => {
    const f = fig('leadTime');
    // D1 shipped v1..v2 = c2 (26 h before 11-02 12:00), c3 (24 h); D3 shipped v2..v3 = c4 (26 h; D2 failed, so PREVIOUS is D1's v2);
    // D4 shipped v3..v4 = c5 (2 h). Sorted 2, 24, 26, 26 h: median (24 + 26) / 2 = 25 h.
    expect(f.n).toBe(4);
    expect(f.value).toBe(25 * H);
    expect(f.band).toBe('high');
    expect(f.items.map((i) => [i.id, i.value])).toEqual([
      ['D4', '1 commits, median 2 h'],
      ['D3', '1 commits, median 26 h'],
      ['D1', '2 commits, median 25 h'],
    ]);
  });

  it('change failure rate: D2 failed health (and R1 undid it), D4 was rolled back and caused I1: 2 of 4 shipped deploys', () => {
    const f = fig('changeFailureRate');
    expect(f.n).toBe(4);
    expect(f.value).toBe(50);
    expect(f.band).toBe('low');
    expect(f.display).toBe('50 % (2/4)');
    expect(f.items.filter((i) => i.value !== 'ok').map((i) => [i.id, i.value])).toEqual([
      ['D4', 'rolled back by R2, caused I1'],
      ['D2', 'failed health, rolled back by R1'],
    ]);
  });

  it('time to restore: incidents I1 2 h and I2 30 min; D2 health fail 10:00 -> R1 done 11:00 = 1 h; D4 out 02:00 -> R2 done 04:30 = 2.5 h', () => {
    const f = fig('timeToRestore');
    // Sorted 0.5, 1, 2, 2.5 h: median 1.5 h, high (< 1 day). I3 is still open, I0 is older than the window.
    expect(f.n).toBe(4);
    expect(f.value).toBe(1.5 * H);
    expect(f.display).toBe('1.5 h');
    expect(f.band).toBe('high');
    expect(f.items.map((i) => [i.id, i.value])).toEqual([
      ['I2', '30 min'],
      ['I1', '2 h'],
      ['D4', '2.5 h, restored by R2'],
      ['D2', '1 h, restored by R1'],
    ]);
  });

  it('counts the malformed lines it skipped', () => {
    expect(report.malformed).toEqual({ deploys: 2, incidents: 1 });
    expect(report.warnings[0]).toBe(`.orchestration/deploys.jsonl: skipped 2 malformed line(s): ${journalLength + 1}, ${journalLength + 2}`);
    expect(report.warnings[1]).toBe('.orchestration/incidents.jsonl: skipped 1 malformed line(s): 12'); // 3 + 3 + 2 + 3 event lines before it
  });

  it('measures the SOP KPIs against their targets', () => {
    const row = (name: string) => report.kpis.find((k) => k.name === name)!;
    expect(row('Deployment Frequency')).toMatchObject({ source: 'dora', measured: 0.1, status: 'miss' }); // 0.1/day vs daily
    expect(row('Lead Time')).toMatchObject({ measured: 25 * H, status: 'warn' }); // 25 h vs < 24 h: within 10 %
    expect(row('MTTR')).toMatchObject({ measured: 1.5 * H, status: 'miss' }); // 1.5 h vs < 1 hour
    expect(row('Change Failure Rate')).toMatchObject({ measured: 50, status: 'miss' });
    expect(row('Customer Satisfaction')).toMatchObject({ source: 'sop', status: 'stated', asOf: '2026-11-02', measured: null });
  });

  it('uses stricter bands from the config and a 90-day window', async () => {
    const strict = await computeKpiReport({
      root,
      kpis: KpisSchema.parse({ bands: { ...DEFAULT_DORA_BANDS, timeToRestoreHours: { elite: 0.5, high: 0.7, medium: 1 } } }),
      now: NOW,
      windowDays: 90,
    });
    const ttr = strict.dora.find((f) => f.id === 'timeToRestore')!;
    // 90 days adds I0 (24 h): 0.5, 1, 2, 2.5, 24 h -> median 2 h; not < 1 h medium limit: low.
    expect(ttr.value).toBe(2 * H);
    expect(ttr.band).toBe('low');
    // 90 days adds D0 (no previousVersion: all of v1's history, c1 at 10-01 00:00, 24 h lead) to the lead time.
    const lead = strict.dora.find((f) => f.id === 'leadTime')!;
    expect(lead.n).toBe(5);
    expect(lead.value).toBe(24 * H);
    expect(strict.dora.find((f) => f.id === 'deployFrequency')!.n).toBe(4);
  });

  it('tells when a deployed version is not in git', async () => {
    const sub = join(root, 'sub');
    await mkdir(join(sub, '.orchestration'), { recursive: true });
    const lines = runLines([
      { id: 'A', version: 'v2', previousVersion: 'v1', started: '2026-11-02T11:50:00Z', finished: '2026-11-02T12:00:00Z' },
      { id: 'B', version: 'v9', started: '2026-11-03T11:50:00Z', finished: '2026-11-03T12:00:00Z' },
    ]);
    await writeFile(join(sub, '.orchestration', 'deploys.jsonl'), lines.join('\n'));
    const other = await computeKpiReport({ root: sub, kpis: KpisSchema.parse({}), now: NOW });
    const lead = other.dora.find((f) => f.id === 'leadTime')!;
    expect(lead.items.map((i) => [i.id, i.value])).toEqual([
      ['B', 'version not in git'],
      ['A', '2 commits, median 25 h'],
    ]);
    expect(other.warnings).toEqual(['lead time: B: version v9 is not in git']);
  });

  it('still gives the other figures outside a git repository, with a warning', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'opsdeck-kpi-nogit-'));
    await mkdir(join(bare, '.orchestration'));
    await writeFile(join(bare, '.orchestration', 'deploys.jsonl'), runLines([{ id: 'A', version: 'v2', started: '2026-11-02T11:50:00Z', finished: '2026-11-02T12:00:00Z' }]).join('\n'));
    const alone = await computeKpiReport({ root: bare, kpis: KpisSchema.parse({}), now: NOW });
    await rm(bare, { recursive: true, force: true });
    expect(alone.warnings).toEqual([expect.stringMatching(/^lead time: git: fatal: not a git repository/)]);
    expect(alone.dora.find((f) => f.id === 'leadTime')!.display).toBe('no git');
    expect(alone.dora.find((f) => f.id === 'deployFrequency')!.n).toBe(1);
  });
});
