// SLA rules from SOP §6.3 "Alert Priorities" (.orchestration/sop.md), so an edited SOP changes
// the timers. Understands the bullet form the SOP uses
//   - **P1 (Critical)**: Payments down …
//     - Response: Immediate, all hands
//     - SLA: 15 minutes
// a one-line form (`- P2 (High): respond within 1 hour, SLA 4 hours`) and table rows
// (`| P3 | Medium | Business hours | 24 hours |`). Every line of the section it cannot use is
// reported with its number; nothing is dropped silently. Pure.
import { PRIORITIES } from '../../models/incident-constants.js';
import type { Priority } from '../../models/incident.js';
import { parseDurationMs } from '../../models/incident-duration.js';
import type { LineProblem, ResponseRule, SlaRule } from '../../models/incident-view.js';

export type SopSla = {
  /** Whether the file has a §6.3 section at all. */
  found: boolean;
  rules: Partial<Record<Priority, SlaRule>>;
  problems: LineProblem[];
};

const SECTION = /^(#{1,6})\s*6\.3\b/;
const HEADING = /^(#{1,6})\s/;
const PRIORITY_LINE = /^\s*[-*+]?\s*(?:\*\*|__)?\s*(P[1-4])\b\s*(?:\(([^)]*)\))?\s*(?:\*\*|__)?\s*[:\-–—]?\s*(.*)$/;
const SUB_LINE = /^\s+[-*+]\s*(?:\*\*)?([A-Za-z][A-Za-z ]*?)(?:\*\*)?\s*:\s*(.*)$/;
const LEADING_DURATION = /^(\d+(?:\.\d+)?\s*(?:[a-z]+)(?:\s+\d+(?:\.\d+)?\s*[a-z]+)*)/i;

/** "Immediate, all hands", "Within 1 hour", "Business hours", "Best effort", "1 h". */
export function parseResponse(text: string): ResponseRule | undefined {
  const t = text.trim().toLowerCase();
  if (/^(respond\s+)?immediate(ly)?\b/.test(t)) return { kind: 'immediate' };
  if (/^(respond\s+)?(in|within|during)?\s*business\s+hours\b/.test(t)) return { kind: 'business-hours' };
  if (/^best[\s-]+effort\b/.test(t)) return { kind: 'best-effort' };
  const ms = leadingDuration(t.replace(/^(respond\s+)?(within|in)\s+/, ''));
  return ms === undefined ? undefined : { kind: 'within', ms };
}

/** A duration at the start of the text ("4 hours (resolve)" -> 4 h). */
export function leadingDuration(text: string): number | undefined {
  const whole = parseDurationMs(text);
  if (whole !== undefined) return whole;
  const match = LEADING_DURATION.exec(text.trim());
  if (!match?.[1]) return undefined;
  // shrink from the right until what is left is a duration ("1 week of effort" -> "1 week")
  const words = match[1].split(/\s+/);
  for (let n = words.length; n > 0; n -= 1) {
    const ms = parseDurationMs(words.slice(0, n).join(' '));
    if (ms !== undefined) return ms;
  }
  return undefined;
}

type Draft = { priority: Priority; label: string; line: number; response?: ResponseRule; resolveMs?: number };

/** "respond within 1 hour, SLA 4 hours" on one line. */
function parseInline(draft: Draft, rest: string): boolean {
  let used = false;
  const sla = /\bSLA\s*[:=]?\s*(.+?)(?:[,;.]|$)/i.exec(rest);
  if (sla?.[1]) {
    const ms = leadingDuration(sla[1]);
    if (ms !== undefined) {
      draft.resolveMs = ms;
      used = true;
    }
  }
  const response = /\b(?:response|respond)\s*[:=]?\s*(.+?)(?:[,;]|$)/i.exec(rest);
  if (response?.[1]) {
    const rule = parseResponse(response[1]);
    if (rule) {
      draft.response = rule;
      used = true;
    }
  }
  return used;
}

function parseTableRow(text: string, line: number, file: string, problems: LineProblem[]): Draft | undefined {
  const cells = text.split('|').map((c) => c.trim()).filter((c, i, all) => !(c === '' && (i === 0 || i === all.length - 1)));
  const priority = cells.find((c) => /^\**P[1-4]\b/.test(c))?.replace(/\*/g, '').slice(0, 2) as Priority | undefined;
  if (!priority) return undefined;
  const draft: Draft = { priority, label: cells.find((c) => /^[A-Za-z]+$/.test(c) && !/^P[1-4]$/.test(c)) ?? priority, line };
  const durations = cells.map((c) => ({ cell: c, response: parseResponse(c), ms: leadingDuration(c) }));
  const responses = durations.filter((d) => d.response);
  if (responses.length >= 2) {
    draft.response = responses[0]!.response;
    draft.resolveMs = responses[responses.length - 1]!.ms;
  } else if (responses.length === 1 && responses[0]!.ms !== undefined) {
    draft.resolveMs = responses[0]!.ms;
  }
  if (draft.resolveMs === undefined) problems.push({ file, line, reason: `${priority}: no SLA duration in this table row` });
  return draft;
}

/** Parses the SLA rules out of the SOP text. `file` only names the file in problems. */
export function parseSopSla(text: string, file: string): SopSla {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => SECTION.test(l));
  if (start < 0) return { found: false, rules: {}, problems: [] };
  const level = SECTION.exec(lines[start] ?? '')?.[1]?.length ?? 3;
  const problems: LineProblem[] = [];
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  let inFence = false;
  for (let i = start + 1; i < lines.length; i += 1) {
    const text = lines[i] ?? '';
    const line = i + 1;
    const heading = HEADING.exec(text);
    if (heading && !inFence && (heading[1]?.length ?? 0) <= level) break;
    if (/^\s*```/.test(text)) inFence = !inFence;
    if (inFence || text.trim() === '' || heading || /^\s*```/.test(text) || /^\s*(---+|\*\*\*+)\s*$/.test(text)) continue;
    if (/^\s*\|?[\s:|-]+\|?\s*$/.test(text) && text.includes('-')) continue; // table rule
    if (text.trim().startsWith('|')) {
      const row = parseTableRow(text, line, file, problems);
      if (row) drafts.push(row);
      else if (!/\bpriority\b/i.test(text)) problems.push({ file, line, reason: 'table row without a priority (P1–P4)' });
      current = undefined;
      continue;
    }
    const sub = /^\s+/.test(text) ? SUB_LINE.exec(text) : null;
    if (sub && current) {
      const key = (sub[1] ?? '').trim().toLowerCase();
      const value = sub[2] ?? '';
      if (key === 'response' || key === 'respond') {
        const rule = parseResponse(value);
        if (rule) current.response = rule;
        else problems.push({ file, line, reason: `${current.priority}: cannot read the response time "${value.trim()}"` });
      } else if (key === 'sla' || key === 'resolve' || key === 'resolution') {
        const ms = leadingDuration(value);
        if (ms !== undefined) current.resolveMs = ms;
        else problems.push({ file, line, reason: `${current.priority}: cannot read the SLA "${value.trim()}" (try "15 minutes", "4 hours")` });
      } else {
        problems.push({ file, line, reason: `${current.priority}: unknown field "${sub[1]}" (expected Response or SLA)` });
      }
      continue;
    }
    const head = PRIORITY_LINE.exec(text);
    if (head && !/^\s+/.test(text)) {
      current = { priority: head[1] as Priority, label: (head[2] ?? '').trim() || (head[1] as string), line };
      parseInline(current, head[3] ?? '');
      drafts.push(current);
      continue;
    }
    problems.push({ file, line, reason: 'not understood as part of the alert priorities' });
  }
  const rules: Partial<Record<Priority, SlaRule>> = {};
  for (const draft of drafts) {
    if (rules[draft.priority]) {
      problems.push({ file, line: draft.line, reason: `${draft.priority} is listed twice; keeping the first` });
      continue;
    }
    if (draft.resolveMs === undefined) {
      problems.push({ file, line: draft.line, reason: `${draft.priority}: no SLA duration given` });
      continue;
    }
    rules[draft.priority] = {
      priority: draft.priority,
      label: draft.label,
      response: draft.response ?? { kind: 'best-effort' },
      resolveMs: draft.resolveMs,
      source: 'sop',
      line: draft.line,
    };
    if (!draft.response) problems.push({ file, line: draft.line, reason: `${draft.priority}: no response time given; using "best effort"` });
  }
  for (const p of PRIORITIES) {
    if (!rules[p] && !problems.some((x) => x.reason.startsWith(`${p}:`) || x.reason.startsWith(`${p} `))) {
      problems.push({ file, line: start + 1, reason: `§6.3 has no rule for ${p}; using the default` });
    }
  }
  return { found: true, rules, problems };
}
