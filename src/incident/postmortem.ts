// The postmortem skeleton of an incident (summary, impact, timeline, cause, actions) as
// Markdown, written to `.orchestration/incidents/ID.md` by `opsdeck incident export` and `e`.
// Pure: everything it shows is passed in; outside text is sanitized.
import type { Incident, SlaRule, SlaState, TimelineEntry } from '../../models/incident-view.js';
import type { RunRecord } from '../../models/run.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { describeRule, formatCountdown } from './sla.js';

export type PostmortemInput = {
  incident: Incident;
  timeline: readonly TimelineEntry[];
  rule: SlaRule;
  sla: SlaState;
  /** The cause run, when the incident names one and the journal has it. */
  causeRun?: RunRecord;
  now: Date;
};

/** Text safe inside a Markdown table cell or list item: one line, no control bytes, no pipes. */
function cell(text: string): string {
  return sanitizeLine(text).replace(/\|/g, '\\|');
}

function utc(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—';
}

function minutesBetween(from: string, to: string): string {
  return formatCountdown(Date.parse(to) - Date.parse(from));
}

export function renderPostmortem(input: PostmortemInput): string {
  const { incident: inc, timeline, rule, sla, causeRun, now } = input;
  const lines: string[] = [];
  lines.push(`# Postmortem: ${cell(inc.title)}`);
  lines.push('');
  lines.push(`- **Incident:** ${inc.id}`);
  lines.push(`- **Priority:** ${inc.priority} (${cell(rule.label)}; ${describeRule(rule)})`);
  lines.push(`- **Status:** ${inc.status}`);
  lines.push(`- **Opened:** ${utc(inc.openedAt)} by ${cell(inc.openedBy)}`);
  lines.push(`- **Acknowledged:** ${inc.acknowledgedAt ? `${utc(inc.acknowledgedAt)} by ${cell(inc.acknowledgedBy ?? '')} (after ${minutesBetween(inc.openedAt, inc.acknowledgedAt)})` : 'not yet'}`);
  lines.push(`- **Resolved:** ${inc.resolvedAt ? `${utc(inc.resolvedAt)} by ${cell(inc.resolvedBy ?? '')} (time to restore ${minutesBetween(inc.openedAt, inc.resolvedAt)})` : 'not yet'}`);
  lines.push(`- **SLA:** due ${utc(sla.dueAt)}; ${sla.breached ? `breached by ${formatCountdown(sla.msLeft)}` : inc.resolvedAt ? `met with ${formatCountdown(sla.msLeft)} to spare` : `${formatCountdown(sla.msLeft)} left`}`);
  lines.push(`- **Exported:** ${utc(now.toISOString())}`);
  lines.push('');
  lines.push('## Summary');
  lines.push('');
  lines.push(inc.summary ? cell(inc.summary) : '_What happened, in two or three sentences._');
  lines.push('');
  lines.push('## Impact');
  lines.push('');
  lines.push('_Who and what was affected, for how long, and how badly (users, requests, revenue, data)._');
  lines.push('');
  lines.push('## Timeline');
  lines.push('');
  lines.push('| Time (UTC) | Who | Event |');
  lines.push('| ---------- | --- | ----- |');
  for (const e of timeline) {
    lines.push(`| ${e.at.slice(0, 19).replace('T', ' ')} | ${cell(e.who ?? '—')} | ${e.kind}: ${cell(e.text)} |`);
  }
  lines.push('');
  lines.push('## Cause');
  lines.push('');
  if (inc.cause) {
    const s = causeRun?.started;
    const detail = s ? ` — ${s.kind} of ${s.version ?? '?'} to ${s.env ?? '?'} by ${cell(s.who)} at ${utc(s.at)}${causeRun.finished ? ` (${causeRun.finished.result})` : ''}` : ' (not found in the run journals)';
    lines.push(`Caused by run \`${cell(inc.cause)}\`${detail}.`);
  } else {
    lines.push('_No cause run recorded. Root cause, and why it was not caught earlier._');
  }
  lines.push('');
  lines.push('## Actions');
  lines.push('');
  lines.push('| Action | Owner | Due |');
  lines.push('| ------ | ----- | --- |');
  lines.push('|  |  |  |');
  lines.push('');
  return lines.join('\n');
}
