// Backup status, pure: from the policy, what each source listed, and the verification runs of
// the journal, per component its state (ok / due / overdue / failed / unknown), retention,
// last verification; the RPO gauge; and the one-line summary for the dashboard.
import type { BackupPolicy, PolicyComponent } from '../../models/backup-policy.js';
import type { BackupEntry, BackupListing, BackupReport, ComponentStatus, RpoGauge, Verification } from '../../models/backup-status.js';
import { formatAge, formatDuration } from './duration.js';
import { normalizeType } from './entry-type.js';
import { intervalMs, nextRun, previousRun } from './schedule.js';

export type SourceResult = { listing?: BackupListing; error?: string };

/** A backup counts for the slot it was meant for even when it is stamped a little early. */
const SLOT_SLACK_MS = 60_000;
/** "On change": uncommitted changes older than this are overdue. */
const ON_CHANGE_GRACE_MS = 86_400_000;

/** The entries that belong to this component: a typed entry of another backup type does not. */
function ownEntries(component: PolicyComponent, entries: readonly BackupEntry[]): BackupEntry[] {
  const want = normalizeType(component.type);
  const filterByType = want === 'full' || want === 'incremental';
  return entries
    .filter((e) => !filterByType || e.type === undefined || normalizeType(e.type) === want)
    .filter((e) => Number.isFinite(Date.parse(e.time)))
    .sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}

function sourceLabel(component: PolicyComponent): string {
  const s = component.source;
  if (!s) return 'none';
  switch (s.kind) {
    case 'restic':
      return `restic ${s.repo}${s.tags.length ? ` [${s.tags.join(',')}]` : ''}`;
    case 's3':
      return `s3://${s.bucket}/${s.prefix}`;
    case 'dir':
      return `dir ${s.path}/${s.glob}`;
    case 'git':
      return `git ${s.paths.join(' ')}`;
    case 'command':
      return `command ${s.command}`;
  }
}

type Retention = Pick<ComponentStatus, 'retentionState' | 'retentionDetail'>;

function retentionOf(component: PolicyComponent, ok: readonly BackupEntry[], interval: number, now: number): Retention {
  const keep = component.retentionMs;
  if (ok.length === 0) return { retentionState: 'n/a', retentionDetail: 'no backups' };
  if (keep === null) return { retentionState: 'ok', retentionDetail: `kept forever (${ok.length})` };
  const ages = ok.map((e) => now - Date.parse(e.time));
  const oldest = Math.max(...ages);
  const tooOld = ages.filter((age) => age > keep + interval).length;
  if (tooOld > 0) return { retentionState: 'excess', retentionDetail: `${tooOld} older than ${component.retentionText}` };
  const since = component.since === null ? NaN : Date.parse(component.since);
  const existed = Number.isFinite(since) ? now - since : oldest;
  if (existed >= keep && oldest < keep - interval) {
    return { retentionState: 'shortfall', retentionDetail: `history ${formatAge(oldest)}, needs ${component.retentionText}` };
  }
  if (component.cron !== null && oldest >= keep - interval && interval > 0) {
    const expected = Math.floor(keep / interval);
    const inWindow = ages.filter((age) => age <= keep).length;
    if (inWindow < Math.floor(expected * 0.9)) {
      return { retentionState: 'shortfall', retentionDetail: `${inWindow} of ~${expected} backups kept in ${component.retentionText}` };
    }
  }
  return { retentionState: 'ok', retentionDetail: `${ok.length} kept, oldest ${formatAge(oldest)}` };
}

function latestVerification(component: PolicyComponent, verifications: readonly Verification[]): Verification | null {
  const mine = verifications.filter((v) => v.component === null || v.component === component.name || v.component.split(',').includes(component.name));
  return mine.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0] ?? null;
}

type StateParts = Pick<ComponentStatus, 'state' | 'detail' | 'nextExpected'>;

function clockState(component: PolicyComponent, last: BackupEntry | undefined, failed: BackupEntry | undefined, now: Date): StateParts & { interval: number } {
  const cron = component.cron!;
  const interval = intervalMs(cron, now);
  const grace = component.graceMs ?? interval * 0.25;
  const nextExpected = nextRun(cron, now).toISOString();
  const slot = previousRun(cron, now);
  if (failed) return { state: 'failed', detail: `last backup failed ${formatAge(now.getTime() - Date.parse(failed.time))} ago`, nextExpected, interval };
  if (!last) return { state: 'overdue', detail: 'no successful backup found', nextExpected, interval };
  const age = now.getTime() - Date.parse(last.time);
  if (age > interval + grace) {
    return { state: 'overdue', detail: `last backup ${formatAge(age)} ago; due every ${formatDuration(interval)} + ${formatAge(grace)} grace`, nextExpected, interval };
  }
  if (Date.parse(last.time) < slot.getTime() - SLOT_SLACK_MS) {
    return { state: 'due', detail: `the ${slot.toISOString().slice(11, 16)} UTC backup is not there yet`, nextExpected, interval };
  }
  return { state: 'ok', detail: `last backup ${formatAge(age)} ago`, nextExpected, interval };
}

function changeState(component: PolicyComponent, last: BackupEntry | undefined, listing: BackupListing, now: Date): StateParts {
  const pending = listing.pending;
  const grace = component.graceMs ?? ON_CHANGE_GRACE_MS;
  if (pending && pending.count > 0) {
    const age = pending.oldest ? now.getTime() - Date.parse(pending.oldest) : 0;
    const what = `${pending.count} uncommitted change${pending.count === 1 ? '' : 's'} not backed up`;
    return age > grace ? { state: 'overdue', detail: `${what}, oldest ${formatAge(age)}`, nextExpected: null } : { state: 'due', detail: what, nextExpected: null };
  }
  if (!last) return { state: 'overdue', detail: 'never committed', nextExpected: null };
  return { state: 'ok', detail: `no uncommitted changes; last commit ${formatAge(now.getTime() - Date.parse(last.time))} ago`, nextExpected: null };
}

export function componentStatus(component: PolicyComponent, result: SourceResult | undefined, verifications: readonly Verification[], now: Date): ComponentStatus {
  const base = {
    name: component.name,
    label: component.label,
    schedule: component.scheduleText,
    type: component.type,
    retention: component.retentionText,
    source: sourceLabel(component),
    verification: latestVerification(component, verifications),
    database: component.database,
  };
  const empty = { last: null, count: 0, retentionState: 'n/a' as const, retentionDetail: '', nextExpected: component.cron ? nextRun(component.cron, now).toISOString() : null };
  if (!component.source) return { ...base, ...empty, state: 'unknown', detail: 'no source configured (backups.components[].source)', error: null };
  if (!result) return { ...base, ...empty, state: 'unknown', detail: 'querying…', error: null };
  if (result.error !== undefined || !result.listing) return { ...base, ...empty, state: 'failed', detail: result.error ?? 'no result', error: result.error ?? 'no result' };
  const entries = ownEntries(component, result.listing.entries);
  const ok = entries.filter((e) => e.ok);
  const last = ok[0];
  const failed = entries.find((e) => !e.ok && (!last || Date.parse(e.time) > Date.parse(last.time)));
  const parts = component.cron === null ? { ...changeState(component, last, result.listing, now), interval: ON_CHANGE_GRACE_MS } : clockState(component, last, failed, now);
  const { interval, ...state } = parts;
  return {
    ...base,
    ...state,
    last: last ? { time: new Date(Date.parse(last.time)).toISOString(), ageMs: now.getTime() - Date.parse(last.time), size: last.size, id: last.id } : null,
    count: ok.length,
    ...retentionOf(component, ok, interval, now.getTime()),
    error: null,
    cached: result.listing.cached === true,
  };
}

export function rpoGauge(policy: BackupPolicy, statuses: readonly ComponentStatus[]): RpoGauge | null {
  const databases = statuses.filter((s) => s.database && s.source !== 'none');
  if (databases.length === 0) return null;
  const newest = databases.filter((s) => s.last !== null).sort((a, b) => a.last!.ageMs - b.last!.ageMs)[0];
  if (!newest) return { rpoMs: policy.rpoMs, ageMs: null, component: null, breach: databases.some((s) => s.state !== 'unknown'), ratio: null };
  const ageMs = newest.last!.ageMs;
  return { rpoMs: policy.rpoMs, ageMs, component: newest.name, breach: ageMs > policy.rpoMs, ratio: ageMs / policy.rpoMs };
}

export function summaryLine(statuses: readonly ComponentStatus[], rpo: RpoGauge | null): string {
  if (statuses.length === 0) return 'no backup components (SOP §4.1 / backups.components)';
  const ok = statuses.filter((s) => s.state === 'ok').length;
  const bad = statuses.filter((s) => s.state === 'overdue' || s.state === 'failed').map((s) => `${s.name} ${s.state}${s.last ? ` ${formatAge(s.last.ageMs)}` : ''}`);
  const querying = statuses.some((s) => s.detail === 'querying…');
  const parts = [querying ? 'querying…' : `${ok}/${statuses.length} ok`, ...bad];
  if (rpo) parts.push(rpo.ageMs === null ? 'RPO: no db backup' : `RPO ${formatAge(rpo.ageMs)}/${formatDuration(rpo.rpoMs)}${rpo.breach ? ' BREACH' : ''}`);
  return parts.join(' · ');
}

export function buildReport(policy: BackupPolicy, results: ReadonlyMap<string, SourceResult>, verifications: readonly Verification[], now: Date): BackupReport {
  const components = policy.components.map((c) => componentStatus(c, results.get(c.name), verifications, now));
  const rpo = rpoGauge(policy, components);
  const alert = components.some((c) => c.state === 'overdue' || c.state === 'failed' || c.retentionState === 'shortfall') || (rpo?.breach ?? false);
  return { at: now.toISOString(), components, rpo, rtoMs: policy.rtoMs, summary: summaryLine(components, rpo), issues: policy.issues, alert };
}
