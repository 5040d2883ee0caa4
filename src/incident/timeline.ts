// An incident's timeline: its own events (opened, notes, acknowledged, priority changes,
// resolved) merged by time with the automatic run entries of the window it was open. Pure.
import type { Incident, TimelineEntry } from '../../models/incident-view.js';
import { runEntries } from './run-entries.js';
import type { RunJournal } from './run-entries.js';

export function incidentTimeline(incident: Incident, journal: RunJournal | undefined, now: Date): TimelineEntry[] {
  const own: TimelineEntry[] = [{ at: incident.openedAt, kind: 'opened', who: incident.openedBy, text: `opened as ${incident.priority}: ${incident.title}` }];
  for (const note of incident.notes) own.push({ at: note.at, kind: 'note', who: note.who, text: note.text });
  if (incident.acknowledgedAt) own.push({ at: incident.acknowledgedAt, kind: 'acknowledged', who: incident.acknowledgedBy, text: 'acknowledged' });
  for (const change of incident.priorityChanges) own.push({ at: change.at, kind: 'priority', who: change.who, text: `priority changed to ${change.priority}` });
  if (incident.resolvedAt) {
    const cause = incident.cause ? `; cause: ${incident.cause}` : '';
    own.push({ at: incident.resolvedAt, kind: 'resolved', who: incident.resolvedBy, text: `resolved${cause}${incident.summary ? ` — ${incident.summary}` : ''}` });
  }
  const to = incident.resolvedAt ?? now.toISOString();
  const auto = journal ? runEntries(journal, incident.openedAt, to) : [];
  // stable: at equal times the incident's own entries come first
  return [...own.map((e, i) => ({ e, i })), ...auto.map((e, i) => ({ e, i: own.length + i }))]
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i)
    .map(({ e }) => e);
}
