// Lead time for changes over a real git history with merges, against a reference that asks git
// itself, deploy by deploy: `git log VERSION ^PREVIOUS ^BEFORE-WINDOW --format=%at`. Covers both
// paths of computeKpiReport: the early `git log` from the journal's quick look is kept, or (a
// deploy that overrode its failed checks sits right before the window) run again exactly.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpisSchema } from '../../models/kpi-config.js';
import { computeKpiReport } from '../../src/kpi/compute.js';
import { classifyRuns, windowRevisions } from '../../src/kpi/deploy-view.js';
import { computeDora, median } from '../../src/kpi/dora.js';
import { formatDuration } from '../../src/kpi/format-values.js';
import { parseRunJournal } from '../../src/kpi/journal.js';
import { guessCovers, guessWindowRevisions } from '../../src/kpi/revision-guess.js';
import { runLines } from '../fixtures/kpi/journal-builder.js';
import type { DeployFixture } from '../fixtures/kpi/journal-builder.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const DAY = 86_400;
const START = Math.floor(NOW.getTime() / 1000) - 80 * DAY;
const COMMITS = 400;
const git = (root: string, args: string[], input?: string) => execa('git', args, { cwd: root, ...(input === undefined ? {} : { input }) });

let root: string;
let deploys: Array<DeployFixture & { ok: boolean }>;
const marks = new Map<number, string>();

/** Commits on main and side branches merged back, authored with some skew; a tag every 6th commit. */
function fastImport(): string {
  let seed = 3;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const parts: string[] = [];
  const side: number[] = [];
  let main = 0;
  for (let i = 1; i <= COMMITS; i += 1) {
    const t = START + i * ((78 * DAY) / COMMITS) + Math.floor((rnd() - 0.5) * 7200);
    const onSide = i > 5 && rnd() < 0.3;
    const merge = !onSide && side.length > 0 && rnd() < 0.3 ? side.pop()! : 0;
    const from = onSide ? (side.pop() ?? main) : main;
    parts.push(`commit refs/heads/${onSide ? `side${i}` : 'main'}\nmark :${i}\nauthor A <a@x> ${t} +0000\ncommitter A <a@x> ${t} +0000\ndata 2\nc\n`);
    parts.push(i === 1 ? 'M 644 inline f\ndata 2\nx\n' : `from :${from}\n`);
    if (merge) parts.push(`merge :${merge}\n`);
    parts.push('\n');
    if (onSide) side.push(i);
    else main = i;
    if (i % 6 === 0) parts.push(`reset refs/tags/r${i}\nfrom :${onSide ? i : main}\n\n`);
  }
  return `${parts.join('')}done\n`;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'opsdeck-kpi-lead-'));
  await git(root, ['init', '--quiet', '--initial-branch=main']);
  await git(root, ['fast-import', '--quiet', '--done', `--export-marks=${join(root, '.git', 'marks')}`], fastImport());
  const { stdout } = await execa('cat', [join(root, '.git', 'marks')]);
  for (const line of stdout.trim().split('\n')) marks.set(Number(line.slice(1, line.indexOf(' '))), line.slice(line.indexOf(' ') + 1));
  await git(root, ['tag', '-d', 'r300']);
  const iso = (sec: number) => new Date(sec * 1000).toISOString();
  deploys = [];
  let previous: string | null = null;
  for (let i = 6; i <= COMMITS; i += 6) {
    const at = START + i * ((78 * DAY) / COMMITS) + 4 * 3600;
    const k = i / 6;
    const fail = k % 9 === 0 ? 'health' : undefined;
    const version = `r${i}`;
    const d = { id: `D${k}`, version, previousVersion: previous, commit: k % 3 === 0 ? marks.get(i)! : null, started: iso(at - 600), finished: iso(at), ...(fail ? { failStep: fail } : {}), ...(k % 11 === 0 ? { env: 'staging' } : {}) } as DeployFixture;
    // D42 overrode its failed health check: the run succeeded, the deploy did not.
    deploys.push({ ...d, ok: !fail && k !== 42 && k % 11 !== 0 });
    if (!fail && k % 11 !== 0) previous = version;
  }
  const lines = runLines(deploys).map((line) => (line.includes('"runId":"D42"') && line.includes('"step":"health"') ? line.replace('"ok":true', '"ok":false') : line));
  await mkdir(join(root, '.orchestration'));
  await writeFile(join(root, '.orchestration', 'deploys.jsonl'), lines.join('\n') + '\n');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Lead times of the window's successful deploys, each from git log VERSION ^PREVIOUS ^BEFORE-WINDOW. */
async function reference(windowDays: number): Promise<{ leads: number[]; items: Map<string, string> }> {
  const start = NOW.getTime() - windowDays * DAY * 1000;
  const ok = deploys.filter((d) => d.ok);
  const first = ok.findIndex((d) => Date.parse(d.finished) > start);
  const ref = (d: DeployFixture) => d.commit ?? d.version;
  const cut = first > 0 ? ref(ok[first - 1]!) : ok[first]!.previousVersion;
  const leads: number[] = [];
  const items = new Map<string, string>();
  for (let i = first; i < ok.length; i += 1) {
    const d = ok[i]!;
    const prev = i > 0 ? ref(ok[i - 1]!) : d.previousVersion;
    const exists = await git(root, ['rev-parse', '--verify', '--quiet', `${ref(d)}^{commit}`]).catch(() => null);
    if (!exists) {
      items.set(d.id, 'version not in git');
      continue;
    }
    const args = ['log', '--format=%at', ref(d), ...[prev, cut].filter((r): r is string => r !== null && r !== undefined && r !== 'r300').map((r) => `^${r}`)];
    const own = (await git(root, args)).stdout.split('\n').filter(Boolean).map((at) => Math.max(0, Date.parse(d.finished) / 1000 - Number(at)));
    leads.push(...own);
    items.set(d.id, `${own.length} commits${own.length ? `, median ${formatDuration(median(own)!)}` : ''}`);
  }
  return { leads, items };
}

describe('lead time over merges, against git deploy by deploy', () => {
  for (const windowDays of [30, 90]) {
    it(`matches the reference over ${windowDays} days`, async () => {
      const report = await computeKpiReport({ root, kpis: KpisSchema.parse({}), now: NOW, windowDays });
      const lead = report.dora.find((f) => f.id === 'leadTime')!;
      const want = await reference(windowDays);
      expect(want.leads.length).toBeGreaterThan(50);
      expect(lead.n).toBe(want.leads.length);
      expect(lead.value).toBe(median(want.leads));
      expect(new Map(lead.items.map((i) => [i.id, i.value]))).toEqual(want.items);
    });
  }

  it('gives the other figures unchanged without git (computeDora in one step)', async () => {
    const report = await computeKpiReport({ root, kpis: KpisSchema.parse({}), now: NOW, windowDays: 30 });
    const text = (await execa('cat', [join(root, '.orchestration', 'deploys.jsonl')])).stdout;
    const kpis = KpisSchema.parse({});
    const dora = computeDora({ runs: parseRunJournal(text).records, incidents: [], environment: 'production', windowDays: 30, now: NOW, bands: kpis.bands });
    expect(dora.figures.map((f) => f.id)).toEqual(['deployFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore']);
    expect(dora.figures[1]!.display).toBe('no git');
    expect(dora.warnings).toEqual([]);
    for (const i of [0, 2, 3]) expect(dora.figures[i]).toEqual(report.dora[i]);
  });

  it('exercises both paths: the early log is kept over 90 days and run again over 30 (D42 sits before that window)', async () => {
    const text = (await execa('cat', [join(root, '.orchestration', 'deploys.jsonl')])).stdout;
    const covers = (days: number) => {
      const start = NOW.getTime() - days * DAY * 1000;
      const exact = windowRevisions(classifyRuns(parseRunJournal(text).records, 'production', []).deploys, start, NOW.getTime());
      return guessCovers(guessWindowRevisions(text, 'production', start, NOW.getTime()), exact);
    };
    const d42 = deploys.find((d) => d.id === 'D42')!;
    expect((NOW.getTime() - Date.parse(d42.finished)) / (DAY * 1000)).toBeGreaterThan(30);
    expect(covers(90)).toBe(true);
    expect(covers(30)).toBe(false);
  });
});
