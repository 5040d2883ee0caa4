// Incident priorities as a plain constant, without zod: the SLA timers on the first frame
// need it, and models/incident.ts (which builds its schemas from it) would load zod.

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
