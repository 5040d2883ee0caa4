// The header's incident badge: the open incident, its priority and the SLA countdown (issue 6).
export function IncidentBadge() {
  return null;
}
