// Two processes appending to one incidents.jsonl at the same time, through the real append
// code (bundled from src/incident/incident-repo.ts): no line is lost, none interleaves.
import { execa } from 'execa';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIncidentJournal } from '../../src/incident/incident-events.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PER_WRITER = 150;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-incident-race-'));
  await build({
    entryPoints: [join(ROOT, 'src', 'incident', 'incident-repo.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: join(dir, 'repo.mjs'),
    logLevel: 'silent',
  });
  // each writer opens one incident, then appends notes as fast as it can (each ~3.5 KB)
  writeFileSync(
    join(dir, 'writer.mjs'),
    `import { appendIncidentEvent } from './repo.mjs';
const [root, name, count, startAt] = process.argv.slice(2);
// a start barrier, so both writers really run at the same time
while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 2));
const id = 'INC-20261126-000000-' + (name === 'a' ? 'aaaa' : 'bbbb');
const base = () => ({ v: 1, incidentId: id, at: new Date().toISOString(), who: name + '@box' });
await appendIncidentEvent(root, { ...base(), event: 'opened', priority: 'P1', title: 'race ' + name });
for (let i = 0; i < Number(count); i += 1) {
  await appendIncidentEvent(root, { ...base(), event: 'note', text: name + ':' + i + ':' + name.repeat(3500) });
}
`,
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('concurrent appends', () => {
  it('never interleave or lose lines', async () => {
    const root = join(dir, 'repo');
    mkdirSync(join(root, '.orchestration'), { recursive: true });
    const startAt = String(Date.now() + 1500);
    await Promise.all(['a', 'b'].map((name) => execa(process.execPath, [join(dir, 'writer.mjs'), root, name, String(PER_WRITER), startAt])));
    const text = readFileSync(join(root, '.orchestration', 'incidents.jsonl'), 'utf8');
    const parsed = parseIncidentJournal(text, 'incidents.jsonl');
    expect(parsed.problems).toEqual([]);
    expect(parsed.events).toHaveLength(2 * (PER_WRITER + 1));
    for (const name of ['a', 'b']) {
      const notes = parsed.events.flatMap(({ event }) => (event.event === 'note' && event.who === `${name}@box` ? [event.text] : []));
      expect(notes.map((t) => Number(t.split(':')[1]))).toEqual([...Array(PER_WRITER).keys()]);
      expect(notes.every((t) => t.endsWith(name.repeat(3500)))).toBe(true);
    }
    // the two writers really overlapped: their lines alternate
    const writers = parsed.events.map(({ event }) => event.who);
    const switches = writers.filter((w, i) => i > 0 && w !== writers[i - 1]).length;
    expect(switches).toBeGreaterThan(1);
  });
});
