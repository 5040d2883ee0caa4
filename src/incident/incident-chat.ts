// The text "ask about this" sends to the chat for an incident: its state, SLA and timeline.
// Pure; the chat slice redacts and fits it to the model's context.
import type { Incident } from '../../models/incident-view.js';
import type { IncidentSnapshot } from './incident-snapshot.js';
import { slaWords } from './incident-format.js';
import { describeRule, slaState } from './sla.js';
import { incidentTimeline } from './timeline.js';

export function describeForChat(incident: Incident, snapshot: IncidentSnapshot, now: Date): string {
  const rule = snapshot.sla.rules[incident.priority];
  const sla = slaState(incident, snapshot.sla.rules, now);
  const lines = [
    `Incident ${incident.id}: ${incident.title}`,
    `Priority ${incident.priority} (${rule.label}; ${describeRule(rule)}); status ${incident.status}; SLA ${slaWords(incident, sla)}.`,
    incident.cause ? `Recorded cause: run ${incident.cause}.` : '',
    'Timeline (UTC):',
    ...incidentTimeline(incident, snapshot.runs, now).map((e) => `${e.at.slice(0, 19).replace('T', ' ')} ${e.kind}${e.who ? ` (${e.who})` : ''}: ${e.text}`),
  ];
  return lines.filter((l) => l !== '').join('\n');
}
