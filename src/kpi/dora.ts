// The four DORA figures (pure): deployment frequency, lead time for changes, change failure
// rate and time to restore, each with its band, n and the deploys/incidents it rests on.
import type { DoraBands } from '../../models/kpi-config.js';
import type { Band, DoraFigure, DrillItem } from '../../models/kpi-report.js';
import type { RunRecord } from '../../models/run.js';
import type { CommitGraph } from './commit-graph.js';
import { classifyRuns, restoreIndex, restoredAt } from './deploy-view.js';
import type { DeployView } from './deploy-view.js';
import { formatDuration, formatFrequency, formatPercent } from './format-values.js';
import type { IncidentRecord } from './journal.js';

export const DAY_MS = 86_400_000;
/** Drill-downs keep the newest this many items (n still counts all): the cache stays small. */
export const MAX_ITEMS = 300;
const newest = (items: DrillItem[]): DrillItem[] => items.slice(0, MAX_ITEMS);
const HOUR_S = 3600;

export type DoraInput = {
  runs: readonly RunRecord[];
  incidents: readonly IncidentRecord[];
  environment: string;
  windowDays: number;
  now: Date;
  bands: DoraBands;
  /** The git history; without it lead time is unknown. */
  graph?: CommitGraph;
  /** classifyRuns() of the same runs, when the caller already has it. */
  classified?: ReturnType<typeof classifyRuns>;
};

export type DoraResult = { figures: DoraFigure[]; warnings: string[] };

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Band of a "lower is better" value against elite/high/medium limits (strict: < limit). */
function bandBelow(value: number, limits: { elite: number; high: number; medium: number }, inclusive = false): Band {
  const within = (limit: number) => (inclusive ? value <= limit : value < limit);
  if (within(limits.elite)) return 'elite';
  if (within(limits.high)) return 'high';
  if (within(limits.medium)) return 'medium';
  return 'low';
}

const iso = (t: number): string => new Date(t).toISOString();

/** Daily buckets over the window, oldest first: index of the day `t` falls in, or -1. */
function dayIndex(t: number, now: number, days: number): number {
  const age = Math.floor((now - t) / DAY_MS);
  return age < 0 || age >= days ? -1 : days - 1 - age;
}

function dailyMedians(points: ReadonlyArray<{ at: number; value: number }>, now: number, days: number): (number | null)[] {
  const buckets: number[][] = Array.from({ length: days }, () => []);
  for (const p of points) {
    const i = dayIndex(p.at, now, days);
    if (i >= 0) buckets[i]!.push(p.value);
  }
  return buckets.map((b) => median(b));
}

/** Median count of distinct UTC deploy days per bucket of `size` days, buckets ending at now. */
function medianDeployDays(times: readonly number[], now: number, windowDays: number, size: number): number {
  const count = Math.ceil(windowDays / size);
  const days: Set<number>[] = Array.from({ length: count }, () => new Set());
  for (const t of times) {
    const bucket = Math.floor((now - t) / (size * DAY_MS));
    if (bucket >= 0 && bucket < count) days[bucket]!.add(Math.floor(t / DAY_MS));
  }
  return median(days.map((d) => d.size)) ?? 0;
}

function deployItem(d: DeployView, value?: string): DrillItem {
  return { id: d.id, at: iso(d.at), text: `${d.version ?? '?'} by ${d.run.started.who}`, ...(value ? { value } : {}) };
}

function frequency(input: DoraInput, inWindow: DeployView[], now: number): DoraFigure {
  const ok = inWindow.filter((d) => d.succeeded);
  const perDay = ok.length / input.windowDays;
  const b = input.bands.deployFrequency;
  const times = ok.map((d) => d.at);
  const weekly = medianDeployDays(times, now, input.windowDays, 7);
  const monthly = medianDeployDays(times, now, input.windowDays, 30);
  const band: Band = weekly >= b.eliteDaysPerWeek ? 'elite' : weekly >= b.highDaysPerWeek ? 'high' : monthly >= b.mediumDaysPerMonth ? 'medium' : 'low';
  const trend = Array.from({ length: input.windowDays }, () => 0);
  for (const t of times) {
    const i = dayIndex(t, now, input.windowDays);
    if (i >= 0) trend[i]! += 1;
  }
  return {
    id: 'deployFrequency',
    label: 'Deploy frequency',
    value: perDay,
    unit: 'perDay',
    display: formatFrequency(perDay),
    band,
    n: ok.length,
    nOf: 'deploys',
    basis: `${ok.length} successful ${input.environment} deploys in ${input.windowDays} d; median ${weekly} deploy-days/week, ${monthly}/month`,
    trend,
    items: ok.slice(-MAX_ITEMS).reverse().map((d) => deployItem(d)),
  };
}

function leadTime(input: DoraInput, all: DeployView[], inWindow: DeployView[], now: number, warnings: string[]): DoraFigure {
  const leads: number[] = [];
  const perDay: number[][] = Array.from({ length: input.windowDays }, () => []);
  // Each deploy with where its commits' lead times sit in `leads`, or why it has none.
  const items: Array<[DeployView, number, number] | [DeployView, string]> = [];
  const graph = input.graph;
  const wanted = new Set(inWindow);
  let previous: DeployView | undefined;
  // The previous deploy's ref was resolved one turn earlier: resolve each ref once.
  let last: { ref: string | null; sha: string | undefined } = { ref: null, sha: undefined };
  const resolve = (ref: string | null): string | undefined => (ref !== null && ref === last.ref ? last.sha : graph?.resolve(ref));
  for (const deploy of all) {
    if (!deploy.succeeded) continue;
    const before = previous;
    previous = deploy;
    if (!wanted.has(deploy)) continue;
    const prevRef = before ? before.ref : deploy.run.started.previousVersion;
    const from = resolve(prevRef) ?? null;
    const version = resolve(deploy.ref);
    last = { ref: deploy.ref, sha: version };
    const first = leads.length;
    if (!version || graph!.pushLeadTimes(from, version, deploy.at / 1000, leads) === undefined) {
      if (graph) warnings.push(`lead time: ${deploy.id}: version ${deploy.ref ?? '(none)'} is not in git`);
      items.push([deploy, 'version not in git']);
      continue;
    }
    const day = dayIndex(deploy.at, now, perDay.length);
    if (day >= 0) for (let i = first; i < leads.length; i += 1) perDay[day]!.push(leads[i]!);
    items.push([deploy, first, leads.length]);
  }
  const value = median(leads);
  const describe = (item: [DeployView, number, number] | [DeployView, string]): string => {
    if (item.length === 2) return item[1];
    const m = median(leads.slice(item[1], item[2]));
    return `${item[2] - item[1]} commits${m === null ? '' : `, median ${formatDuration(m)}`}`;
  };
  return {
    id: 'leadTime',
    label: 'Lead time',
    value,
    unit: 'seconds',
    display: value === null ? (graph ? 'no commits' : 'no git') : formatDuration(value),
    band: value === null ? null : bandBelow(value / HOUR_S, input.bands.leadTimeHours),
    n: leads.length,
    nOf: 'commits',
    basis: 'median of deploy finished − commit authored over the commits each deploy shipped (git log PREVIOUS..VERSION)',
    trend: perDay.map((b) => median(b)),
    items: items
      .slice(-MAX_ITEMS)
      .reverse()
      .map((item) => deployItem(item[0], describe(item))),
  };
}

function failureRate(input: DoraInput, inWindow: DeployView[], now: number): DoraFigure {
  const shipped = inWindow.filter((d) => d.shipped);
  const failed = shipped.filter((d) => d.failure);
  const value = shipped.length === 0 ? null : (100 * failed.length) / shipped.length;
  const perDay: { n: number; f: number }[] = Array.from({ length: input.windowDays }, () => ({ n: 0, f: 0 }));
  for (const d of shipped) {
    const i = dayIndex(d.at, now, input.windowDays);
    if (i < 0) continue;
    perDay[i]!.n += 1;
    if (d.failure) perDay[i]!.f += 1;
  }
  return {
    id: 'changeFailureRate',
    label: 'Change failure rate',
    value,
    unit: 'percent',
    display: value === null ? 'no deploys' : `${formatPercent(value)} (${failed.length}/${shipped.length})`,
    band: value === null ? null : bandBelow(value, input.bands.changeFailurePercent, true),
    n: shipped.length,
    nOf: 'deploys',
    basis: 'deploys that failed health/smoke, were rolled back or caused an incident ÷ deploys',
    trend: perDay.map((d) => (d.n === 0 ? null : (100 * d.f) / d.n)),
    // Newest first (shipped is oldest first).
    items: shipped
      .slice(-MAX_ITEMS)
      .reverse()
      .map((d) => deployItem(d, d.failure ? d.failure.reasons.join(', ') : 'ok')),
  };
}

function timeToRestore(input: DoraInput, split: ReturnType<typeof classifyRuns>, inWindow: DeployView[], now: number): DoraFigure {
  const start = now - input.windowDays * DAY_MS;
  const restores: { at: number; value: number; item: DrillItem }[] = [];
  const items: DrillItem[] = [];
  for (const incident of input.incidents) {
    if (!incident.resolvedAt) continue;
    const opened = Date.parse(incident.openedAt);
    const resolved = Date.parse(incident.resolvedAt);
    if (!(resolved > start && resolved <= now) || !Number.isFinite(opened)) continue;
    const value = Math.max(0, (resolved - opened) / 1000);
    restores.push({ at: resolved, value, item: { id: incident.id, at: incident.resolvedAt, text: `${incident.priority} ${incident.title}`, value: formatDuration(value) } });
  }
  const index = restoreIndex(split.deploys, split.rollbacks);
  for (const deploy of inWindow) {
    if (!deploy.failure || deploy.failure.reasons.every((r) => r.startsWith('caused '))) continue;
    const restored = restoredAt(deploy, index, split.rollbacks);
    if (!restored || restored.at > now) {
      items.push(deployItem(deploy, `${deploy.failure.reasons.join(', ')}; not restored yet`));
      continue;
    }
    const value = (restored.at - deploy.failure.at) / 1000;
    restores.push({ at: restored.at, value, item: { ...deployItem(deploy, `${formatDuration(value)}, restored by ${restored.by}`), at: iso(restored.at) } });
  }
  const value = median(restores.map((r) => r.value));
  return {
    id: 'timeToRestore',
    label: 'Time to restore',
    value,
    unit: 'seconds',
    display: value === null ? 'nothing to restore' : formatDuration(value),
    band: value === null ? null : bandBelow(value / HOUR_S, input.bands.timeToRestoreHours),
    n: restores.length,
    nOf: 'restores',
    basis: 'median of incident resolved − opened, and failed deploy → next successful deploy or rollback',
    trend: dailyMedians(restores, now, input.windowDays),
    items: newest([...items, ...restores.map((r) => r.item)].sort((a, b) => (b.at < a.at ? -1 : b.at > a.at ? 1 : 0))),
  };
}

export function computeDora(input: DoraInput): DoraResult {
  return prepareDora(input)(input.graph);
}

/**
 * computeDora() in two steps: the figures that need no git history now, lead time once the
 * history is there (compute.ts works out the rest while `git log` runs).
 */
export function prepareDora(input: Omit<DoraInput, 'graph'>): (graph: CommitGraph | undefined) => DoraResult {
  const now = input.now.getTime();
  const start = now - input.windowDays * DAY_MS;
  const split = input.classified ?? classifyRuns(input.runs, input.environment, input.incidents);
  const inWindow = split.deploys.filter((d) => d.at > start && d.at <= now);
  const rest = [frequency(input, inWindow, now), failureRate(input, inWindow, now), timeToRestore(input, split, inWindow, now)] as const;
  return (graph) => {
    const warnings: string[] = [];
    const lead = leadTime({ ...input, ...(graph ? { graph } : {}) }, split.deploys, inWindow, now, warnings);
    return { figures: [rest[0], lead, rest[1], rest[2]], warnings };
  };
}
