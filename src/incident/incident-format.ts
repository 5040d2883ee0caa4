// Plain-text lines for the headless commands: the incident list, one incident with its
// timeline. Pure; every outside text is sanitized and lines fit the width.
import type { Incident, SlaRules, SlaState, TimelineEntry } from '../../models/incident-view.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { truncateToWidth } from '../sanitize/text-width.js';
import { formatCountdown, slaState } from './sla.js';

/** "14:32 left", "BREACHED +02:10", "met", "missed by 3h 02m". */
export function slaWords(incident: Incident, sla: SlaState, format: (ms: number) => string = formatCountdown): string {
  if (incident.status === 'resolved') return sla.breached ? `missed by ${format(sla.msLeft)}` : 'met';
  return sla.breached ? `BREACHED +${format(sla.msLeft)}` : `${format(sla.msLeft)} left`;
}

export function formatIncidentRow(incident: Incident, sla: SlaState, width = 80): string {
  const head = `${incident.id}  ${incident.priority}  ${incident.status.padEnd(12)} ${slaWords(incident, sla).padEnd(16)} `;
  return truncateToWidth(`${head}${sanitizeLine(incident.title)}`, width);
}

export function formatIncidentList(incidents: readonly Incident[], rules: SlaRules, now: Date, width = 80): string[] {
  return incidents.map((i) => formatIncidentRow(i, slaState(i, rules, now), width));
}

/** `HH:MM` of today, else `MM-DD HH:MM`, in UTC. */
export function shortTime(iso: string, now: Date): string {
  const sameDay = iso.slice(0, 10) === now.toISOString().slice(0, 10);
  return sameDay ? iso.slice(11, 16) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

export const TIMELINE_MARK: Record<TimelineEntry['kind'], string> = {
  opened: '!',
  note: '✎',
  acknowledged: '✓',
  priority: '↕',
  resolved: '✔',
  deploy: '⇡',
  rollback: '⟲',
  verify: '≟',
  recovery: '⛑',
};

export function formatTimelineLine(entry: TimelineEntry, now: Date, width = 80): string {
  const who = entry.who ? ` ${sanitizeLine(entry.who.split('@')[0] ?? entry.who)}` : '';
  return truncateToWidth(`${shortTime(entry.at, now).padStart(11)} ${TIMELINE_MARK[entry.kind]}${who}: ${sanitizeLine(entry.text)}`, width);
}
