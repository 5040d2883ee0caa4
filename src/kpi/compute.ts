// Computes a KPI report from the real sources: the deploy journal, the incident log, git,
// sop.md and the metrics sources. Used by `opsdeck kpi` and, lazily imported, the cockpit.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { KpisConfig, Measure } from '../../models/kpi-config.js';
import { METRIC_MEASURES } from '../../models/kpi-config.js';
import type { KpiReport } from '../../models/kpi-report.js';
import { errorMessage } from '../errors.js';
import { ORCHESTRATION_DIR } from '../paths.js';
import { classifyRuns, windowRevisions } from './deploy-view.js';
import { DAY_MS, prepareDora } from './dora.js';
import { listRefs, loadCommitGraph } from './git-history.js';
import type { GraphResult, RefList } from './git-history.js';
import { foldRunJournal, parseIncidents } from './journal.js';
import { kpiRows } from './kpi-rows.js';
import { readMetric, sourceFor } from './metrics.js';
import type { MetricReading } from './metrics.js';
import { guessCovers, guessWindowRevisions, newestRunNamesVersion } from './revision-guess.js';
import { applyConfigTargets, parseSopKpis } from './sop-kpis.js';

export const DEPLOY_JOURNAL = join(ORCHESTRATION_DIR, 'deploys.jsonl');
export const INCIDENT_LOG = join(ORCHESTRATION_DIR, 'incidents.jsonl');
export const SOP_FILE = join(ORCHESTRATION_DIR, 'sop.md');

export type ComputeOptions = {
  root: string;
  kpis: KpisConfig;
  windowDays?: number;
  environment?: string;
  now?: Date;
};

/** Bytes at the end of the journal read first, to start git's ref listing before the rest is read. */
const TAIL_BYTES = 16_384;

/** The file's text, or null when it does not exist; `peek` sees its last TAIL_BYTES first. */
async function readOptional(path: string, peek?: (tail: string) => void): Promise<string | null> {
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    if (peek) {
      const { size } = await file.stat();
      const length = Math.min(size, TAIL_BYTES);
      const { buffer } = await file.read(Buffer.alloc(length), 0, length, size - length);
      peek(buffer.toString('utf8'));
    }
    // One flat string: reading as 'utf8' builds it from chunks, and the first search flattens it.
    return (await file.readFile()).toString('utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw new Error(`cannot read ${path}: ${errorMessage(error)}`);
  } finally {
    await file?.close();
  }
}

/** Lets the event loop run: git's output is read (and a frame drawn) between journal slices. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function drain<T>(fold: Generator<void, T, void>): Promise<T> {
  for (;;) {
    const step = fold.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}

export async function computeKpiReport(options: ComputeOptions): Promise<KpiReport> {
  const { root, kpis } = options;
  const now = options.now ?? new Date();
  const windowDays = options.windowDays ?? kpis.windowDays;
  const environment = options.environment ?? kpis.environment;
  const start = now.getTime() - windowDays * DAY_MS;
  // Tags and branches are listed (in git, while the journal is read) when the newest deploy
  // names its version without a full sha.
  let refs: Promise<RefList> | undefined;
  const listRefsIf = (text: string | null): void => {
    if (!refs && text && newestRunNamesVersion(text)) refs = listRefs(root);
  };
  const [journalText, incidentText, sopText] = await Promise.all([
    readOptional(join(root, DEPLOY_JOURNAL), listRefsIf),
    readOptional(join(root, INCIDENT_LOG)),
    readOptional(join(root, SOP_FILE)),
  ]);
  listRefsIf(journalText);
  // git walks the history while the journal is parsed and validated: the log starts from the
  // revisions a quick look at the run lines gives, and is kept only if the exact ones agree.
  const guess = guessWindowRevisions(journalText ?? '', environment, start, now.getTime());
  const stopEarly = new AbortController();
  const early = guess.include.length > 0 ? loadCommitGraph(root, guess, refs, stopEarly.signal) : undefined;
  refs?.catch(() => undefined);
  early?.catch(() => undefined);

  const sop = parseSopKpis(sopText ?? '');
  const targets = applyConfigTargets(sop.kpis, kpis.targets);
  const metricCtx = { prometheusUrl: kpis.prometheusUrl, windowDays, now, timeoutMs: kpis.timeoutMs, cwd: root };
  const wanted = new Set(targets.map((t) => t.measure));
  const metricJobs = METRIC_MEASURES.filter((m) => wanted.has(m)).map(async (m): Promise<[Measure, MetricReading] | null> => {
    const source = sourceFor(m, kpis);
    return source ? [m, await readMetric(m, source, metricCtx)] : null;
  });

  const journal = await drain(foldRunJournal(journalText ?? '', { skipStepStarts: true }));
  const incidents = parseIncidents(incidentText ?? '');
  const warnings: string[] = [];
  if (journal.malformed > 0) warnings.push(`${DEPLOY_JOURNAL}: skipped ${journal.malformed} malformed line(s): ${journal.malformedLines.slice(0, 5).join(', ')}`);
  if (incidents.malformed > 0) warnings.push(`${INCIDENT_LOG}: skipped ${incidents.malformed} malformed line(s): ${incidents.malformedLines.slice(0, 5).join(', ')}`);

  const split = classifyRuns(journal.records, environment, incidents.records);
  const revs = windowRevisions(split.deploys, start, now.getTime());
  const loadGraph = async (): Promise<GraphResult> => {
    if (early && revs.include.length > 0 && guessCovers(guess, revs)) return early;
    stopEarly.abort();
    return revs.include.length === 0 ? { graph: undefined } : loadCommitGraph(root, revs, refs);
  };
  const graphResult = loadGraph();
  const finishDora = prepareDora({ runs: journal.records, incidents: incidents.records, environment, windowDays, now, bands: kpis.bands, classified: split });
  const [graph, ...readings] = await Promise.all([graphResult, ...metricJobs]);
  if (graph.warning) warnings.push(graph.warning);
  const dora = finishDora(graph.graph);
  warnings.push(...dora.warnings.slice(0, 10));
  const metrics = Object.fromEntries(readings.filter((r): r is [Measure, MetricReading] => r !== null));
  return {
    v: 1,
    computedAt: now.toISOString(),
    environment,
    windowDays,
    dora: dora.figures,
    kpis: kpiRows(targets, { dora: dora.figures, metrics, warnPercent: kpis.warnPercent, sopDate: sop.date }),
    unparsed: sop.unparsed,
    sopDate: sop.date,
    sopFound: sopText !== null,
    malformed: { deploys: journal.malformed, incidents: incidents.malformed },
    warnings,
  };
}
