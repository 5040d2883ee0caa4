// The listing cache as users meet it: `opsdeck backup status --json` through the built bin (a
// counting restic wrapper first on PATH: the second run spawns no restic and says "cached"),
// `backups.listingCache: false`, the key in `opsdeck config schema`, and the pane's detail line.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupDetail } from '../../components/backup-detail.js';
import { makeTheme } from '../../components/theme.js';
import { BackupReportSchema } from '../../models/backup-status.js';
import type { ComponentStatus } from '../../models/backup-status.js';
import { ensureRestic, resticBackupAt, resticInit, writeScript } from '../helpers/backup-services.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opsdeck');
let work: string;
let callLog: string;

const CONFIG = (extra = '') => `backups:
  useSop: false
${extra}  components:
    - name: database
      schedule: Daily 02:00 UTC
      type: full
      source: { kind: restic, repo: restic-repo, passwordFile: restic-pw, tags: [database] }
    - name: files
      schedule: Daily 03:00 UTC
      source: { kind: restic, repo: restic-repo, passwordFile: restic-pw, tags: [files] }
`;

const calls = (): number => readFileSync(callLog, 'utf8').split('\n').filter(Boolean).length;

async function opsdeck(...args: string[]) {
  return execa(process.execPath, [BIN, '--root', work, ...args], {
    cwd: work,
    reject: false,
    extendEnv: false,
    env: { PATH: `${join(work, 'bin')}:${process.env.PATH ?? ''}`, HOME: work, XDG_STATE_HOME: join(work, 'state'), TZ: 'UTC' },
  });
}

async function status() {
  const result = await opsdeck('backup', 'status', '--json');
  expect([0, 1], result.stderr).toContain(result.exitCode);
  return { exitCode: result.exitCode, report: BackupReportSchema.parse(JSON.parse(result.stdout)) };
}

beforeAll(async () => {
  ensureRestic();
  work = mkdtempSync(join(tmpdir(), 'opsdeck-listing-cache-cli-'));
  mkdirSync(join(work, '.orchestration'));
  mkdirSync(join(work, 'data'));
  mkdirSync(join(work, 'bin'));
  writeFileSync(join(work, 'data', 'f'), 'x');
  writeFileSync(join(work, 'restic-pw'), 'pw\n');
  const repo = join(work, 'restic-repo');
  await resticInit(repo, join(work, 'restic-pw'));
  await resticBackupAt(repo, join(work, 'restic-pw'), join(work, 'data'), ['database'], new Date(Date.now() - 3_600_000));
  await resticBackupAt(repo, join(work, 'restic-pw'), join(work, 'data'), ['files'], new Date(Date.now() - 7_200_000));
  callLog = join(work, 'calls.log');
  writeFileSync(callLog, '');
  const real = execFileSync('sh', ['-c', 'command -v restic'], { encoding: 'utf8' }).trim();
  writeScript(join(work, 'bin', 'restic'), `#!/bin/sh\necho "$*" >> ${callLog}\nexec ${real} "$@"\n`);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('opsdeck backup status with the listing cache', () => {
  it('the second run answers from the cache (no restic) with the same status and "cached": true', async () => {
    writeFileSync(join(work, '.orchestration', 'opsdeck.yaml'), CONFIG());
    const first = await status();
    expect(calls()).toBe(1);
    const second = await status();
    expect(calls()).toBe(1);
    expect(first.report.components.map((c) => [c.name, c.state, c.cached])).toEqual([
      ['database', 'ok', false],
      ['files', 'ok', false],
    ]);
    expect(second.report.components.map((c) => c.cached)).toEqual([true, true]);
    const strip = (cs: ComponentStatus[]) => cs.map(({ cached: _c, last, ...rest }) => ({ ...rest, last: last && { ...last, ageMs: 0 } }));
    expect(strip(second.report.components)).toEqual(strip(first.report.components));
    expect(second.exitCode).toBe(first.exitCode);
  }, 60_000);

  it('backups.listingCache: false runs restic every time', async () => {
    writeFileSync(join(work, '.orchestration', 'opsdeck.yaml'), CONFIG('  listingCache: false\n'));
    const before = calls();
    for (let i = 0; i < 2; i += 1) expect((await status()).report.components.map((c) => c.cached)).toEqual([false, false]);
    expect(calls()).toBe(before + 2);
  }, 60_000);

  it('a bad value is a config error naming the key (exit 2); config schema documents the key', async () => {
    writeFileSync(join(work, '.orchestration', 'opsdeck.yaml'), CONFIG('  listingCache: sometimes\n'));
    const bad = await opsdeck('backup', 'status', '--json');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/listingCache/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const schema = await opsdeck('config', 'schema');
    const backups = JSON.parse(schema.stdout).properties.backups.properties;
    expect(backups.listingCache).toMatchObject({ type: 'boolean', default: true, description: expect.stringContaining('restic snapshots --json') });
  }, 60_000);
});

describe('the detail view', () => {
  it('says, in small text, when the listing came from the cache', () => {
    const status: ComponentStatus = {
      name: 'database', label: 'Database', schedule: 'Daily 02:00 UTC', type: 'full', retention: '30 days', source: 'restic repo', state: 'ok', detail: 'last backup 1h ago',
      last: null, nextExpected: null, count: 1, retentionState: 'ok', retentionDetail: '', verification: null, error: null, database: true, cached: true,
    };
    const listing = { entries: [{ time: '2026-11-25T02:00:00.000Z', ok: true, id: 'abcd1234' }] };
    const props = { status, height: 10, nowMs: Date.parse('2026-11-25T03:00:00Z'), theme: makeTheme(false) };
    const hit = render(<BackupDetail {...props} result={{ listing: { ...listing, cached: true } }} />);
    expect(hit.lastFrame()).toContain('1 backups listed, newest first (listing cached, repo unchanged):');
    hit.unmount();
    const miss = render(<BackupDetail {...props} result={{ listing }} />);
    expect(miss.lastFrame()).toContain('1 backups listed, newest first:');
    expect(miss.lastFrame()).not.toContain('cached');
    miss.unmount();
  });
});
