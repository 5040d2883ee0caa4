// `opsdeck incident …` and `opsdeck incidents` through the built bin, on temp repos: every
// command, its --json, its exit codes, the SOP-driven SLA, and malformed journal lines.
import { execa } from 'execa';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IncidentSchema, SlaStateSchema, TimelineEntrySchema } from '../../models/incident-view.js';
import { IncidentEventSchema } from '../../models/incident.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opsdeck');
const FIX = join(ROOT, 'test', 'fixtures', 'incident');
const WithSla = IncidentSchema.extend({ sla: SlaStateSchema });
let repo: string;

const orch = (name: string) => join(repo, '.orchestration', name);

async function opsdeck(...args: string[]) {
  return execa(process.execPath, [BIN, '--root', repo, ...args], {
    cwd: repo,
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: repo, XDG_STATE_HOME: join(repo, 'state') },
  });
}

async function ok(...args: string[]) {
  const result = await opsdeck(...args);
  expect(result.exitCode, result.stderr).toBe(0);
  return result;
}

async function open(priority: string, title: string) {
  return WithSla.parse(JSON.parse((await ok('incident', 'open', priority, title, '--json')).stdout));
}

async function list(...args: string[]) {
  const out = JSON.parse((await ok('incidents', '--json', ...args)).stdout) as { incidents: unknown[]; sla: Record<string, { resolveMs: number; source: string }>; problems: { line: number; reason: string }[] };
  return { ...out, incidents: out.incidents.map((i) => WithSla.parse(i)) };
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'opsdeck.js'))) await execa('npm', ['run', 'build'], { cwd: ROOT });
});

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'opsdeck-incident-cli-'));
  mkdirSync(join(repo, '.orchestration'));
  copyFileSync(join(ROOT, 'examples', 'demo', '.orchestration', 'sop.md'), orch('sop.md'));
});

afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('opsdeck incident open / incidents', () => {
  it('declares incidents, appends fsynced events, and lists open ones first', async () => {
    expect((await ok('incidents')).stdout).toContain('No incidents yet');
    const p3 = await open('P3', 'slow reports');
    const p1 = await open('p1', 'payments down');
    expect(p1.id).toMatch(/^INC-\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(p1).toMatchObject({ priority: 'P1', status: 'open', title: 'payments down', sla: { breached: false } });
    expect(Date.parse(p1.sla.dueAt) - Date.parse(p1.openedAt)).toBe(15 * 60_000);
    const lines = readFileSync(orch('incidents.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => IncidentEventSchema.parse(JSON.parse(l)).event)).toEqual(['opened', 'opened']);

    const text = (await ok('incidents')).stdout.split('\n');
    expect(text[0]).toMatch(new RegExp(`^${p1.id} {2}P1 {2}open {9}1[45]:\\d\\d left +payments down$`));
    expect(text[1]).toContain(p3.id);

    await ok('incident', 'resolve', p3.id);
    expect((await list('--open')).incidents.map((i) => i.id)).toEqual([p1.id]);
    expect((await list()).incidents.map((i) => i.id)).toEqual([p1.id, p3.id]);
    expect((await ok('incidents', '--open')).stdout).not.toContain(p3.id);
  });

  it('refuses a bad priority, an empty title and read-only mode with exit 2', async () => {
    const bad = await opsdeck('incident', 'open', 'P5', 'x');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('opsdeck: priority must be P1, P2, P3 or P4, not "P5"');
    expect((await opsdeck('incident', 'open', 'P1', '   ')).exitCode).toBe(2);
    const ro = await execa(process.execPath, [BIN, '--root', repo, '--readonly', 'incident', 'open', 'P1', 'x'], { reject: false });
    expect(ro.exitCode).toBe(2);
    expect(ro.stderr).toContain('read-only mode');
    expect(existsSync(orch('incidents.jsonl'))).toBe(false);
  });
});

describe('opsdeck incident note / ack / resolve', () => {
  it('works on a unique id fragment and refuses unknown or ambiguous ones with exit 2', async () => {
    const a = await open('P2', 'webhooks delayed');
    const b = await open('P2', 'webhooks lost');
    const ambiguous = await opsdeck('incident', 'note', 'webhooks', 'hello');
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toContain('"webhooks" matches 2 incidents');
    expect(ambiguous.stderr).toContain(a.id);
    expect(ambiguous.stderr).toContain(b.id);
    const unknown = await opsdeck('incident', 'ack', 'nothing-like-it');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain(`no incident matches "nothing-like-it"; known: `);

    const noted = WithSla.parse(JSON.parse((await ok('incident', 'note', a.id.slice(-4), 'consumer', 'stuck', '--json')).stdout));
    expect(noted.notes.map((n) => n.text)).toEqual(['consumer stuck']);
    expect((await ok('incident', 'ack', 'delayed')).stdout).toMatch(/^acknowledged: .*acknowledged/);
    const twice = await opsdeck('incident', 'ack', 'delayed');
    expect(twice.exitCode).toBe(1);
    expect(twice.stderr).toContain('already acknowledged');
  });

  it('resolves with a cause run id from deploys.jsonl, checking it', async () => {
    copyFileSync(join(FIX, 'deploys.jsonl'), orch('deploys.jsonl'));
    const a = await open('P1', 'checkout errors');
    const unknown = await opsdeck('incident', 'resolve', a.id, '--cause', 'nope');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('matches no deploy or rollback run');
    expect(unknown.stderr).toContain('recent runs: 20261120-091000-rollback-3c4d');
    const ambiguous = await opsdeck('incident', 'resolve', a.id, '--cause', '20261120');
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toContain('matches 2 runs');
    const resolved = WithSla.parse(JSON.parse((await ok('incident', 'resolve', a.id, '--cause', '1a2b', '--summary', 'bad pool size', '--json')).stdout));
    expect(resolved).toMatchObject({ status: 'resolved', cause: '20261120-084500-deploy-1a2b', summary: 'bad pool size' });
    const again = await opsdeck('incident', 'resolve', a.id);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('already resolved');
    expect((await opsdeck('incident', 'ack', a.id)).exitCode).toBe(1);
    const last = readFileSync(orch('incidents.jsonl'), 'utf8').trimEnd().split('\n').at(-1) ?? '';
    expect(IncidentEventSchema.parse(JSON.parse(last))).toMatchObject({ event: 'resolved', cause: '20261120-084500-deploy-1a2b' });
  });
});

describe('opsdeck incident show / export', () => {
  const at = (iso: string) => ({ v: 1, at: iso, who: 'dana@box', incidentId: 'INC-20261120-084800-abcd' });
  beforeEach(() => {
    copyFileSync(join(FIX, 'deploys.jsonl'), orch('deploys.jsonl'));
    copyFileSync(join(FIX, 'backups.jsonl'), orch('backups.jsonl'));
    const events = [
      { ...at('2026-11-20T08:48:00.000Z'), event: 'opened', priority: 'P1', title: 'payments 5xx' },
      { ...at('2026-11-20T08:55:00.000Z'), event: 'note', text: 'rolling back' },
      { ...at('2026-11-20T09:40:00.000Z'), event: 'resolved', cause: '20261120-084500-deploy-1a2b' },
    ];
    writeFileSync(orch('incidents.jsonl'), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  });

  it('shows the timeline with the runs of the open window', async () => {
    const text = (await ok('incident', 'show', 'abcd')).stdout;
    expect(text).toContain('rollback v1.4.0 to production failed at health (20261120-091000-rollback-3c4d)');
    expect(text).toContain('verify database success');
    expect(text).not.toContain('20261119-120000-deploy-0000');
    const json = JSON.parse((await ok('incident', 'show', 'abcd', '--json')).stdout) as { timeline: unknown[] };
    const kinds = json.timeline.map((e) => TimelineEntrySchema.parse(e).kind);
    expect(kinds[0]).toBe('opened');
    expect(kinds.at(-1)).toBe('resolved');
    expect(kinds).toContain('rollback');
  });

  it('exports the postmortem once, refusing to overwrite it without --force', async () => {
    expect((await ok('incident', 'export', 'abcd')).stdout).toBe('wrote .orchestration/incidents/INC-20261120-084800-abcd.md');
    const path = orch(join('incidents', 'INC-20261120-084800-abcd.md'));
    const md = readFileSync(path, 'utf8');
    expect(md).toContain('# Postmortem: payments 5xx');
    expect(md).toContain('Caused by run `20261120-084500-deploy-1a2b`');
    writeFileSync(path, `${md}\nedited by hand\n`);
    const again = await opsdeck('incident', 'export', 'abcd');
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(path, 'utf8')).toContain('edited by hand');
    expect(JSON.parse((await ok('incident', 'export', 'abcd', '--force', '--json')).stdout)).toEqual({ id: 'INC-20261120-084800-abcd', path: '.orchestration/incidents/INC-20261120-084800-abcd.md' });
    expect(readFileSync(path, 'utf8')).not.toContain('edited by hand');
  });
});

describe('journal and SOP problems', () => {
  it('reports malformed lines with their numbers and keeps going; appends start on a fresh line', async () => {
    const a = await open('P2', 'first');
    appendFileSync(orch('incidents.jsonl'), '{"v":1,"broken');
    const b = await open('P3', 'second');
    const result = await ok('incidents');
    expect(result.stderr).toBe('warning: .orchestration/incidents.jsonl:2: not JSON');
    expect(result.stdout).toContain(a.id);
    expect(result.stdout).toContain(b.id);
    const { problems } = await list();
    expect(problems).toEqual([{ file: '.orchestration/incidents.jsonl', line: 2, reason: 'not JSON' }]);
  });

  it('takes the SLA from sop.md (edited: 30 minutes for P1) and lets the config override it', async () => {
    copyFileSync(join(FIX, 'sop-edited.md'), orch('sop.md'));
    const edited = await list();
    expect(edited.sla.P1).toMatchObject({ resolveMs: 30 * 60_000, source: 'sop' });
    expect(edited.problems.map((p) => p.reason)).toContain('not understood as part of the alert priorities');
    writeFileSync(orch('opsdeck.yaml'), 'incidents:\n  sla:\n    P1: 2 seconds\n');
    expect((await list()).sla.P1).toMatchObject({ resolveMs: 2000, source: 'config' });
    writeFileSync(orch('opsdeck.yaml'), 'incidents:\n  sla:\n    P1: soon\n');
    const bad = await opsdeck('incidents');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/opsdeck\.yaml:3: incidents\.sla\.P1: .*not a duration/);
  });
});
