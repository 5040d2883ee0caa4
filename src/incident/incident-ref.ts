// Finds an incident by id or by a unique fragment of its id or title (`opsdeck incident ack
// 0415`). Unknown and ambiguous references are usage errors (exit 2) listing the candidates.
import type { Incident } from '../../models/incident-view.js';
import { UserError, EXIT_USAGE } from '../errors.js';
import { sanitizeLine } from '../sanitize/sanitize.js';

const LISTED = 8;

function listing(incidents: readonly Incident[]): string {
  const shown = incidents.slice(0, LISTED).map((i) => `${i.id} (${i.priority} ${i.status}: ${sanitizeLine(i.title).slice(0, 40)})`);
  const more = incidents.length > LISTED ? `, and ${incidents.length - LISTED} more` : '';
  return `${shown.join(', ')}${more}`;
}

export function matchIncidents(incidents: readonly Incident[], ref: string): Incident[] {
  const wanted = ref.trim().toLowerCase();
  if (wanted === '') return [];
  const exact = incidents.filter((i) => i.id.toLowerCase() === wanted);
  if (exact.length > 0) return exact;
  const byId = incidents.filter((i) => i.id.toLowerCase().includes(wanted));
  if (byId.length > 0) return byId;
  return incidents.filter((i) => i.title.toLowerCase().includes(wanted));
}

export function resolveIncidentRef(incidents: readonly Incident[], ref: string): Incident {
  const found = matchIncidents(incidents, ref);
  if (found.length === 1) return found[0]!;
  const what = sanitizeLine(ref);
  if (found.length === 0) {
    const known = incidents.length > 0 ? `; known: ${listing(incidents)}` : '; there are no incidents yet';
    throw new UserError(`no incident matches "${what}"${known}`, EXIT_USAGE);
  }
  throw new UserError(`"${what}" matches ${found.length} incidents: ${listing(found)}; give more of the id`, EXIT_USAGE);
}
