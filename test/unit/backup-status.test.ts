import { describe, expect, it } from 'vitest';
import { BackupsSchema } from '../../models/backup-config.js';
import type { BackupEntry } from '../../models/backup-status.js';
import { buildPolicy } from '../../src/backup/policy.js';
import { buildReport } from '../../src/backup/status.js';
import { normalizeType } from '../../src/backup/entry-type.js';
import type { SourceResult } from '../../src/backup/status.js';
import { formatReport, formatPlan, planSteps, rpoLine } from '../../src/backup/format.js';
import { foldBackupJournal, recoveryRunsByStep, verificationsOf } from '../../src/backup/journal.js';

const NOW = new Date('2026-11-25T10:30:00Z');
const H = 3_600_000;
const D = 24 * H;
const at = (msAgo: number): string => new Date(NOW.getTime() - msAgo).toISOString();
const entries = (times: number[], extra: Partial<BackupEntry> = {}): BackupEntry[] => times.map((t) => ({ time: at(t), ok: true, ...extra }));
const dir = { kind: 'dir', path: 'x' } as const;

function policyWith(components: unknown[], rest: Record<string, unknown> = {}) {
  return buildPolicy(BackupsSchema.parse({ useSop: false, components, ...rest }), undefined);
}

function report(components: unknown[], results: Record<string, SourceResult>, verifications: Parameters<typeof buildReport>[2] = []) {
  return buildReport(policyWith(components), new Map(Object.entries(results)), verifications, NOW);
}

describe('component state', () => {
  const daily = { name: 'nightly', schedule: 'Daily 02:00 UTC', type: 'full', retention: '30 days', source: dir };

  it('is ok when the latest slot has its backup, with next expected from the schedule', () => {
    const r = report([daily], { nightly: { listing: { entries: entries(Array.from({ length: 30 }, (_, i) => 8.5 * H + i * D), { size: 42 }) } } });
    const c = r.components[0]!;
    expect([c.state, c.last?.time, c.last?.size, c.nextExpected, c.count, c.retentionState]).toEqual(['ok', '2026-11-25T02:00:00.000Z', 42, '2026-11-26T02:00:00.000Z', 30, 'ok']);
    expect(r.alert).toBe(false);
  });

  it('is due after a missed slot within grace, overdue past interval + 25 % grace', () => {
    const due = report([daily], { nightly: { listing: { entries: entries([9 * H]) } } }).components[0]!;
    expect([due.state, due.detail]).toEqual(['due', 'the 02:00 UTC backup is not there yet']);
    const edge = report([daily], { nightly: { listing: { entries: entries([30 * H - 1000]) } } }).components[0]!;
    expect(edge.state).toBe('due');
    const overdue = report([daily], { nightly: { listing: { entries: entries([30 * H + 1000]) } } });
    expect(overdue.components[0]!.state).toBe('overdue');
    expect(overdue.alert).toBe(true);
    const graced = report([{ ...daily, grace: '12 hours' }], { nightly: { listing: { entries: entries([30 * H + 1000]) } } });
    expect(graced.components[0]!.state).toBe('due');
  });

  it('is failed when the source failed or the newest backup failed; unknown without a source or result', () => {
    const r = report([daily, { ...daily, name: 'db2' }, { name: 'nosrc', schedule: 'Hourly' }, { ...daily, name: 'waiting' }], {
      nightly: { error: 'wrong password for restic repo /r' },
      db2: { listing: { entries: [...entries([8.5 * H]), { time: at(H), ok: false }] } },
    });
    expect(r.components.map((c) => [c.name, c.state, c.error])).toEqual([
      ['nightly', 'failed', 'wrong password for restic repo /r'],
      ['db2', 'failed', null],
      ['nosrc', 'unknown', null],
      ['waiting', 'unknown', null],
    ]);
    expect(report([daily], { nightly: { listing: { entries: [] } } }).components[0]!.detail).toBe('no successful backup found');
  });

  it('keeps only entries of its own type when the type is full or incremental', () => {
    const both = { listing: { entries: [...entries([0.5 * H], { type: 'incr' }), ...entries([8.5 * H], { type: 'full' })] } };
    const r = report([daily, { name: 'wal', schedule: 'Hourly', type: 'incremental', source: dir }], { nightly: both, wal: both });
    expect(r.components.map((c) => [c.name, c.last?.time])).toEqual([
      ['nightly', at(8.5 * H)],
      ['wal', at(0.5 * H)],
    ]);
    expect(normalizeType('WAL')).toBe('incremental');
    expect(normalizeType('version')).toBe('version');
  });

  it('"On change": uncommitted changes are due, old ones overdue; no commit is overdue', () => {
    const configs = { name: 'configs', schedule: 'On change', type: 'version', retention: 'Forever', source: { kind: 'git', paths: ['configs'] } };
    const clean = report([configs], { configs: { listing: { entries: entries([3 * D]), pending: { count: 0, oldest: null, paths: [] } } } }).components[0]!;
    expect([clean.state, clean.nextExpected, clean.retentionState]).toEqual(['ok', null, 'ok']);
    const fresh = report([configs], { configs: { listing: { entries: entries([3 * D]), pending: { count: 2, oldest: at(H), paths: ['a', 'b'] } } } }).components[0]!;
    expect([fresh.state, fresh.detail]).toEqual(['due', '2 uncommitted changes not backed up']);
    const old = report([configs], { configs: { listing: { entries: entries([3 * D]), pending: { count: 1, oldest: at(2 * D), paths: ['a'] } } } }).components[0]!;
    expect(old.state).toBe('overdue');
    expect(report([configs], { configs: { listing: { entries: [] } } }).components[0]!.state).toBe('overdue');
  });
});

describe('retention', () => {
  const weekly = { name: 'files', schedule: 'Hourly', retention: '1 day', source: dir };

  it('flags excess when backups older than the window (plus one interval) are kept', () => {
    const c = report([weekly], { files: { listing: { entries: entries(Array.from({ length: 30 }, (_, i) => 0.5 * H + i * H)) } } }).components[0]!;
    expect([c.retentionState, c.retentionDetail]).toEqual(['excess', '5 older than 1 day']);
  });

  it('flags a shortfall when the component existed long enough but history is short, or the window has gaps', () => {
    const shortSince = report([{ ...weekly, since: '2026-01-01' }], { files: { listing: { entries: entries([0.5 * H, 1.5 * H]) } } });
    expect(shortSince.components[0]!.retentionState).toBe('shortfall');
    expect(shortSince.alert).toBe(true);
    const noSince = report([weekly], { files: { listing: { entries: entries([0.5 * H, 1.5 * H]) } } });
    expect(noSince.components[0]!.retentionState).toBe('ok');
    const gaps = report([weekly], { files: { listing: { entries: entries([0.5 * H, 5.5 * H, 23.5 * H]) } } }).components[0]!;
    expect([gaps.retentionState, gaps.retentionDetail]).toEqual(['shortfall', '3 of ~24 backups kept in 1 day']);
  });
});

describe('RPO gauge, summary and verification', () => {
  const full = { name: 'database', schedule: 'Daily 02:00 UTC', type: 'full', source: dir };
  const wal = { name: 'database-incremental', schedule: 'Hourly', type: 'incremental', source: dir };
  const files = { name: 'files', schedule: 'Daily 03:00 UTC', source: dir };

  it('measures the newest restorable database backup of any type against the RPO', () => {
    const ok = report([full, wal, files], { database: { listing: { entries: entries([8.5 * H]) } }, 'database-incremental': { listing: { entries: entries([0.5 * H]) } }, files: { listing: { entries: entries([7.5 * H]) } } });
    expect(ok.rpo).toEqual({ rpoMs: H, ageMs: 0.5 * H, component: 'database-incremental', breach: false, ratio: 0.5 });
    expect(ok.summary).toBe('3/3 ok · RPO 30m/1 hour');
    const breach = report([full, wal], { database: { listing: { entries: entries([8.5 * H]) } }, 'database-incremental': { error: 'unreachable' } });
    expect(breach.rpo).toMatchObject({ ageMs: 8.5 * H, breach: true, component: 'database' });
    expect(breach.alert).toBe(true);
    expect(breach.summary).toBe('1/2 ok · database-incremental failed · RPO 8h 30m/1 hour BREACH');
    const none = report([full], { database: { error: 'x' } });
    expect(none.rpo).toMatchObject({ ageMs: null, breach: true });
    expect(rpoLine(none.rpo)).toContain('BREACH, no restorable database backup');
    expect(report([files], { files: { listing: { entries: entries([H]) } } }).rpo).toBeNull();
    expect(report([], {}).summary).toContain('no backup components');
  });

  it('shows the newest verification of the component from the journal', () => {
    const journal = [
      { v: 1, runId: 'r1', at: '2026-11-24T09:00:00Z', event: 'run-started', kind: 'verify', env: null, version: null, previousVersion: null, commit: null, who: 'a@b', host: 'h', pid: 1, logPath: 'l1', steps: [{ id: 'verify-script', title: 'Verify' }], component: null },
      { v: 1, runId: 'r1', at: '2026-11-24T09:01:00Z', event: 'run-finished', result: 'success', failedStep: null, durationMs: 60000 },
      { v: 1, runId: 'r2', at: '2026-11-25T09:00:00Z', event: 'run-started', kind: 'verify', env: null, version: null, previousVersion: null, commit: null, who: 'a@b', host: 'h', pid: 1, logPath: 'l2', steps: [{ id: 'c', title: 'c' }], component: 'files' },
      { v: 1, runId: 'r2', at: '2026-11-25T09:02:00Z', event: 'run-finished', result: 'failed', failedStep: 'c', durationMs: 1 },
      { v: 1, runId: 'r3', at: '2026-11-25T09:10:00Z', event: 'run-started', kind: 'recovery', env: null, version: null, previousVersion: null, commit: null, who: 'a@b', host: 'h', pid: 1, logPath: 'l3', steps: [{ id: 'stop-application', title: 'Stop' }], component: 'database' },
    ];
    const folded = foldBackupJournal([...journal.map((e) => JSON.stringify(e)), 'not json', '{"v":1}'].join('\n'));
    expect(folded.badLines).toBe(2);
    const r = report([full, files], { database: { listing: { entries: entries([8.5 * H]) } }, files: { listing: { entries: entries([7.5 * H]) } } }, verificationsOf(folded));
    expect(r.components.map((c) => [c.name, c.verification?.runId, c.verification?.result])).toEqual([
      ['database', 'r1', 'success'],
      ['files', 'r2', 'failed'],
    ]);
    const lines = formatReport(r);
    expect(lines[1]).toMatch(/^database\s+ok\s+11-25 02:00\s+8h 30m .* ✓ 11-24$/);
    expect(lines[2]).toMatch(/✗ 11-25$/);
    const policy = buildPolicy(BackupsSchema.parse({}), undefined);
    const plan = formatPlan(policy, planSteps(policy, recoveryRunsByStep(folded)));
    expect(plan[0]).toBe('Recovery runbook (SOP §4.3): RTO 4 hours, RPO 1 hour');
    expect(plan).toContain('   $ kubectl scale deployment api --replicas=0');
    expect(plan.find((l) => l.includes('last run'))).toContain('running (r3)');
  });
});
