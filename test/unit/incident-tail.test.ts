// Incremental journal reads: only appended lines are parsed again; an unterminated last line
// is pending; a file rewritten in place or truncated is read from the start.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTail, tailItems } from '../../src/incident/journal-tail.js';
import type { LineParser, TailCache } from '../../src/incident/journal-tail.js';
import { createIncidentReader } from '../../src/incident/incident-repo.js';

let dir: string;
let parsedLines: string[];
const parse: LineParser<string> = (text, first) => {
  const items: string[] = [];
  const problems: { file: string; line: number; reason: string }[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    parsedLines.push(line);
    if (line.startsWith('bad')) problems.push({ file: 'f', line: first + i, reason: 'bad' });
    else items.push(`${first + i}:${line}`);
  });
  return { items, problems };
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-tail-'));
  parsedLines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readTail', () => {
  it('parses only what was appended, with the right line numbers', async () => {
    const path = join(dir, 'j');
    expect(await readTail(path, undefined, parse)).toBeUndefined();
    writeFileSync(path, 'a\nbad\n');
    let cache = (await readTail(path, undefined, parse)) as TailCache<string>;
    expect(tailItems(cache)).toEqual({ items: ['1:a'], problems: [{ file: 'f', line: 2, reason: 'bad' }] });
    appendFileSync(path, 'c\nd');
    parsedLines = [];
    cache = (await readTail(path, cache, parse)) as TailCache<string>;
    expect(parsedLines).toEqual(['c', 'd']);
    expect(tailItems(cache).items).toEqual(['1:a', '3:c', '4:d']);
    expect(cache.items).toEqual(['1:a', '3:c']);
    appendFileSync(path, 'e\n');
    parsedLines = [];
    cache = (await readTail(path, cache, parse)) as TailCache<string>;
    expect(parsedLines).toEqual(['de']);
    expect(tailItems(cache).items).toEqual(['1:a', '3:c', '4:de']);
    const same = await readTail(path, cache, parse);
    expect(same).toBe(cache);
  });

  it('starts over when the file is rewritten in place or truncated', async () => {
    const path = join(dir, 'j');
    writeFileSync(path, 'a\nb\n');
    let cache = (await readTail(path, undefined, parse)) as TailCache<string>;
    writeFileSync(path, 'x\ny\nz\n');
    cache = (await readTail(path, cache, parse)) as TailCache<string>;
    expect(tailItems(cache).items).toEqual(['1:x', '2:y', '3:z']);
    writeFileSync(path, 'q\n');
    cache = (await readTail(path, cache, parse)) as TailCache<string>;
    expect(tailItems(cache).items).toEqual(['1:q']);
    writeFileSync(path, '');
    cache = (await readTail(path, cache, parse)) as TailCache<string>;
    expect(tailItems(cache)).toEqual({ items: [], problems: [] });
  });
});

describe('createIncidentReader', () => {
  it('follows appends to the incident journal and the run journals', async () => {
    const root = join(dir, 'repo');
    const orch = join(root, '.orchestration');
    const reader = createIncidentReader(root, undefined);
    expect((await reader.load()).incidents).toEqual([]);
    const ev = (rest: object) => `${JSON.stringify({ v: 1, incidentId: 'INC-20261120-084800-abcd', at: '2026-11-20T08:48:00.000Z', who: 'a@b', ...rest })}\n`;
    const { mkdirSync } = await import('node:fs');
    mkdirSync(orch, { recursive: true });
    writeFileSync(join(orch, 'incidents.jsonl'), ev({ event: 'opened', priority: 'P2', title: 'x' }));
    let snap = await reader.load();
    expect(snap.incidents.map((i) => i.status)).toEqual(['open']);
    appendFileSync(join(orch, 'incidents.jsonl'), `junk\n${ev({ event: 'acknowledged' })}`);
    const run = { v: 1, runId: '20261120-084500-deploy-1a2b', at: '2026-11-20T08:49:00.000Z', event: 'run-started', kind: 'deploy', env: 'production', version: 'v1', previousVersion: null, commit: null, who: 'a@b', host: 'h', pid: 1, logPath: 'l', steps: [] };
    writeFileSync(join(orch, 'deploys.jsonl'), `${JSON.stringify(run)}\nnot json\n`);
    snap = await reader.load();
    expect(snap.incidents[0]?.status).toBe('acknowledged');
    expect(snap.problems).toEqual([{ file: '.orchestration/incidents.jsonl', line: 2, reason: 'not JSON' }]);
    expect(snap.runs.runs.map((r) => r.id)).toEqual(['20261120-084500-deploy-1a2b']);
    expect(snap.runs.skipped).toBe(1);
  });
});
