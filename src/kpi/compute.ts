// Computes a KPI report from the real sources: the deploy journal, the incident log, git,
// sop.md and the metrics sources. Used by `opsdeck kpi` and, lazily imported, the cockpit.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KpisConfig, Measure } from '../../models/kpi-config.js';
import { METRIC_MEASURES } from '../../models/kpi-config.js';
import type { KpiReport } from '../../models/kpi-report.js';
import { errorMessage } from '../errors.js';
import { ORCHESTRATION_DIR } from '../paths.js';
import { classifyRuns, windowRevisions } from './deploy-view.js';
import { DAY_MS, computeDora } from './dora.js';
import { listRefs, loadCommitGraph } from './git-history.js';
import { parseIncidents, parseRunJournal } from './journal.js';
import { kpiRows } from './kpi-rows.js';
import { readMetric, sourceFor } from './metrics.js';
import type { MetricReading } from './metrics.js';
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

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw new Error(`cannot read ${path}: ${errorMessage(error)}`);
  }
}

export async function computeKpiReport(options: ComputeOptions): Promise<KpiReport> {
  const { root, kpis } = options;
  const now = options.now ?? new Date();
  const windowDays = options.windowDays ?? kpis.windowDays;
  const environment = options.environment ?? kpis.environment;
  const [journalText, incidentText, sopText] = await Promise.all([
    readOptional(join(root, DEPLOY_JOURNAL)),
    readOptional(join(root, INCIDENT_LOG)),
    readOptional(join(root, SOP_FILE)),
  ]);
  // The ref listing runs in git while the journal parses here.
  const refs = journalText ? listRefs(root) : undefined;
  refs?.catch(() => undefined);
  const journal = parseRunJournal(journalText ?? '', { skipStepStarts: true });
  const incidents = parseIncidents(incidentText ?? '');
  const warnings: string[] = [];
  if (journal.malformed > 0) warnings.push(`${DEPLOY_JOURNAL}: skipped ${journal.malformed} malformed line(s): ${journal.malformedLines.slice(0, 5).join(', ')}`);
  if (incidents.malformed > 0) warnings.push(`${INCIDENT_LOG}: skipped ${incidents.malformed} malformed line(s): ${incidents.malformedLines.slice(0, 5).join(', ')}`);

  const sop = parseSopKpis(sopText ?? '');
  const targets = applyConfigTargets(sop.kpis, kpis.targets);

  const split = classifyRuns(journal.records, environment, incidents.records);
  const revs = windowRevisions(split.deploys, now.getTime() - windowDays * DAY_MS, now.getTime());
  const metricCtx = { prometheusUrl: kpis.prometheusUrl, windowDays, now, timeoutMs: kpis.timeoutMs, cwd: root };
  const wanted = new Set(targets.map((t) => t.measure));
  const metricJobs = METRIC_MEASURES.filter((m) => wanted.has(m)).map(async (m): Promise<[Measure, MetricReading] | null> => {
    const source = sourceFor(m, kpis);
    return source ? [m, await readMetric(m, source, metricCtx)] : null;
  });
  const [graph, ...readings] = await Promise.all([
    revs.include.length > 0 ? loadCommitGraph(root, revs, refs) : Promise.resolve({ graph: undefined }),
    ...metricJobs,
  ]);
  if ('warning' in graph && graph.warning) warnings.push(graph.warning);
  const dora = computeDora({ runs: journal.records, incidents: incidents.records, environment, windowDays, now, bands: kpis.bands, graph: graph.graph, classified: split });
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
