import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BackupsSchema } from '../../models/backup-config.js';
import { BackupPolicySchema } from '../../models/backup-policy.js';
import { buildPolicy } from '../../src/backup/policy.js';
import { BUILTIN_SOP_ROWS, parseSopBackups } from '../../src/backup/sop-parse.js';
import { intervalMs, nextRun, parseSchedule, previousRun, wordsToCron } from '../../src/backup/schedule.js';
import { formatAge, formatDuration, formatSize, parseDuration } from '../../src/backup/duration.js';

const DEMO_SOP = readFileSync(fileURLToPath(new URL('../../examples/demo/.orchestration/sop.md', import.meta.url)), 'utf8');
const config = (value: unknown = {}) => BackupsSchema.parse(value);

describe('SOP §4.1 / §4.3 parsing', () => {
  it('reads the demo table, objectives and recovery steps', () => {
    const sop = parseSopBackups(DEMO_SOP);
    expect(sop.issues).toEqual([]);
    expect(sop.rows?.map((r) => [r.component, r.schedule, r.type, r.retention, r.location])).toEqual(BUILTIN_SOP_ROWS.map((r) => [r.component, r.schedule, r.type, r.retention, r.location]));
    expect(sop.rows?.[0]?.line).toBe(DEMO_SOP.split('\n').findIndex((l) => l.startsWith('| Database  | Daily')) + 1);
    expect([sop.rto, sop.rpo]).toEqual(['4 hours', '1 hour']);
    expect(sop.steps.map((s) => s.id)).toEqual(['stop-application', 'restore-database', 'verify-data-integrity', 'restart-application']);
    expect(sop.steps[0]!.command).toBe('kubectl scale deployment payments-api --replicas=0');
    expect(sop.steps[2]!.command).toBe('./scripts/verify-backup.sh --date today');
  });

  it('an edited table changes the policy', () => {
    const edited = DEMO_SOP.replace('| Database  | Hourly          | Incremental | 7 days    | S3       |', '| Database  | Every 15 minutes | WAL | 3 days | S3 |\n| Secrets | Daily 05:30 UTC | Full | 12 weeks | Vault |')
      .replace('RPO (Recovery Point Objective): 1 hour', 'RPO (Recovery Point Objective): 15 minutes');
    const policy = buildPolicy(config(), parseSopBackups(edited));
    expect(policy.tableFrom).toBe('sop');
    expect(policy.components.map((c) => [c.name, c.cron, c.retentionMs])).toEqual([
      ['database', '0 2 * * *', parseDuration('30 days')],
      ['database-wal', '*/15 * * * *', parseDuration('3 days')],
      ['secrets', '30 5 * * *', parseDuration('12 weeks')],
      ['files', '0 3 * * *', parseDuration('30 days')],
      ['files-full', '0 0 * * 0', parseDuration('90 days')],
      ['configs', null, null],
    ]);
    expect(policy.rpoMs).toBe(15 * 60_000);
    expect(BackupPolicySchema.parse(policy)).toEqual(policy);
  });

  it('reports unparsable rows with their line instead of dropping them silently', () => {
    const edited = DEMO_SOP.replace('| Files     | Daily 03:00 UTC | Incremental | 30 days   | S3       |', '| Files | whenever we feel like it | Incremental | 30 days | S3 |')
      .replace('| Configs   | On change       | Version     | Forever   | Git      |', '| Configs | On change | Version |');
    const lineOf = (needle: string) => edited.split('\n').findIndex((l) => l.startsWith(needle)) + 1;
    const policy = buildPolicy(config(), parseSopBackups(edited));
    expect(policy.components.map((c) => c.name)).toEqual(['database', 'database-incremental', 'files-full']);
    expect(policy.issues).toEqual([
      { where: `sop.md:${lineOf('| Configs | On change')}`, message: expect.stringContaining('row has 3 cells, the header has 5') },
      { where: `sop.md:${lineOf('| Files | whenever')}`, message: expect.stringContaining('not a schedule: "whenever we feel like it"') },
    ]);
  });

  it('falls back to the built-in table without a §4.1 table, and reports a table without a schedule column', () => {
    expect(buildPolicy(config(), parseSopBackups('# nothing here')).tableFrom).toBe('builtin');
    expect(buildPolicy(config(), undefined).components).toHaveLength(5);
    const noColumn = parseSopBackups('## 4. Backup\n### 4.1 Backup Schedule\n\n| Component | Type |\n|---|---|\n| Database | Full |\n');
    expect(noColumn.rows).toBeUndefined();
    expect(noColumn.issues[0]!.message).toContain('no schedule column');
  });

  it('config overrides a row by name or by schedule, extends the table, and names bad entries', () => {
    const policy = buildPolicy(
      config({
        components: [
          { name: 'database', grace: '2 hours', source: { kind: 'dir', path: 'b' } },
          { name: 'files-weekly', schedule: 'Weekly Sunday', source: { kind: 'command', command: 'true' } },
          { name: 'redis', schedule: '*/30 * * * *', retention: '2 days' },
          { name: 'broken' },
          { name: 'bad-grace', schedule: 'Hourly', grace: 'soon' },
        ],
        rpo: '30 minutes',
      }),
      parseSopBackups(DEMO_SOP),
    );
    const byName = new Map(policy.components.map((c) => [c.name, c]));
    expect(byName.get('database')!.graceMs).toBe(2 * 3_600_000);
    expect(byName.get('database')!.source).toEqual({ kind: 'dir', path: 'b', glob: '*' });
    expect(byName.has('files-full')).toBe(false);
    expect(byName.get('files-weekly')!.retentionMs).toBe(parseDuration('90 days'));
    expect(byName.get('redis')!.origin).toBe('config');
    expect(policy.rpoMs).toBe(30 * 60_000);
    expect(policy.issues.map((i) => i.where)).toEqual(['opsdeck.yaml backups.components[3] (broken)', 'opsdeck.yaml backups.components[4] (bad-grace)']);
  });

  it('useSop: false leaves only the configured components', () => {
    expect(buildPolicy(config({ useSop: false, components: [{ name: 'x', schedule: 'Hourly' }] }), parseSopBackups(DEMO_SOP)).components.map((c) => c.name)).toEqual(['x']);
  });
});

describe('schedules and durations', () => {
  it('translates SOP words to cron', () => {
    expect(wordsToCron('Daily 02:00 UTC')).toBe('0 2 * * *');
    expect(wordsToCron('Hourly')).toBe('0 * * * *');
    expect(wordsToCron('Weekly Sunday')).toBe('0 0 * * 0');
    expect(wordsToCron('weekly, Sunday')).toBe('0 0 * * 0');
    expect(wordsToCron('Weekly Mon 04:30')).toBe('30 4 * * 1');
    expect(wordsToCron('every 6 hours')).toBe('0 */6 * * *');
    expect(wordsToCron('Monthly')).toBe('0 0 1 * *');
    expect(wordsToCron('Daily 25:00')).toBeUndefined();
    expect(parseSchedule('On change')).toEqual({ kind: 'on-change', text: 'On change' });
    expect(parseSchedule('15 3 * * 1-5')).toMatchObject({ cron: '15 3 * * 1-5' });
    expect(parseSchedule('99 * * * *')).toEqual(expect.stringContaining('not a schedule'));
  });

  it('computes previous, next and interval in UTC', () => {
    const now = new Date('2026-11-25T10:30:00Z');
    expect(previousRun('0 2 * * *', now).toISOString()).toBe('2026-11-25T02:00:00.000Z');
    expect(nextRun('0 2 * * *', now).toISOString()).toBe('2026-11-26T02:00:00.000Z');
    expect(previousRun('0 2 * * *', new Date('2026-11-25T02:00:00Z')).toISOString()).toBe('2026-11-25T02:00:00.000Z');
    expect(intervalMs('0 * * * *', now)).toBe(3_600_000);
    expect(intervalMs('0 0 * * 0', now)).toBe(7 * 86_400_000);
  });

  it('parses and formats durations and sizes', () => {
    expect(parseDuration('30 days')).toBe(30 * 86_400_000);
    expect(parseDuration('Forever')).toBeNull();
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('3 fortnights')).toBeUndefined();
    expect(formatAge(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
    expect(formatAge(2 * 86_400_000)).toBe('2d');
    expect(formatAge(65 * 60_000)).toBe('1h 5m');
    expect(formatAge(3_600_000)).toBe('1h');
    expect(formatAge(18 * 60_000)).toBe('18m');
    expect(formatAge(-5)).toBe('0s');
    expect(formatDuration(3_600_000)).toBe('1 hour');
    expect(formatDuration(4 * 3_600_000)).toBe('4 hours');
    expect(formatDuration(14 * 86_400_000)).toBe('2 weeks');
    expect(formatDuration(null)).toBe('forever');
    expect(formatDuration(90_500)).toBe('1m');
    expect(formatSize(undefined)).toBe('');
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(1.8 * 1024 ** 3)).toBe('1.8 GiB');
  });
});
