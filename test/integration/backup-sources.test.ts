// Backup sources against real components: a local restic repository with backdated snapshots,
// a wrong password, malformed restic output (a fake restic earlier on PATH), a hanging command,
// an unreachable S3 endpoint, a dir of stamped files and a git repo with uncommitted changes.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupsSchema } from '../../models/backup-config.js';
import { buildPolicy } from '../../src/backup/policy.js';
import { queryComponents } from '../../src/backup/query.js';
import { buildReport } from '../../src/backup/status.js';
import { ensureRestic, freePort, resticBackupAt, resticInit, writeScript } from '../helpers/backup-services.js';

const NOW = new Date('2026-11-25T10:30:00Z');
let root: string;
let repo: string;
let fakeBin: string;
let callLog: string;

function policy(components: unknown[]) {
  return buildPolicy(BackupsSchema.parse({ useSop: false, components }), undefined);
}

async function query(components: unknown[], env: NodeJS.ProcessEnv = process.env) {
  const p = policy(components);
  const results = await queryComponents(p.components, { root, env, concurrency: 6 });
  return { results, report: buildReport(p, results, [], NOW) };
}

const restic = (tags: string[], extra: Record<string, unknown> = {}) => ({ kind: 'restic', repo: 'repo', passwordFile: 'pw', tags, ...extra });

beforeAll(async () => {
  ensureRestic();
  root = mkdtempSync(join(tmpdir(), 'opsdeck-backup-src-'));
  repo = join(root, 'repo');
  writeFileSync(join(root, 'pw'), 'correct horse\n');
  writeFileSync(join(root, 'wrong-pw'), 'battery staple\n');
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'data', 'dump.sql'), 'select 1;\n');
  await resticInit(repo, join(root, 'pw'));
  await resticBackupAt(repo, join(root, 'pw'), join(root, 'data'), ['database', 'full'], new Date('2026-11-23T02:00:00Z'));
  await resticBackupAt(repo, join(root, 'pw'), join(root, 'data'), ['database', 'incremental'], new Date('2026-11-25T10:00:00Z'));
  await resticBackupAt(repo, join(root, 'pw'), join(root, 'data'), ['files'], new Date('2026-11-25T03:05:00Z'));
  // A restic wrapper that logs each call, and a broken one that prints malformed JSON.
  fakeBin = join(root, 'bin');
  mkdirSync(join(fakeBin, 'logging'), { recursive: true });
  mkdirSync(join(fakeBin, 'broken'), { recursive: true });
  callLog = join(root, 'calls.log');
  writeScript(join(fakeBin, 'logging', 'restic'), `#!/bin/sh\necho "$*" >> ${callLog}\nexec /usr/bin/restic "$@"\n`);
  writeScript(join(fakeBin, 'broken', 'restic'), '#!/bin/sh\necho \'[{"time": "2026-11-25T10:00:00Z", "id": \'\n');
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('restic source', () => {
  it('lists backdated snapshots by tag: overdue full, fresh incremental, exact RPO, one restic call per repo', async () => {
    const env = { ...process.env, PATH: `${join(fakeBin, 'logging')}:${process.env.PATH}` };
    const { report } = await query(
      [
        { name: 'database', schedule: 'Daily 02:00 UTC', type: 'full', source: restic(['database', 'full']) },
        { name: 'database-incremental', schedule: 'Hourly', type: 'incremental', source: restic(['database', 'incremental']) },
        { name: 'files', schedule: 'Daily 03:00 UTC', source: restic(['files']) },
      ],
      env,
    );
    expect(report.components.map((c) => [c.name, c.state, c.last?.time])).toEqual([
      ['database', 'overdue', '2026-11-23T02:00:00.000Z'],
      ['database-incremental', 'ok', '2026-11-25T10:00:00.000Z'],
      ['files', 'ok', '2026-11-25T03:05:00.000Z'],
    ]);
    expect(report.rpo).toMatchObject({ ageMs: 30 * 60_000, breach: false, component: 'database-incremental' });
    expect(readFileSync(callLog, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('an RPO breach when only the old full backup is restorable', async () => {
    const { report } = await query([{ name: 'database', schedule: 'Daily 02:00 UTC', source: restic(['database', 'full']) }]);
    expect(report.rpo).toMatchObject({ ageMs: 56.5 * 3_600_000, breach: true });
    expect(report.alert).toBe(true);
  });

  it('a password from an env var works; a wrong password and a missing variable are clear errors', async () => {
    const { report } = await query(
      [
        { name: 'by-env', schedule: 'Daily 03:00 UTC', source: { kind: 'restic', repo: 'repo', passwordEnv: 'BK_TEST_PW', tags: ['files'] } },
        { name: 'wrong', schedule: 'Daily 03:00 UTC', source: restic(['files'], { passwordFile: 'wrong-pw' }) },
        { name: 'unset', schedule: 'Daily 03:00 UTC', source: { kind: 'restic', repo: 'repo', passwordEnv: 'BK_TEST_UNSET', tags: [] } },
        { name: 'norepo', schedule: 'Daily 03:00 UTC', source: { kind: 'restic', repo: 'nowhere', passwordFile: 'pw', tags: [] } },
      ],
      { ...process.env, BK_TEST_PW: 'correct horse' },
    );
    expect(report.components.map((c) => [c.name, c.state, c.error])).toEqual([
      ['by-env', 'ok', null],
      ['wrong', 'failed', 'wrong password for restic repo repo'],
      ['unset', 'failed', 'no password for restic repo repo: $BK_TEST_UNSET is not set'],
      ['norepo', 'failed', expect.stringMatching(/restic|nowhere/)],
    ]);
  });
});

describe('failing sources fail alone', () => {
  it('malformed restic JSON, a hanging command, an unreachable S3 and a bad command line each show their own error', async () => {
    const pidFile = join(root, 'hang.pid');
    const port = await freePort();
    mkdirSync(join(root, 'dumps'), { recursive: true });
    writeFileSync(join(root, 'dumps', 'db-full-20261125T0200Z.dump'), 'x'.repeat(100));
    writeFileSync(join(root, 'dumps', 'db-full-nostamp.dump'), 'y');
    utimesSync(join(root, 'dumps', 'db-full-nostamp.dump'), new Date('2026-11-20T00:00:00Z'), new Date('2026-11-20T00:00:00Z'));
    writeFileSync(join(root, 'dumps', 'other.txt'), 'z');
    const env = { ...process.env, PATH: `${join(fakeBin, 'broken')}:${process.env.PATH}`, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' };
    const started = Date.now();
    const { report, results } = await query(
      [
        { name: 'broken-restic', schedule: 'Hourly', source: restic([]) },
        { name: 'hanging', schedule: 'Hourly', source: { kind: 'command', command: `echo $$ > ${pidFile}; sleep 60`, timeoutSec: 1 } },
        { name: 'unreachable', schedule: 'Hourly', source: { kind: 's3', bucket: 'b', endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, timeoutSec: 10 } },
        { name: 'bad-lines', schedule: 'Hourly', source: { kind: 'command', command: 'echo \'{"time":"2026-11-25T10:00:00Z"}\'; echo \'{"size":1}\'' } },
        { name: 'failing-cmd', schedule: 'Hourly', source: { kind: 'command', command: 'echo boom >&2; exit 3' } },
        { name: 'nodir', schedule: 'Hourly', source: { kind: 'dir', path: 'missing' } },
        { name: 'dumps', schedule: 'Daily 02:00 UTC', source: { kind: 'dir', path: 'dumps', glob: 'db-full-*.dump' } },
      ],
      env,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    const byName = Object.fromEntries(report.components.map((c) => [c.name, c]));
    expect(byName['broken-restic']!.error).toMatch(/^malformed JSON from restic snapshots/);
    expect(byName.hanging!.error).toBe('no answer within 1 s (timeoutSec)');
    expect(byName.unreachable!.error).toMatch(/cannot (reach|list) s3:\/\/b\/ at http:\/\/127\.0\.0\.1/);
    expect(byName['bad-lines']!.error).toMatch(/^command printed bad output: line 2: time: /);
    expect(byName['failing-cmd']!.error).toBe('command exited 3: boom');
    expect(byName.nodir!.error).toBe('no folder missing');
    expect(byName.dumps!.state).toBe('ok');
    expect(results.get('dumps')!.listing!.entries.map((e) => [e.id, e.time, e.size, e.type]).sort()).toEqual([
      ['db-full-20261125T0200Z.dump', '2026-11-25T02:00:00.000Z', 100, 'full'],
      ['db-full-nostamp.dump', '2026-11-20T00:00:00.000Z', 1, 'full'],
    ]);
    // the hanging command's whole process group was killed
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const alive = () => {
      try {
        return existsSync(`/proc/${pid}`) && !/\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    await expect.poll(alive, { timeout: 5000 }).toBe(false);
  }, 60_000);
});

describe('git and command sources', () => {
  it('git: commits touching the paths are backups; uncommitted changes are not backed up', async () => {
    const git = join(root, 'gitrepo');
    mkdirSync(join(git, 'configs'), { recursive: true });
    const env = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x', GIT_AUTHOR_DATE: '2026-11-24T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-24T12:00:00Z' };
    await execa('git', ['init', '-q', git]);
    writeFileSync(join(git, 'configs', 'app.yaml'), 'a: 1\n');
    await execa('git', ['add', '.'], { cwd: git });
    await execa('git', ['commit', '-qm', 'configs'], { cwd: git, env });
    const p = policy([{ name: 'configs', schedule: 'On change', type: 'version', retention: 'Forever', source: { kind: 'git', paths: ['configs'] } }]);
    const clean = buildReport(p, await queryComponents(p.components, { root: git, concurrency: 1 }), [], NOW).components[0]!;
    expect([clean.state, clean.last?.time]).toEqual(['ok', '2026-11-24T12:00:00.000Z']);
    writeFileSync(join(git, 'configs', 'app.yaml'), 'a: 2\n');
    writeFileSync(join(git, 'configs', 'new.yaml'), 'b: 1\n');
    const results = await queryComponents(p.components, { root: git, concurrency: 1 });
    const dirty = buildReport(p, results, [], new Date()).components[0]!;
    expect([dirty.state, dirty.detail]).toEqual(['due', '2 uncommitted changes not backed up']);
    expect(results.get('configs')!.listing!.pending!.paths.sort()).toEqual(['configs/app.yaml', 'configs/new.yaml']);
  });

  it('command: JSON lines with epoch or ISO times, failed entries and ids', async () => {
    const script = writeScript(join(root, 'list.sh'), '#!/bin/sh\necho \'{"time":"2026-11-25T02:00:00Z","type":"full","size":5,"id":"a"}\'\necho\necho \'{"time":1764039600,"ok":false,"id":7}\'\n');
    const { report, results } = await query([{ name: 'pgbackrest', schedule: 'Daily 02:00 UTC', source: { kind: 'command', command: script } }]);
    expect(results.get('pgbackrest')!.listing!.entries).toEqual([
      { time: '2026-11-25T02:00:00.000Z', ok: true, type: 'full', size: 5, id: 'a' },
      { time: '2025-11-25T03:00:00.000Z', ok: false, type: undefined, size: undefined, id: '7' },
    ]);
    expect(report.components[0]!.state).toBe('ok');
  });
});
