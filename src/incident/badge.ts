// The header badge's text: the open incident with the highest priority, its priority and the
// SLA countdown ("[P1 unacked 14m left +1]", "[P1 SLA BREACHED +00:12]"). Pure, so the header
// component and any direct-to-terminal stamp (like the clock overlay) show the same words.
import type { Incident, SlaRules } from '../../models/incident-view.js';
import { topOpenIncident } from './fold.js';
import { formatCountdownCoarse, slaState } from './sla.js';

export type Badge = { text: string; breached: boolean; priority: Incident['priority'] };

/** The badge of one incident with `othersOpen` more open ones. */
export function badgeText(incident: Incident, rules: SlaRules, now: Date, othersOpen: number): Badge {
  const sla = slaState(incident, rules, now);
  const more = othersOpen > 0 ? ` +${othersOpen}` : '';
  const ack = incident.status === 'open' ? ' unacked' : '';
  const text = sla.breached
    ? `[${incident.priority}${ack} SLA BREACHED +${formatCountdownCoarse(sla.msLeft)}${more}]`
    : `[${incident.priority}${ack} ${formatCountdownCoarse(sla.msLeft)} left${more}]`;
  return { text, breached: sla.breached, priority: incident.priority };
}

/** The badge for a set of incidents, or undefined when none is open (then nothing ticks). */
export function badgeFor(incidents: readonly Incident[], rules: SlaRules, now: Date): Badge | undefined {
  const top = topOpenIncident(incidents);
  if (!top) return undefined;
  const open = incidents.filter((i) => i.status !== 'resolved').length;
  return badgeText(top, rules, now, open - 1);
}
