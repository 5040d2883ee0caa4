// SOP §6.1 objectives and §6.2 KPI lines of `.orchestration/sop.md` into
// {name, stated as written, target, comparator, unit} (pure). Lines of those sections it
// cannot read are returned by line number, never dropped.
import type { KpiEntry } from '../../models/kpi-config.js';
import type { SopKpi, UnparsedLine } from '../../models/kpi-report.js';
import { ConfigError } from '../errors.js';
import { measureOf, parseQuantity, parseTarget } from './quantity.js';

export type SopKpis = { kpis: SopKpi[]; unparsed: UnparsedLine[]; date: string | null; found: { objectives: boolean; kpis: boolean } };

const HEADING = /^(#{1,6})\s+(.*)$/;
const KPI_LINE = /^\s*[-*+]\s+\*\*(.+?):?\*\*\s*:?\s*(.*?)\s*\(\s*target\s*:\s*(.+?)\s*\)\s*\.?\s*$/i;
const STATUS_EMOJI = /🟢|🟡|🔴|✅|❌|⚠️?/u;

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** The SOP's date: "Last Updated: YYYY-MM-DD", else the newest date in the document. */
export function sopDate(text: string): string | null {
  const updated = /last\s+updated\s*:?\s*(\d{4}-\d{2}-\d{2})/i.exec(text);
  if (updated) return updated[1]!;
  const dates = text.match(/\b\d{4}-\d{2}-\d{2}\b/g);
  return dates ? [...dates].sort().pop()! : null;
}

function objectiveRow(line: string, lineNo: number, header: string[]): SopKpi | UnparsedLine {
  const row = cells(line);
  const col = (re: RegExp, fallback: number): number => {
    const i = header.findIndex((h) => re.test(h));
    return i >= 0 ? i : fallback;
  };
  const name = row[col(/objective/i, 0)] ?? '';
  const result = row[col(/key\s*result|target|goal/i, 1)] ?? '';
  const status = row[col(/status|current|actual/i, 2)] ?? '';
  if (!name || !result) return { line: lineNo, text: line, reason: 'objective row needs an objective and a key result' };
  const measure = measureOf(result) ?? measureOf(name);
  const target = parseTarget(result, measure);
  if (!target) return { line: lineNo, text: line, reason: `no target value in "${result}"` };
  const stated = status.replace(STATUS_EMOJI, '').trim();
  return {
    name,
    section: '6.1',
    line: lineNo,
    stated: status || null,
    statedValue: stated ? parseQuantity(stated) : null,
    target: result,
    comparator: target.comparator,
    targetValue: target.value,
    unit: target.unit,
    measure,
  };
}

function kpiLine(line: string, lineNo: number): SopKpi | UnparsedLine {
  const match = KPI_LINE.exec(line);
  if (!match) return { line: lineNo, text: line, reason: 'expected "- **Name**: value (target: …)"' };
  const [, name, stated, targetText] = match as unknown as [string, string, string, string];
  const measure = measureOf(name);
  const target = parseTarget(targetText, measure);
  if (!target) return { line: lineNo, text: line, reason: `cannot read the target "${targetText}"` };
  return {
    name: name.trim(),
    section: '6.2',
    line: lineNo,
    stated: stated || null,
    statedValue: stated ? parseQuantity(stated) : null,
    target: targetText,
    comparator: target.comparator,
    targetValue: target.value,
    unit: target.unit,
    measure,
  };
}

/** Parses §6.1 and §6.2 of the SOP. */
export function parseSopKpis(text: string): SopKpis {
  const lines = text.split(/\r?\n/);
  const kpis: SopKpi[] = [];
  const unparsed: UnparsedLine[] = [];
  const found = { objectives: false, kpis: false };
  let section: '6.1' | '6.2' | null = null;
  let level = 0;
  let header: string[] | null = null;
  let fence = false;
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? null : HEADING.exec(line);
    if (heading) {
      const depth = heading[1]!.length;
      const title = heading[2]!;
      const which = /^6\.1\b/.test(title) ? '6.1' : /^6\.2\b/.test(title) ? '6.2' : null;
      if (which) {
        section = which;
        level = depth;
        header = null;
        if (which === '6.1') found.objectives = true;
        else found.kpis = true;
      } else if (section && depth <= level) {
        section = null;
      }
      return;
    }
    if (!section || line.trim() === '' || /^\s*(---+|\*\*\*+)\s*$/.test(line) || /^\s*<!--.*-->\s*$/.test(line)) return;
    let parsed: SopKpi | UnparsedLine;
    if (section === '6.1') {
      if (!line.trim().startsWith('|')) parsed = { line: lineNo, text: line, reason: 'expected a table row "| Objective | Key Results | Status |"' };
      else if (/^\s*\|?\s*:?-{2,}/.test(line)) return;
      else if (!header) {
        header = cells(line);
        return;
      } else parsed = objectiveRow(line, lineNo, header);
    } else {
      parsed = kpiLine(line, lineNo);
    }
    if ('reason' in parsed) unparsed.push({ ...parsed, text: parsed.text.trim() });
    else kpis.push(parsed);
  });
  return { kpis, unparsed, date: sopDate(text), found };
}

/** Applies the config's `kpis.targets`: an entry overrides the SOP KPI of the same name, or adds one. */
export function applyConfigTargets(kpis: readonly SopKpi[], entries: readonly KpiEntry[], file = '.orchestration/opsdeck.yaml'): SopKpi[] {
  const out = [...kpis];
  entries.forEach((entry, i) => {
    const existing = out.findIndex((k) => k.name.toLowerCase() === entry.name.toLowerCase());
    const base = existing >= 0 ? out[existing]! : undefined;
    const measure = entry.measure ?? base?.measure ?? measureOf(entry.name);
    const targetText = entry.target ?? base?.target;
    if (!targetText) throw new ConfigError(file, undefined, `kpis.targets.${i}.target`, `"${entry.name}" is not in the SOP, so it needs a target`);
    const target = parseTarget(targetText, measure);
    if (!target) throw new ConfigError(file, undefined, `kpis.targets.${i}.target`, `cannot read "${targetText}" (try "<100ms", "99.9%", "daily", "<1 hour")`);
    const stated = entry.stated ?? base?.stated ?? null;
    const kpi: SopKpi = {
      name: entry.name,
      section: base?.section ?? 'config',
      line: base?.line ?? 0,
      stated,
      statedValue: stated ? parseQuantity(stated.replace(STATUS_EMOJI, '')) : null,
      target: targetText,
      comparator: target.comparator,
      targetValue: target.value,
      unit: target.unit,
      measure,
    };
    if (existing >= 0) out[existing] = kpi;
    else out.push(kpi);
  });
  return out;
}
