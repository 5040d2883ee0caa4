// The quick look at the deploy journal that lets `git log` start before the journal is parsed:
// it must give what the full fold + windowRevisions() gives (or more tips, never other `^rev`s
// unless guessCovers() says no), on generated journals in any field order.
import { describe, expect, it } from 'vitest';
import { classifyRuns, windowRevisions } from '../../src/kpi/deploy-view.js';
import { parseRunJournal } from '../../src/kpi/journal.js';
import { guessCovers, guessWindowRevisions, newestRunNamesVersion, stringField } from '../../src/kpi/revision-guess.js';
import type { DeployFixture } from '../fixtures/kpi/journal-builder.js';
import { runLines } from '../fixtures/kpi/journal-builder.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T12:00:00Z');
const SHA = (i: number): string => i.toString(16).padStart(40, 'c');

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Deploys over 60 days: staging ones, failures, rollbacks, shas or tags, finishes out of order. */
function makeRuns(count: number, seed: number): DeployFixture[] {
  const rnd = random(seed);
  const iso = (t: number): string => new Date(t).toISOString();
  return Array.from({ length: count }, (_, i) => {
    const started = NOW - 60 * DAY + i * ((60 * DAY) / count);
    const r = rnd();
    const fail = r < 0.1 ? 'health' : r < 0.15 ? 'smoke' : r < 0.2 ? 'deploy' : r < 0.22 ? 'tests' : undefined;
    return {
      id: `D${i}`,
      kind: rnd() < 0.08 ? 'rollback' : 'deploy',
      env: rnd() < 0.15 ? 'staging' : 'production',
      version: rnd() < 0.05 ? `v"${i}\\x` : `v${i}`,
      previousVersion: i > 0 && rnd() < 0.7 ? `v${i - 1}` : null,
      commit: rnd() < 0.4 ? SHA(i) : null,
      started: iso(started),
      // Some finish after later deploys started.
      finished: iso(started + (rnd() < 0.1 ? 2 * DAY : 600_000)),
      ...(fail ? { failStep: fail } : {}),
      ...(!fail && rnd() < 0.05 ? { rolledBackBy: { by: `R${i}`, at: iso(started + 3_600_000) } } : {}),
    } satisfies DeployFixture;
  });
}

const reorder = (line: string): string => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(line) as object).reverse()));
/** The runner's key order: `{...base, at, event, ...}`. */
const runnerOrder = (line: string): string => {
  const { v, runId, at, event, ...rest } = JSON.parse(line) as Record<string, unknown>;
  return JSON.stringify({ v, runId, at, event, ...rest });
};

function exact(text: string, env: string, start: number): { include: string[]; exclude: string[] } {
  const runs = parseRunJournal(text, { skipStepStarts: true }).records;
  return windowRevisions(classifyRuns(runs, env, []).deploys, start, NOW);
}

describe('guessWindowRevisions', () => {
  it('gives exactly the revisions of the full fold, for any window, environment and field order', () => {
    for (const seed of [1, 2, 3, 4]) {
      const lines = runLines(makeRuns(300, seed));
      const texts = [lines.join('\n'), lines.map(reorder).join('\n'), lines.map(runnerOrder).join('\n'), `${lines.join('\n')}\nnot json\n{"v":1,"runId":"D9","event":"run-fini`];
      for (const text of texts) {
        for (const days of [7, 30, 90]) {
          for (const env of ['production', 'staging']) {
            const want = exact(text, env, NOW - days * DAY);
            expect(want.include.length).toBeGreaterThan(0);
            expect(guessWindowRevisions(text, env, NOW - days * DAY, NOW)).toEqual(want);
          }
        }
      }
    }
  });

  it('counts a deploy that overrode its failed checks as a tip (a superset), and its `^rev` then differs', () => {
    const runs = makeRuns(40, 9).map((r) => ({ ...r, kind: 'deploy' as const, env: 'production', failStep: undefined, rolledBackBy: undefined, finished: r.started }));
    // D19 failed health but the run succeeded (the checks were overridden): not a successful deploy.
    const overridden = (line: string): string => (line.includes('"runId":"D19"') ? line.replace('"ok":true', '"ok":false').replace('"result":"failed"', '"result":"success"') : line);
    const text = runLines(runs).map((line) => (line.includes('"step":"health"') ? overridden(line) : line)).join('\n');
    const start = Date.parse(runs[20]!.finished) - 1;
    const want = exact(text, 'production', start);
    const guess = guessWindowRevisions(text, 'production', start, NOW);
    expect(guess.include).toEqual(want.include);
    expect(want.exclude).toEqual([runs[18]!.commit ?? runs[18]!.version]);
    expect(guess.exclude).toEqual([runs[19]!.commit ?? runs[19]!.version]);
    expect(guessCovers(guess, want)).toBe(false);
    // With the window one deploy earlier, D19 is only an extra tip: the guess holds.
    const earlier = Date.parse(runs[19]!.finished) - 1;
    const wider = guessWindowRevisions(text, 'production', earlier, NOW);
    const wantWider = exact(text, 'production', earlier);
    expect(wider.include.length).toBe(wantWider.include.length + 1);
    expect(guessCovers(wider, wantWider)).toBe(true);
  });

  it('gives nothing for an empty or foreign journal', () => {
    expect(guessWindowRevisions('', 'production', 0, NOW)).toEqual({ include: [], exclude: [] });
    expect(guessWindowRevisions('{"event": "run-started"}\n"event":"run-finished"', 'production', 0, NOW)).toEqual({ include: [], exclude: [] });
  });
});

describe('guessCovers', () => {
  const exactRevs = { include: ['a', 'b'], exclude: ['x'] };
  it('holds with the same `^rev`s and at least the same tips', () => {
    expect(guessCovers({ include: ['b', 'a'], exclude: ['x'] }, exactRevs)).toBe(true);
    expect(guessCovers({ include: ['a', 'b', 'c'], exclude: ['x'] }, exactRevs)).toBe(true);
    expect(guessCovers({ include: ['a'], exclude: ['x'] }, exactRevs)).toBe(false);
    expect(guessCovers({ include: ['a', 'b'], exclude: [] }, exactRevs)).toBe(false);
    expect(guessCovers({ include: ['a', 'b'], exclude: ['x', 'y'] }, exactRevs)).toBe(false);
    expect(guessCovers({ include: ['a', 'b'], exclude: ['y'] }, exactRevs)).toBe(false);
  });
});

describe('stringField', () => {
  it('reads strings (escaped too) and null; undefined for other values or a missing key', () => {
    const line = JSON.stringify({ a: 'plain', b: 'say "hi"\\n\u00e9', c: null, d: 5, e: { f: 'nested' } });
    expect(stringField(line, 'a')).toBe('plain');
    expect(stringField(line, 'b')).toBe('say "hi"\\n\u00e9');
    expect(stringField(line, 'c')).toBeNull();
    expect(stringField(line, 'd')).toBeUndefined();
    expect(stringField(line, 'e')).toBeUndefined();
    expect(stringField(line, 'f')).toBe('nested');
    expect(stringField(line, 'zz')).toBeUndefined();
    expect(stringField('{"a": "spaced"}', 'a')).toBe('spaced');
    expect(stringField('{"a":"open', 'a')).toBeUndefined();
    expect(stringField('{"a":"bad \\q"}', 'a')).toBeUndefined();
  });
});

describe('newestRunNamesVersion', () => {
  it('tells whether the newest run-started records a full sha', () => {
    const runs = makeRuns(3, 5).map((r, i) => ({ ...r, commit: i === 2 ? SHA(2) : null }));
    expect(newestRunNamesVersion(runLines(runs).join('\n'))).toBe(false);
    expect(newestRunNamesVersion(runLines(runs.slice(0, 2)).join('\n'))).toBe(true);
    expect(newestRunNamesVersion(runLines([{ ...runs[0]!, commit: 'abc1234' }]).join('\n'))).toBe(true);
    expect(newestRunNamesVersion('')).toBe(false);
  });
});
