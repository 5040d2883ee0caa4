// `opsdeck backup …` through the built bin, end to end with a real PostgreSQL: pg_dump -Fc
// piped into restic, status (exit codes 0/1/2, --json), verify (restic check through the run
// machinery, journalled), the restore plan, and a restore into a scratch database.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupReportSchema } from '../../models/backup-status.js';
import { ensureRestic, resticBackupAt, startPostgres } from '../helpers/backup-services.js';
import type { Postgres } from '../helpers/backup-services.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opsdeck');
let repo: string;
let pg: Postgres;

const CONFIG = (extra = '') => `backups:
  useSop: false
  components:
    - name: database
      schedule: Daily 02:00 UTC
      type: full
      retention: 30 days
      source: { kind: restic, repo: restic-repo, passwordFile: restic-pw, tags: [database, full] }
${extra}`;

async function opsdeck(...args: string[]) {
  return execa(process.execPath, [BIN, '--root', repo, ...args], {
    cwd: repo,
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: repo, XDG_STATE_HOME: join(repo, 'state'), TZ: 'UTC' },
  });
}

beforeAll(async () => {
  ensureRestic();
  repo = mkdtempSync(join(tmpdir(), 'opsdeck-backup-cli-'));
  mkdirSync(join(repo, '.orchestration'));
  copyFileSync(join(ROOT, 'examples', 'demo', '.orchestration', 'sop.md'), join(repo, '.orchestration', 'sop.md'));
  writeFileSync(join(repo, '.orchestration', 'opsdeck.yaml'), CONFIG());
  writeFileSync(join(repo, 'restic-pw'), 'pg-secret\n');
  pg = await startPostgres();
  await pg.psql('create database payments');
  await pg.psql('create table ledger (id serial primary key, cents bigint not null); insert into ledger (cents) select g * 7 from generate_series(1, 5000) g', 'payments');
  await execa('restic', ['-r', join(repo, 'restic-repo'), '--password-file', join(repo, 'restic-pw'), 'init']);
  await execa('sh', ['-c', `pg_dump -Fc -h 127.0.0.1 -p ${pg.port} -U postgres payments | restic -r restic-repo --password-file restic-pw backup --stdin --stdin-filename payments.dump --tag database --tag full`], { cwd: repo });
}, 120_000);

afterAll(async () => {
  await pg?.stop();
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('opsdeck backup with PostgreSQL and restic', () => {
  it('status --json: the fresh pg_dump snapshot is ok and within RPO (exit 0)', async () => {
    const result = await opsdeck('backup', 'status', '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    const report = BackupReportSchema.parse(JSON.parse(result.stdout));
    expect(report.components.map((c) => [c.name, c.state, c.error])).toEqual([['database', 'ok', null]]);
    expect(report.rpo?.breach).toBe(false);
    expect(report.alert).toBe(false);
  });

  it('verify: restic check runs through the run machinery and is journalled per component', async () => {
    const result = await opsdeck('backup', 'verify', 'database');
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('restic check');
    const journal = readFileSync(join(repo, '.orchestration', 'backups.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; kind?: string; component?: string; result?: string });
    expect(journal.find((e) => e.event === 'run-started')).toMatchObject({ kind: 'verify', component: 'database' });
    expect(journal.at(-1)).toMatchObject({ event: 'run-finished', result: 'success' });
    const status = BackupReportSchema.parse(JSON.parse((await opsdeck('backup', '--json')).stdout));
    expect(status.components[0]!.verification).toMatchObject({ result: 'success', component: 'database' });
    expect((await opsdeck('backup', 'verify', 'nope')).stderr).toContain('no backup component "nope" (known: database)');
  }, 60_000);

  it('restores the dump into a scratch database with the same row count and sum', async () => {
    await pg.psql('create database scratch');
    await execa('sh', ['-c', `restic -r restic-repo --password-file restic-pw dump --tag database latest payments.dump | pg_restore -h 127.0.0.1 -p ${pg.port} -U postgres -d scratch --no-owner`], { cwd: repo });
    const query = 'select count(*) || \' \' || sum(cents) from ledger';
    expect(await pg.psql(query, 'scratch')).toBe(await pg.psql(query, 'payments'));
    expect(await pg.psql(query, 'scratch')).toBe(`5000 ${(7 * 5000 * 5001) / 2}`);
  }, 60_000);

  it('exit 1 with an overdue component, a readable table, and the restore plan as a dry run', async () => {
    mkdirSync(join(repo, 'files'), { recursive: true });
    writeFileSync(join(repo, 'files', 'a'), 'a');
    await resticBackupAt(join(repo, 'restic-repo'), join(repo, 'restic-pw'), join(repo, 'files'), ['files'], new Date(Date.now() - 3 * 86_400_000));
    writeFileSync(join(repo, '.orchestration', 'opsdeck.yaml'), CONFIG(`    - name: files\n      schedule: Daily 03:00 UTC\n      source: { kind: restic, repo: restic-repo, passwordFile: restic-pw, tags: [files] }\n`));
    const result = await opsdeck('backup');
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('files '))).toMatch(/^files\s+overdue\s/);
    expect(result.stdout).toContain('last backup 3d ago; due every 1 day + 6h grace');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);

    const before = readFileSync(join(repo, '.orchestration', 'backups.jsonl'), 'utf8');
    const plan = await opsdeck('backup', 'restore-plan', '--json', '--dry-run');
    expect(plan.exitCode).toBe(0);
    const parsed = JSON.parse(plan.stdout) as { dryRun: boolean; rto: string; rpo: string; steps: Array<{ id: string; command: string }> };
    expect([parsed.dryRun, parsed.rto, parsed.rpo]).toEqual([true, '4 hours', '1 hour']);
    expect(parsed.steps.map((s) => s.id)).toEqual(['stop-application', 'restore-database', 'verify-data-integrity', 'restart-application']);
    expect((await opsdeck('backup', 'restore-plan')).stdout).toContain('   $ kubectl scale deployment payments-api --replicas=0');
    expect(readFileSync(join(repo, '.orchestration', 'backups.jsonl'), 'utf8')).toBe(before);
  }, 60_000);

  it('exit 2 with one line naming the file, line and key on a config error', async () => {
    writeFileSync(join(repo, '.orchestration', 'opsdeck.yaml'), 'backups:\n  components:\n    - name: x\n      source: { kind: ftp, host: h }\n');
    const result = await opsdeck('backup', 'status');
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/opsdeck\.yaml:4: backups\.components\[0\]\.source/);
    writeFileSync(join(repo, '.orchestration', 'opsdeck.yaml'), CONFIG());
  });
});
