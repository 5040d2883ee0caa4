import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupsSchema } from '../../models/backup-config.js';
import { RunSpecSchema } from '../../models/run.js';
import { noteOnOpenIncidents, openIncidentIds } from '../../src/backup/incident-note.js';
import { readLogTail, tailLines } from '../../src/backup/log-tail.js';
import { globRegex, timeFromName, typeFromName } from '../../src/backup/name-time.js';
import { buildPolicy } from '../../src/backup/policy.js';
import { commandArgv, findRecoveryStep, recoverySpec, verifySpec } from '../../src/backup/runbook.js';
import { parseCommandLines } from '../../src/backup/sources/command.js';
import { parseResticSnapshots } from '../../src/backup/sources/restic-parse.js';
import { createDemoBackups, demoBackupFiles } from '../../src/demo/demo-backups.js';
import { buildReport } from '../../src/backup/status.js';
import { DirSource } from '../../src/backup/sources/dir.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'opsdeck-backup-unit-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('names, commands and runs', () => {
  it('reads stamps and types from names', () => {
    expect(timeFromName('payments-db-full-20261125T0200Z.dump')?.toISOString()).toBe('2026-11-25T02:00:00.000Z');
    expect(timeFromName('db_2026-11-25_03-04-05.sql.gz')?.toISOString()).toBe('2026-11-25T03:04:05.000Z');
    expect(timeFromName('base-20261125.tar')?.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(timeFromName('x-20261131.tar')).toBeUndefined();
    expect(timeFromName('nothing.dump')).toBeUndefined();
    expect(timeFromName('b-25.11.2026', '(?<day>\\d\\d)\\.(?<month>\\d\\d)\\.(?<year>\\d{4})')?.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect([typeFromName('db-full-1.dump'), typeFromName('db-wal-1'), typeFromName('db-x'), typeFromName('snap-daily', { full: 'daily' })]).toEqual(['full', 'incremental', undefined, 'full']);
    expect(globRegex('db-*.d?mp').test('db-x.dump')).toBe(true);
    expect(globRegex('db-*.dump').test('xdb-1.dump')).toBe(false);
  });

  it('splits commands, keeping anything needing a shell under sh -c', () => {
    expect(commandArgv('kubectl scale deployment api --replicas=0')).toEqual(['kubectl', 'scale', 'deployment', 'api', '--replicas=0']);
    expect(commandArgv(`./restore.sh --backup 's3://b/x y'`)).toEqual(['./restore.sh', '--backup', 's3://b/x y']);
    expect(commandArgv('pg_dump db | gzip > x')).toEqual(['sh', '-c', 'pg_dump db | gzip > x']);
  });

  it('builds verify and recovery run specs for the run machinery', () => {
    const root = tmp();
    mkdirSync(join(root, 'scripts'));
    writeFileSync(join(root, 'scripts', 'verify-backup.sh'), '');
    const policy = buildPolicy(
      BackupsSchema.parse({
        components: [
          { name: 'database', source: { kind: 'restic', repo: 'r', passwordEnv: 'PW', tags: ['database'], env: { AWS_ACCESS_KEY_ID: '$KEY' } } },
          { name: 'database-incremental', source: { kind: 'restic', repo: 'r', passwordEnv: 'PW', tags: ['database'], env: { AWS_ACCESS_KEY_ID: '$KEY' } } },
          { name: 'files', source: { kind: 'restic', repo: 's3:https://h/b', passwordFile: 'pw', cacert: 'ca.pem', tags: ['files'] } },
        ],
      }),
      undefined,
    );
    const base = { root, who: 'me@box', runId: '20261125-103000-verify-abcd' };
    const all = RunSpecSchema.parse(verifySpec(base, policy, './scripts/verify-backup.sh --date yesterday'));
    expect(all.steps.map((s) => [s.id, s.kind === 'command' ? s.argv : []])).toEqual([
      ['verify-script', ['./scripts/verify-backup.sh', '--date', 'yesterday']],
      ['restic-check-database', ['restic', '-r', join(root, 'r'), '--password-command', 'printenv PW', 'check']],
      ['restic-check-files', ['restic', '-r', 's3:https://h/b', '--password-file', join(root, 'pw'), '--cacert', join(root, 'ca.pem'), 'check']],
    ]);
    expect([all.kind, all.journal, all.component]).toEqual(['verify', '.orchestration/backups.jsonl', null]);
    expect(verifySpec(base, policy, './scripts/missing.sh', 'files').steps.map((s) => s.id)).toEqual(['restic-check-files']);
    expect(() => verifySpec(base, policy, undefined, 'nope')).toThrow('no backup component "nope"');
    const bare = buildPolicy(BackupsSchema.parse({}), undefined);
    expect(() => verifySpec(base, bare, './scripts/missing.sh')).toThrow('nothing to verify');
    const step = findRecoveryStep(bare, '2');
    expect(step.id).toBe('restore-database');
    expect(findRecoveryStep(bare, 'restart-application').title).toBe('Restart application');
    expect(() => findRecoveryStep(bare, '9')).toThrow('no recovery step "9"');
    const spec = RunSpecSchema.parse(recoverySpec({ ...base, runId: '20261125-103000-recovery-abcd' }, step));
    expect(spec.steps).toEqual([{ kind: 'command', id: 'restore-database', title: 'Restore database', argv: ['./scripts/restore-db.sh', '--backup', 's3://backups/db/backup.sql'], timeoutSec: 14400 }]);
  });
});

describe('source output parsing', () => {
  it('restic snapshots: tags select, type from tags, bad JSON and shapes are errors', () => {
    const json = JSON.stringify([
      { time: '2026-11-25T02:00:00.123456789Z', id: 'aaaaaaaaaaaa', short_id: 'aaaaaaaa', tags: ['database', 'full'], paths: ['/stdin'] },
      { time: '2026-11-25T03:00:00Z', id: 'bbbbbbbbbbbb', tags: ['files'] },
      { time: '2026-11-25T04:00:00Z', id: 'cccccccccccc', tags: null },
    ]);
    expect(parseResticSnapshots(json, ['database']).entries).toEqual([{ time: '2026-11-25T02:00:00.123Z', ok: true, id: 'aaaaaaaa', type: 'full', where: '/stdin' }]);
    expect(parseResticSnapshots(json, []).entries).toHaveLength(3);
    expect(parseResticSnapshots('null', []).entries).toEqual([]);
    expect(() => parseResticSnapshots('[{"time": ', [])).toThrow('malformed JSON from restic snapshots');
    expect(() => parseResticSnapshots('[{"time": 5}]', [])).toThrow('unexpected JSON from restic snapshots: 0.time');
  });

  it('command lines: validated per line', () => {
    expect(parseCommandLines('{"time":"2026-11-25T02:00:00Z"}\n').entries[0]).toMatchObject({ ok: true, time: '2026-11-25T02:00:00.000Z' });
    expect(() => parseCommandLines('{"time":"x"}')).toThrow('line 1: time: not a date: x');
    expect(() => parseCommandLines('\nnope')).toThrow('line 2: not JSON: nope');
    expect(() => parseCommandLines('{"time":"2026-11-25","extra":1}')).toThrow(/^line 1: /);
  });
});

describe('incidents, logs and the demo', () => {
  it('notes a recovery step on every open incident only', async () => {
    const root = tmp();
    mkdirSync(join(root, '.orchestration'));
    const file = join(root, '.orchestration', 'incidents.jsonl');
    expect(await noteOnOpenIncidents(root, 'me@box', 'x')).toBe(0);
    const base = { v: 1, at: '2026-11-25T10:00:00Z', who: 'a@b' };
    writeFileSync(file, [
      JSON.stringify({ ...base, incidentId: 'INC-1', event: 'opened', priority: 'P1', title: 'db down' }),
      JSON.stringify({ ...base, incidentId: 'INC-2', event: 'opened', priority: 'P2', title: 'old' }),
      JSON.stringify({ ...base, incidentId: 'INC-2', event: 'resolved', cause: null }),
      'garbage',
      '',
    ].join('\n'));
    expect(openIncidentIds(readFileSync(file, 'utf8'))).toEqual(['INC-1']);
    expect(await noteOnOpenIncidents(root, 'me@box', 'recovery step 1 started', new Date('2026-11-25T11:00:00Z'))).toBe(1);
    expect(JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!)).toEqual({ v: 1, incidentId: 'INC-1', at: '2026-11-25T11:00:00.000Z', who: 'me@box', event: 'note', text: 'recovery step 1 started' });
  });

  it('tails a log: progress collapsed, controls dropped, secrets redacted', async () => {
    expect(tailLines('a\r\nprogress 10%\rprogress 100%\n\u001b]0;title\u0007b\n', 5)).toEqual(['a', 'progress 100%', 'b']);
    const root = tmp();
    writeFileSync(join(root, 'log'), Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n'));
    expect(await readLogTail(join(root, 'log'), 3)).toEqual(['line 47', 'line 48', 'line 49']);
    expect(await readLogTail(join(root, 'missing'), 3)).toEqual(['(no log yet)']);
  });

  it('the demo backups: fresh database, overdue files, sparse files with matching names and mtimes', async () => {
    const now = new Date('2026-11-25T10:30:00Z');
    const files = demoBackupFiles(now);
    expect(files.filter((f) => f.name.includes('-full-'))).toHaveLength(30);
    const root = tmp();
    await createDemoBackups(root, now);
    const dir = join(root, '.demo-state', 'backups', 'database');
    expect(readdirSync(dir)).toContain('payments-db-full-20261125T0200Z.dump');
    expect(readdirSync(dir)).toContain('payments-db-wal-20261125T1000Z.dump');
    const info = statSync(join(dir, 'payments-db-full-20261125T0200Z.dump'));
    expect(info.size).toBeGreaterThan(1024 ** 3);
    expect(info.blocks).toBeLessThan(64);
    const policy = buildPolicy(
      BackupsSchema.parse({
        useSop: false,
        components: [
          { name: 'database', schedule: 'Daily 02:00 UTC', type: 'full', source: { kind: 'dir', path: '.demo-state/backups/database', glob: 'payments-db-full-*.dump' } },
          { name: 'database-incremental', schedule: 'Hourly', type: 'incremental', retention: '7 days', source: { kind: 'dir', path: '.demo-state/backups/database', glob: 'payments-db-wal-*.dump' } },
          { name: 'files', schedule: 'Daily 03:00 UTC', type: 'incremental', source: { kind: 'dir', path: '.demo-state/backups/files', glob: 'payments-files-incr-*.tar.zst' } },
        ],
      }),
      undefined,
    );
    const results = new Map<string, { listing: Awaited<ReturnType<DirSource['list']>> }>();
    for (const c of policy.components) results.set(c.name, { listing: await new DirSource(c.source as never, { root, env: {} }).list(new AbortController().signal) });
    const report = buildReport(policy, results, [], now);
    expect(report.components.map((c) => [c.name, c.state, c.retentionState])).toEqual([
      ['database', 'ok', 'ok'],
      ['database-incremental', 'ok', 'ok'],
      ['files', 'overdue', 'ok'],
    ]);
    expect(report.rpo?.breach).toBe(false);
  });
});
