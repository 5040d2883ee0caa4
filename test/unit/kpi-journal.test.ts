// Lenient journal and incident parsing: malformed lines are skipped and counted.
import { describe, expect, it } from 'vitest';
import { FOLD_SLICE_LINES, foldRunJournal, parseIncidents, parseRunJournal } from '../../src/kpi/journal.js';
import { incidentLines, runLines } from '../fixtures/kpi/journal-builder.js';

describe('deploy journal', () => {
  it('folds events into runs; a later rolled_back keeps the first finish time', () => {
    const text = runLines([
      { id: 'A', version: 'v1', started: '2026-01-01T00:00:00Z', finished: '2026-01-01T00:10:00Z', rolledBackBy: { by: 'R', at: '2026-01-01T05:00:00Z' } },
      { id: 'B', version: 'v2', started: '2026-01-02T00:00:00Z', finished: '2026-01-02T00:10:00Z', failStep: 'smoke' },
    ]).join('\n');
    const parsed = parseRunJournal(`${text}\n{"v":2}\n\n{"v":1,"runId":"ghost","event":"run-finished","at":"x","result":"success","failedStep":null,"durationMs":1}\n`);
    expect(parsed.malformed).toBe(2);
    const [a, b] = parsed.records;
    expect(a!.finished).toMatchObject({ result: 'rolled_back', at: '2026-01-01T00:10:00Z', rolledBackBy: 'R' });
    expect(b!.steps.find((s) => s.id === 'smoke')!.finished!.ok).toBe(false);
    expect(b!.finished!.failedStep).toBe('smoke');
  });

  it('adds steps the run-started did not list', () => {
    const lines = runLines([{ id: 'A', version: 'v1', started: '2026-01-01T00:00:00Z', finished: '2026-01-01T00:10:00Z', steps: ['deploy'] }]);
    lines.splice(1, 0, JSON.stringify({ v: 1, runId: 'A', event: 'step-started', at: '2026-01-01T00:01:00Z', step: 'extra', command: 'x' }));
    const [run] = parseRunJournal(lines.join('\n')).records;
    expect(run!.steps.map((s) => [s.id, s.startedAt])).toEqual([
      ['deploy', undefined],
      ['extra', '2026-01-01T00:01:00Z'],
    ]);
    // DORA's fast path leaves step-started lines unread (not counted as malformed either).
    const fast = parseRunJournal(lines.join('\n'), { skipStepStarts: true });
    expect(fast.records[0]!.steps.map((s) => s.id)).toEqual(['deploy']);
    expect(fast.malformed).toBe(0);
  });
});

describe('incident log', () => {
  it('folds incidents, priority changes and causes', () => {
    const lines = incidentLines([{ id: 'I1', opened: '2026-01-01T00:00:00Z', resolved: '2026-01-01T01:00:00Z', cause: 'RUN-1' }]);
    lines.push(JSON.stringify({ v: 1, incidentId: 'I1', at: '2026-01-01T00:30:00Z', who: 'a@b', event: 'priority-changed', priority: 'P1' }));
    lines.push(JSON.stringify({ v: 1, incidentId: 'nope', at: '2026-01-01T00:30:00Z', who: 'a@b', event: 'acknowledged' }));
    lines.push('{');
    const parsed = parseIncidents(lines.join('\n'));
    expect(parsed.records).toEqual([{ id: 'I1', title: 'incident I1', priority: 'P1', openedAt: '2026-01-01T00:00:00Z', resolvedAt: '2026-01-01T01:00:00Z', cause: 'RUN-1' }]);
    expect(parsed.malformedLines).toEqual([5, 6]);
  });
});

describe('deploy journal in slices', () => {
  it('yields every FOLD_SLICE_LINES lines and folds exactly what parseRunJournal folds', () => {
    const runs = Array.from({ length: 700 }, (_, i) => ({ id: `R${i}`, version: `v${i}`, started: '2026-01-01T00:00:00Z', finished: '2026-01-01T00:10:00Z', ...(i % 7 === 0 ? { failStep: 'health' as const } : {}) }));
    const lines = runLines(runs);
    lines.splice(100, 0, '{"v":1,"runId":"R1","event":"step-finished","extra":true,"at":"x","step":"s","ok":true,"exitCode":0,"durationMs":1}', '{broken');
    const text = lines.join('\n');
    const fold = foldRunJournal(text, { skipStepStarts: true });
    let slices = 0;
    let step = fold.next();
    for (; !step.done; step = fold.next()) slices += 1;
    expect(slices).toBe(Math.ceil(lines.length / FOLD_SLICE_LINES));
    expect(step.value).toEqual(parseRunJournal(text, { skipStepStarts: true }));
    // The line with an unknown field went through zod (which drops the field), the broken one is counted.
    expect(step.value.malformedLines).toEqual([102]);
    expect(step.value.records[1]!.steps.find((s) => s.id === 's')!.finished).not.toHaveProperty('extra');
  });
});
