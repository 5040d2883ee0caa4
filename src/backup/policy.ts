// The effective backup policy: the SOP §4.1 table (from sop.md, else the built-in copy of it),
// with `backups.components` from the config overriding rows or adding components.
import type { BackupComponentConfig, BackupsConfig } from '../../models/backup-config.js';
import type { BackupPolicy, PolicyComponent, PolicyIssue, SopRow } from '../../models/backup-policy.js';
import { parseDuration } from './duration.js';
import { parseSchedule } from './schedule.js';
import { BUILTIN_RECOVERY_STEPS, BUILTIN_SOP_ROWS } from './sop-parse.js';
import type { SopBackupSection } from './sop-parse.js';

const DEFAULT_RPO = '1 hour';
const DEFAULT_RTO = '4 hours';

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function isDatabase(name: string): boolean {
  return /^(database|db|postgres|mysql)/i.test(name);
}

/** Names for the table's rows: the first row of a component gets its slug, the others slug-type. */
function rowNames(rows: readonly SopRow[]): string[] {
  const names: string[] = [];
  for (const row of rows) {
    const base = slug(row.component) || 'component';
    let name = names.includes(base) ? `${base}-${slug(row.type) || 'more'}` : base;
    for (let n = 2; names.includes(name); n += 1) name = `${base}-${n}`;
    names.push(name);
  }
  return names;
}

function fromRow(row: SopRow, name: string, origin: PolicyComponent['origin'], file: string, issues: PolicyIssue[]): PolicyComponent | undefined {
  const where = origin === 'sop' ? `${file}:${row.line}` : 'built-in §4.1 table';
  const schedule = parseSchedule(row.schedule);
  if (typeof schedule === 'string') {
    issues.push({ where, message: `${row.component}: ${schedule}` });
    return undefined;
  }
  const retention = parseDuration(row.retention);
  if (retention === undefined) {
    issues.push({ where, message: `${row.component}: retention "${row.retention}" is not a duration (e.g. "30 days", "Forever")` });
    return undefined;
  }
  return {
    name,
    label: row.component,
    scheduleText: schedule.text,
    cron: schedule.kind === 'cron' ? schedule.cron : null,
    type: row.type.toLowerCase(),
    retentionText: row.retention,
    retentionMs: retention,
    graceMs: null,
    location: row.location,
    database: isDatabase(row.component),
    since: null,
    source: null,
    origin,
  };
}

function cronOf(text: string): string | null | undefined {
  const schedule = parseSchedule(text);
  if (typeof schedule === 'string') return undefined;
  return schedule.kind === 'cron' ? schedule.cron : null;
}

/** The policy row a config entry overrides: same name, or same schedule and a name starting with the row's. */
function matchRow(entry: BackupComponentConfig, components: readonly PolicyComponent[]): number {
  const byName = components.findIndex((c) => c.name === entry.name);
  if (byName >= 0 || entry.schedule === undefined) return byName;
  const cron = cronOf(entry.schedule);
  return components.findIndex((c) => c.origin !== 'config' && c.cron === cron && cron !== undefined && entry.name.startsWith(slug(c.label)) && !c.source);
}

function applyEntry(entry: BackupComponentConfig, index: number, base: PolicyComponent | undefined, file: string, issues: PolicyIssue[]): PolicyComponent | undefined {
  const where = `${file} backups.components[${index}] (${entry.name})`;
  const scheduleText = entry.schedule ?? base?.scheduleText;
  if (scheduleText === undefined) {
    issues.push({ where, message: 'schedule is required for a component that is not in the SOP §4.1 table' });
    return undefined;
  }
  const schedule = parseSchedule(scheduleText);
  if (typeof schedule === 'string') {
    issues.push({ where, message: `schedule: ${schedule}` });
    return undefined;
  }
  const retentionText = entry.retention ?? base?.retentionText ?? 'forever';
  const retention = parseDuration(retentionText);
  if (retention === undefined) {
    issues.push({ where, message: `retention: "${retentionText}" is not a duration (e.g. "30 days", "Forever")` });
    return undefined;
  }
  let graceMs = base?.graceMs ?? null;
  if (entry.grace !== undefined) {
    const grace = parseDuration(entry.grace);
    if (grace === undefined || grace === null) issues.push({ where, message: `grace: "${entry.grace}" is not a duration (e.g. "30 minutes")` });
    else graceMs = grace;
  }
  return {
    name: entry.name,
    label: base?.label ?? entry.name,
    scheduleText: schedule.text,
    cron: schedule.kind === 'cron' ? schedule.cron : null,
    type: (entry.type ?? base?.type ?? 'any').toLowerCase(),
    retentionText,
    retentionMs: retention,
    graceMs,
    location: base?.location ?? entry.source?.kind ?? '',
    database: entry.database ?? base?.database ?? isDatabase(entry.name),
    since: entry.since ?? base?.since ?? null,
    source: entry.source ?? base?.source ?? null,
    origin: base?.origin ?? 'config',
  };
}

function objectiveMs(configText: string, configDefault: string, sopText: string | undefined, name: string, issues: PolicyIssue[], file: string): [number, string] {
  // An explicit config value wins; otherwise §4.3; otherwise the default.
  const text = configText !== configDefault || sopText === undefined ? configText : sopText;
  const ms = parseDuration(text);
  if (typeof ms === 'number' && ms > 0) return [ms, text];
  issues.push({ where: text === configText ? `${file} backups.${name}` : `sop.md §4.3 ${name.toUpperCase()}`, message: `"${text}" is not a duration; using ${configDefault}` });
  return [parseDuration(configDefault)!, configDefault];
}

/**
 * Builds the policy. `sop` is the parsed sop.md (undefined when there is none); `files` name
 * the SOP and config files in issues.
 */
export function buildPolicy(config: BackupsConfig, sop: SopBackupSection | undefined, files: { sop: string; config: string } = { sop: 'sop.md', config: 'opsdeck.yaml' }): BackupPolicy {
  const issues: PolicyIssue[] = [...(sop?.issues ?? [])];
  const fromSop = config.useSop && sop?.rows !== undefined;
  const rows = !config.useSop ? [] : (sop?.rows ?? BUILTIN_SOP_ROWS);
  const origin = fromSop ? 'sop' : 'builtin';
  const names = rowNames(rows);
  const components: PolicyComponent[] = [];
  rows.forEach((row, i) => {
    const component = fromRow(row, names[i]!, origin, files.sop, issues);
    if (component) components.push(component);
  });
  config.components.forEach((entry, index) => {
    const at = matchRow(entry, components);
    const merged = applyEntry(entry, index, at >= 0 ? components[at] : undefined, files.config, issues);
    if (!merged) return;
    if (at >= 0) components[at] = merged;
    else components.push(merged);
  });
  const [rpoMs, rpoText] = objectiveMs(config.rpo, DEFAULT_RPO, sop?.rpo, 'rpo', issues, files.config);
  const [rtoMs, rtoText] = objectiveMs(config.rto, DEFAULT_RTO, sop?.rto, 'rto', issues, files.config);
  return {
    components,
    rpoMs,
    rtoMs,
    rpoText,
    rtoText,
    recoverySteps: sop && sop.steps.length > 0 ? sop.steps : BUILTIN_RECOVERY_STEPS,
    issues,
    tableFrom: !config.useSop ? 'none' : fromSop ? 'sop' : 'builtin',
  };
}
