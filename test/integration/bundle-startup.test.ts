// What the cockpit's first frame loads: builds the shipped bundle in memory (the same esbuild
// options as dist/) and follows the static imports from the entry and the cockpit chunk. Heavy
// packages must stay behind dynamic imports; zod alone is ~190 KB of start-up parsing.
import { build } from 'esbuild';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without types
import { buildOptions } from '../../esbuild.options.mjs';

const LAZY_ONLY = ['zod', 'yaml', 'commander', '@modelcontextprotocol/sdk', '@aws-sdk', '@xterm/headless', 'systeminformation', 'marked', 'cron-parser', 'execa', 'semver'];

let meta: Metafile;

/** The outputs reached from `start` through static imports only. */
function staticClosure(start: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const out = queue.pop() as string;
    if (seen.has(out)) continue;
    seen.add(out);
    for (const imp of meta.outputs[out]?.imports ?? []) if (imp.kind === 'import-statement' && meta.outputs[imp.path]) queue.push(imp.path);
  }
  return seen;
}

function packageOf(input: string): string | undefined {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m?.[1];
}

beforeAll(async () => {
  const result = await build({ ...(buildOptions('dist-metafile') as object), write: false, metafile: true });
  meta = result.metafile;
}, 120_000);

describe('the cockpit start-up graph', () => {
  it('loads none of the heavy packages before the first frame', () => {
    const outputs = Object.keys(meta.outputs);
    const entry = outputs.find((o) => o.endsWith('/opsdeck.js'));
    const cockpit = outputs.find((o) => /\/chunks\/cockpit-[^/]+\.js$/.test(o));
    expect(entry).toBeDefined();
    expect(cockpit).toBeDefined();
    const closure = staticClosure([entry as string, cockpit as string]);
    const packages = new Set<string>();
    for (const out of closure) for (const input of Object.keys(meta.outputs[out]?.inputs ?? {})) packages.add(packageOf(input) ?? '');
    expect([...packages].filter((p) => LAZY_ONLY.some((l) => p === l || p.startsWith(`${l}/`)))).toEqual([]);
    // Ink, React and the cockpit's own code are what it needs
    expect(packages.has('ink')).toBe(true);
  });

  it('still bundles those packages for the commands that use them', () => {
    const all = new Set(Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs).map((i) => packageOf(i) ?? '')));
    expect(all.has('zod')).toBe(true);
    expect(all.has('yaml')).toBe(true);
  });

  it('bundles one luxon: the build cron-parser requires, which src/backup/schedule.ts configures', () => {
    const luxon = new Set(Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs).filter((i) => packageOf(i) === 'luxon')));
    expect([...luxon]).toEqual(['node_modules/luxon/build/node/luxon.js']);
  });
});
