// Folds journal events into incidents: opened -> acknowledged -> resolved, with notes and
// priority changes. Events about an unknown incident, or after it was resolved, are reported.
// Pure.
import { PRIORITIES } from '../../models/incident-constants.js';
import type { Incident, LineProblem } from '../../models/incident-view.js';
import type { ParsedEvent } from './incident-events.js';

export type FoldResult = { incidents: Incident[]; problems: LineProblem[] };

/** Plain code-unit order: right for ISO 8601 UTC times and ids, and far cheaper than localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Open ones first (P1 before P2, then oldest first), then resolved ones, newest first. */
export function sortIncidents(incidents: readonly Incident[]): Incident[] {
  const rank = (i: Incident) => PRIORITIES.indexOf(i.priority);
  return [...incidents].sort((a, b) => {
    const aOpen = a.status !== 'resolved';
    const bOpen = b.status !== 'resolved';
    if (aOpen !== bOpen) return aOpen ? -1 : 1;
    if (aOpen) return rank(a) - rank(b) || compareText(a.openedAt, b.openedAt) || compareText(a.id, b.id);
    return compareText(b.resolvedAt ?? '', a.resolvedAt ?? '') || compareText(b.id, a.id);
  });
}

export function foldIncidents(events: readonly ParsedEvent[], file: string): FoldResult {
  const byId = new Map<string, Incident>();
  const problems: LineProblem[] = [];
  for (const { event, line } of events) {
    if (event.event === 'opened') {
      if (byId.has(event.incidentId)) {
        problems.push({ file, line, reason: `${event.incidentId} was already opened; ignoring the second "opened"` });
        continue;
      }
      byId.set(event.incidentId, {
        id: event.incidentId,
        priority: event.priority,
        title: event.title,
        status: 'open',
        openedAt: event.at,
        openedBy: event.who,
        acknowledgedAt: null,
        acknowledgedBy: null,
        resolvedAt: null,
        resolvedBy: null,
        cause: null,
        summary: null,
        notes: [],
        priorityChanges: [],
      });
      continue;
    }
    const incident = byId.get(event.incidentId);
    if (!incident) {
      problems.push({ file, line, reason: `"${event.event}" for unknown incident ${event.incidentId}` });
      continue;
    }
    switch (event.event) {
      case 'note':
        incident.notes.push({ at: event.at, who: event.who, text: event.text });
        break;
      case 'acknowledged':
        if (incident.acknowledgedAt === null) {
          incident.acknowledgedAt = event.at;
          incident.acknowledgedBy = event.who;
        }
        if (incident.status === 'open') incident.status = 'acknowledged';
        break;
      case 'priority-changed':
        incident.priority = event.priority;
        incident.priorityChanges.push({ at: event.at, who: event.who, priority: event.priority });
        break;
      case 'resolved':
        if (incident.status === 'resolved') {
          problems.push({ file, line, reason: `${event.incidentId} was already resolved; ignoring the second "resolved"` });
          break;
        }
        incident.status = 'resolved';
        incident.resolvedAt = event.at;
        incident.resolvedBy = event.who;
        incident.cause = event.cause;
        incident.summary = event.summary ?? null;
        break;
    }
  }
  return { incidents: sortIncidents([...byId.values()]), problems };
}

/** The open incident the header shows: highest priority, then the oldest. */
export function topOpenIncident(incidents: readonly Incident[]): Incident | undefined {
  return sortIncidents(incidents.filter((i) => i.status !== 'resolved'))[0];
}
