// registerIncident in-process, with a real commander program and real files in a temp repo
// (incident-cli.test.ts covers the same paths end to end through the built bin).
import { Command, CommanderError } from 'commander';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GlobalOptions, ICliContext } from '../../commands/cli-context.js';
import { registerIncident } from '../../commands/incident.js';
import { UserError } from '../../src/errors.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'incident');
let root: string;

type Run = { out: string[]; err: string[]; code: number; error?: string };

async function run(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('opsdeck').option('-r, --root <dir>').option('--readonly').exitOverride();
  const quiet = { writeErr: () => undefined, writeOut: () => undefined };
  program.configureOutput(quiet);
  const ctx: ICliContext = {
    globals: () => program.opts<GlobalOptions>(),
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    resolveRoot: async () => root,
    setExitCode: () => undefined,
  };
  registerIncident(program, ctx);
  const all = (c: Command): void => {
    for (const sub of c.commands) all(sub.exitOverride().configureOutput(quiet));
  };
  all(program);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out, err, code: 0 };
  } catch (error) {
    if (error instanceof UserError) return { out, err, code: error.exitCode, error: error.message };
    if (error instanceof CommanderError) return { out, err, code: 2, error: error.message };
    throw error;
  }
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsdeck-incident-cmd-'));
  mkdirSync(join(root, '.orchestration'));
  copyFileSync(join(FIX, 'deploys.jsonl'), join(root, '.orchestration', 'deploys.jsonl'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('registerIncident', () => {
  it('runs the whole incident life cycle', async () => {
    expect((await run('incidents', '--open')).out).toEqual(['No open incidents.']);
    const opened = await run('incident', 'open', 'P2', 'webhooks', 'delayed');
    expect(opened.out[0]).toMatch(/^opened: INC-\d{8}-\d{6}-[0-9a-f]{4} {2}P2 {2}open {9}4h 00m left +webhooks delayed$/);
    const id = /INC-\S+/.exec(opened.out[0] ?? '')?.[0] ?? '';
    expect((await run('incident', 'note', id, 'consumer', 'stuck')).out[0]).toMatch(/^noted: /);
    expect((await run('incident', 'ack', id, '--json')).out[0]).toContain('"status": "acknowledged"');
    expect((await run('incident', 'priority', id, '1')).out[0]).toMatch(/^now P1: .* P1 {2}acknowledged/);
    expect(await run('incident', 'priority', id, 'P1')).toMatchObject({ code: 1, error: `${id} is already P1` });
    expect((await run('incident', 'show', id)).out[0]).toContain('✎');
    expect(JSON.parse((await run('incident', 'show', id, '--json')).out[0] ?? '{}').timeline).toHaveLength(4);
    expect((await run('incident', 'resolve', id, '--cause', '1a2b')).out[0]).toMatch(/^resolved: .*resolved +met/);
    expect((await run('incident', 'export', id)).out[0]).toBe(`wrote .orchestration/incidents/${id}.md`);
    expect(existsSync(join(root, '.orchestration', 'incidents', `${id}.md`))).toBe(true);
    const list = await run('incidents', '--json');
    expect(JSON.parse(list.out[0] ?? '{}').incidents[0]).toMatchObject({ id, cause: '20261120-084500-deploy-1a2b' });
  });

  it('refuses bad input with clear one-line errors and exit codes', async () => {
    expect(await run('incident', 'open', 'urgent', 'x')).toMatchObject({ code: 2, error: 'priority must be P1, P2, P3 or P4, not "urgent"' });
    expect(await run('--readonly', 'incident', 'open', 'P1', 'x')).toMatchObject({ code: 2, error: 'read-only mode: incident open is disabled' });
    expect(await run('incident', 'ack', 'nope')).toMatchObject({ code: 2, error: 'no incident matches "nope"; there are no incidents yet' });
    expect((await run('incident', 'resolve', 'x', '--cause', '')).code).toBe(2);
  });

  it('warns about malformed journal lines on stderr and still lists', async () => {
    await run('incident', 'open', 'P4', 'minor');
    writeFileSync(join(root, '.orchestration', 'incidents.jsonl'), `oops\n${'x\n'.repeat(11)}`, { flag: 'a' });
    const listed = await run('incidents');
    expect(listed.code).toBe(0);
    expect(listed.err[0]).toBe('warning: .orchestration/incidents.jsonl:2: not JSON');
    expect(listed.err.at(-1)).toBe('warning: and 2 more problems');
    expect(listed.out[0]).toContain('minor');
  });
});
