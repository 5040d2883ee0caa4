// `opsdeck kpi` in-process through commander with a real context, on a real git repo (the
// spawned-bin test kpi-cli covers the same paths end to end).
import { Command } from 'commander';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlobalOptions, ICliContext } from '../../commands/cli-context.js';
import { registerKpi } from '../../commands/kpi.js';
import { KpiReportSchema } from '../../models/kpi-report.js';
import { UserError } from '../../src/errors.js';
import { makeGitRepo } from '../fixtures/kpi/git-repo.js';
import { runLines } from '../fixtures/kpi/journal-builder.js';

const HOUR = 3_600_000;
const T0 = Math.floor(Date.now() / 1000) * 1000;
const ago = (hours: number): string => new Date(T0 - hours * HOUR).toISOString().replace(/\.\d+Z$/, 'Z');
let repo: string;

async function run(args: string[]): Promise<{ out: string; code: number }> {
  const lines: string[] = [];
  let code = 0;
  const program = new Command('opsdeck').exitOverride().option('-r, --root <dir>').option('--no-color').option('--readonly');
  const ctx: ICliContext = {
    globals: () => ({ ...program.opts<GlobalOptions>(), readonly: program.opts<GlobalOptions>().readonly === true }),
    out: (text) => lines.push(text),
    err: (text) => lines.push(text),
    setExitCode: (c) => {
      code = c;
    },
    resolveRoot: () => Promise.resolve(repo),
  };
  registerKpi(program, ctx);
  await program.parseAsync(args, { from: 'user' });
  return { out: lines.join('\n'), code };
}

beforeAll(async () => {
  ({ root: repo } = await makeGitRepo([{ at: ago(30), tag: 'v1' }, { at: ago(5), tag: 'v2' }]));
  await mkdir(join(repo, '.orchestration'));
  await writeFile(join(repo, '.orchestration', 'sop.md'), '### 6.2 KPIs\n- **Lead Time**: 3 days (target: <1 day)\n- **MTTR**: 2 hours (target: <1 hour)\n');
  const journal = runLines([
    { id: 'A', version: 'v1', started: ago(25), finished: ago(24) },
    { id: 'B', version: 'v2', previousVersion: 'v1', started: ago(2), finished: ago(1) },
  ]);
  await writeFile(join(repo, '.orchestration', 'deploys.jsonl'), journal.join('\n') + '\n');
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('kpi command in-process', () => {
  it('prints JSON and exits 0 when every measured KPI meets its target', async () => {
    const { out, code } = await run(['kpi', '--json', '--env', 'production', '--window', '30']);
    expect(code).toBe(0);
    const report = KpiReportSchema.parse(JSON.parse(out));
    // A shipped v1 (commit 30 h before its deploy 24 h ago: 6 h); B shipped v2 (5 h -> 1 h ago: 4 h). Median 5 h.
    expect(report.dora.find((f) => f.id === 'leadTime')).toMatchObject({ value: 5 * 3600, n: 2 });
    expect(report.kpis.map((k) => k.status)).toEqual(['ok', 'stated']);
    expect(await readFile(join(repo, '.orchestration', '.cache', 'kpi.json'), 'utf8')).toContain('"production:30"');
  });

  it('prints text without colour under --no-color and leaves the cache alone with --readonly', async () => {
    await rm(join(repo, '.orchestration', '.cache'), { recursive: true, force: true });
    const { out, code } = await run(['--no-color', '--readonly', 'kpi']);
    expect(code).toBe(0);
    expect(out).toMatch(/\n {2}ok +Lead Time +5 h +stated 3 days +target <1 day/);
    expect(out).toMatch(/\n {2}sop +MTTR +as stated in SOP/);
    await expect(readFile(join(repo, '.orchestration', '.cache', 'kpi.json'))).rejects.toThrow('ENOENT');
  });

  it('turns bad options into usage errors', async () => {
    await expect(run(['kpi', '--window', '14d'])).rejects.toThrow(new UserError('--window takes 30d or 90d'));
    await expect(run(['kpi', '--env', ' '])).rejects.toThrow('--env needs an environment name');
    await expect(run(['kpi', '--env', 'qa'])).rejects.toThrow('unknown environment "qa" (known: staging, production)');
  });
});
