// Folding journal events into runs: the one rule set that the run list, the KPIs and the
// incident timeline all read by (pure; no I/O). Each reader keeps its own way of reporting a
// problem line.
import type { JournalEvent, RunRecord } from '../../models/run.js';

/** An event that does not fit: a second start of a run, or an event for a run never started. */
export type FoldProblem = 'second-start' | 'unknown-run';

/**
 * Folds one event into `runs` (keyed by run id, in start order).
 * - The first start of a run is kept.
 * - The first finish wins: a late `interrupted` from an abort race changes nothing. A later
 *   `rolled_back`, appended for a deploy a rollback undid, updates the result and keeps the
 *   first finish time.
 * - A step's first finish wins; a step the plan did not list is added.
 */
export function foldRunEvent(runs: Map<string, RunRecord>, event: JournalEvent): FoldProblem | undefined {
  if (event.event === 'run-started') {
    if (runs.has(event.runId)) return 'second-start';
    runs.set(event.runId, { id: event.runId, started: event, steps: event.steps.map((s) => ({ id: s.id, title: s.title })) });
    return undefined;
  }
  const run = runs.get(event.runId);
  if (!run) return 'unknown-run';
  if (event.event === 'run-finished') {
    const first = run.finished;
    if (!first) run.finished = event;
    else if (event.result === 'rolled_back') run.finished = { ...first, result: 'rolled_back', ...(event.rolledBackBy ? { rolledBackBy: event.rolledBackBy } : {}) };
    return undefined;
  }
  let step = run.steps.find((s) => s.id === event.step);
  if (!step) {
    step = { id: event.step, title: event.step };
    run.steps.push(step);
  }
  if (event.event === 'step-started') step.startedAt = event.at;
  else step.finished ??= event;
  return undefined;
}
