// `opsdeck backup …` in-process through commander with a real context, on a temp repo with a
// dir source, a command source and a verify script (the bin tests cover the same end to end).
import { Command } from 'commander';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerBackup } from '../../commands/backup.js';
import type { GlobalOptions, ICliContext } from '../../commands/cli-context.js';
import { BackupReportSchema } from '../../models/backup-status.js';
import { UserError } from '../../src/errors.js';

let root: string;

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';
}

beforeEach(() => {
  // half past the hour: the newest hourly backup (5 min old) is always after the last slot
  const now = new Date();
  now.setUTCMinutes(30, 0, 0);
  vi.useFakeTimers({ toFake: ['Date'], now });
  root = mkdtempSync(join(tmpdir(), 'opsdeck-backup-cmd-'));
  mkdirSync(join(root, '.orchestration'));
  mkdirSync(join(root, 'dumps'));
  mkdirSync(join(root, 'scripts'));
  for (let i = 0; i < 30; i += 1) writeFileSync(join(root, 'dumps', `wal-${stamp(new Date(Date.now() - 5 * 60_000 - i * 3_600_000))}.dump`), 'x');
  writeFileSync(join(root, 'scripts', 'verify-backup.sh'), '#!/bin/sh\necho "verified $*"\n', { mode: 0o755 });
  writeFileSync(
    join(root, '.orchestration', 'opsdeck.yaml'),
    ['backups:', '  useSop: false', '  components:', '    - name: database', '      schedule: Hourly', '      retention: 1 day', '      source: { kind: dir, path: dumps, glob: "wal-*.dump" }', ''].join('\n'),
  );
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(root, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ out: string; code: number }> {
  const lines: string[] = [];
  let code = 0;
  const program = new Command('opsdeck').exitOverride().option('-r, --root <dir>').option('--demo').option('--no-color').option('--readonly');
  const ctx: ICliContext = {
    globals: () => program.opts<GlobalOptions>(),
    out: (text) => lines.push(text),
    err: (text) => lines.push(text),
    setExitCode: (c) => {
      code = c;
    },
    resolveRoot: async () => root,
  };
  registerBackup(program, ctx);
  await program.parseAsync(args, { from: 'user' });
  return { out: lines.join('\n'), code };
}

describe('backup command in-process', () => {
  it('status: text and --json; exit 0 when all is ok', async () => {
    const text = await run(['backup']);
    expect(text.code, text.out).toBe(0);
    expect(text.out).toMatch(/^database\s+ok\s/m);
    expect(text.out).toContain('RPO 1 hour: newest database backup');
    const json = await run(['backup', 'status', '--json']);
    const report = BackupReportSchema.parse(JSON.parse(json.out));
    expect(report.components[0]).toMatchObject({ name: 'database', state: 'ok', count: 30, retentionState: 'excess' });
  });

  it('exit 1 when a source fails, naming its error', async () => {
    writeFileSync(join(root, '.orchestration', 'opsdeck.yaml'), 'backups:\n  useSop: false\n  components:\n    - name: files\n      schedule: Hourly\n      source: { kind: command, command: "exit 9" }\n');
    const result = await run(['backup', 'status']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('  ! command exited 9');
  });

  it('restore-plan prints the built-in runbook when there is no sop.md', async () => {
    const text = await run(['backup', 'restore-plan']);
    expect(text.out).toContain('Recovery runbook (SOP §4.3): RTO 4 hours, RPO 1 hour');
    expect(text.out).toContain('1. Stop application');
    const json = JSON.parse((await run(['backup', 'restore-plan', '--json'])).out) as { steps: unknown[]; dryRun: boolean };
    expect([json.dryRun, json.steps.length]).toEqual([true, 4]);
  });

  it('verify runs the verify script as a journalled run; bad options and components are usage errors', async () => {
    const result = await run(['backup', 'verify', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ kind: 'verify', result: 'success', steps: [{ id: 'verify-script', ok: true }] });
    expect(readFileSync(join(root, '.orchestration', 'backups.jsonl'), 'utf8')).toContain('"kind":"verify"');
    await expect(run(['backup', 'verify', 'nope'])).rejects.toThrow(UserError);
    writeFileSync(join(root, 'scripts', 'verify-backup.sh'), '#!/bin/sh\necho "checksum mismatch" >&2\nexit 1\n', { mode: 0o755 });
    const failed = await run(['backup', 'verify', 'database']);
    expect(failed.code, failed.out).toBe(1);
    const runId = /run (\S+-verify-\S+) /.exec(failed.out)![1]!;
    expect(readFileSync(join(root, '.orchestration', 'runs', `${runId}.log`), 'utf8')).toContain('checksum mismatch');
    expect(failed.out).toContain('[opsdeck] verify database: failed (failed step: verify-script)');
  }, 30_000);
});
