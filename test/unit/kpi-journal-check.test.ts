// The fast journal pre-check may only accept what JournalEventSchema accepts, exactly as zod
// would return it: checked on valid events and thousands of mutations of them.
import { describe, expect, it } from 'vitest';
import { JournalEventSchema } from '../../models/run.js';
import { EVENT_KEYS, isPlainJournalEvent } from '../../src/kpi/journal-check.js';

const VALID: Record<string, unknown>[] = [
  {
    v: 1,
    runId: 'D1',
    at: '2026-11-01T00:00:00Z',
    event: 'run-started',
    kind: 'deploy',
    env: 'production',
    version: 'v1',
    previousVersion: null,
    commit: null,
    who: 'ana@box',
    host: 'box',
    pid: 12,
    logPath: '.orchestration/runs/D1.log',
    steps: [
      { id: 'deploy', title: 'Deploy' },
      { id: 'health', title: 'Health' },
    ],
    override: { reason: 'known flake', failedChecks: ['smoke'] },
    component: null,
  },
  { v: 1, runId: 'D1', at: '2026-11-01T00:00:00Z', event: 'run-started', kind: 'rollback', env: null, version: null, previousVersion: 'v0', commit: 'abc', who: 'a', host: 'b', pid: 0, logPath: 'x', steps: [] },
  { v: 1, runId: 'D1', at: 'x', event: 'step-started', step: 'deploy', command: './deploy.sh' },
  { v: 1, runId: 'D1', at: 'x', event: 'step-finished', step: 'health', ok: false, exitCode: 503, durationMs: 1.5, detail: 'HTTP 503' },
  { v: 1, runId: 'D1', at: 'x', event: 'step-finished', step: 'deploy', ok: true, exitCode: null, durationMs: 0 },
  { v: 1, runId: 'D1', at: 'x', event: 'run-finished', result: 'failed', failedStep: 'health', durationMs: 10 },
  { v: 1, runId: 'D1', at: 'x', event: 'run-finished', result: 'rolled_back', failedStep: null, durationMs: 10, rolledBackBy: 'R1' },
];

const ODD_VALUES: unknown[] = [null, undefined, 0, -1, 1.5, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY, '', 'x', 'deploy', 'success', true, false, [], ['x'], [1], {}, { id: 'a' }, { id: 'a', title: 'b' }, { id: 'a', title: 'b', extra: 1 }];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** One random change: a field removed, added, or set to an odd value, at the top or one level down. */
function mutate(event: Record<string, unknown>, rnd: () => number): Record<string, unknown> {
  const copy = structuredClone(event);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  let target: Record<string, unknown> = copy;
  const nested = Object.values(copy).filter((v) => typeof v === 'object' && v !== null) as Record<string, unknown>[];
  if (nested.length > 0 && rnd() < 0.3) {
    const inner = pick(nested);
    target = Array.isArray(inner) ? (inner.length > 0 && typeof inner[0] === 'object' ? (inner[0] as Record<string, unknown>) : (inner as unknown as Record<string, unknown>)) : inner;
  }
  const keys = Object.keys(target);
  const r = rnd();
  if (r < 0.2 && keys.length > 0) delete target[pick(keys)];
  // An own "__proto__" key, as JSON.parse makes one.
  else if (r < 0.3) Object.defineProperty(target, pick(['extra', '__proto__', 'detail', 'override', 'component', 'rolledBackBy', 'zzz']), { value: pick(ODD_VALUES), enumerable: true, writable: true, configurable: true });
  else if (keys.length > 0) target[pick(keys)] = pick(ODD_VALUES);
  // The check reads lines of the journal: values as JSON.parse gives them.
  return JSON.parse(JSON.stringify(copy)) as Record<string, unknown>;
}

describe('isPlainJournalEvent', () => {
  it('knows exactly the fields of every event in models/run.ts (a new field must be added here too)', () => {
    const events = JournalEventSchema.options.map((schema) => [schema.shape.event.value, Object.keys(schema.shape).sort()]);
    expect(events.map(([event]) => event)).toEqual(Object.keys(EVENT_KEYS));
    for (const [event, keys] of events) expect([...EVENT_KEYS[event as string]!].sort()).toEqual(keys);
  });

  it('accepts the events the runner writes, as zod returns them', () => {
    for (const event of VALID) {
      expect(isPlainJournalEvent(event)).toBe(true);
      expect(JournalEventSchema.parse(event)).toEqual(event);
    }
  });

  it('accepts nothing zod would reject or change, over thousands of mutations', () => {
    const rnd = random(42);
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < 6000; i += 1) {
      let event = VALID[i % VALID.length]!;
      for (let n = 1 + Math.floor(rnd() * 2); n > 0; n -= 1) event = mutate(event, rnd);
      const zod = JournalEventSchema.safeParse(event);
      if (isPlainJournalEvent(event)) {
        accepted += 1;
        expect(zod.success, JSON.stringify(event)).toBe(true);
        expect(zod.data).toStrictEqual(event);
      } else rejected += 1;
    }
    // Both outcomes happen: the mutations exercise the check, not just one side of it.
    expect(accepted).toBeGreaterThan(300);
    expect(rejected).toBeGreaterThan(3000);
  });

  it('rejects what is not an event object', () => {
    for (const value of [null, 'x', 1, [], [VALID[0]], { ...VALID[2], event: 'other' }, { ...VALID[2], v: 2 }]) expect(isPlainJournalEvent(value)).toBe(false);
  });
});
