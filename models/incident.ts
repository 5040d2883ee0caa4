// Incidents (SOP §6.3): the events appended to `.orchestration/incidents.jsonl`. The KPI code
// (time to restore, change failure rate) and the MCP server read them, so this file is their
// shared contract: add optional fields, never rename or remove one.
import { z } from 'zod';
import { PRIORITIES } from './incident-constants.js';

export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;

const EventBase = {
  v: z.literal(1),
  /** `INC-YYYYMMDD-HHMMSS-<4 hex>`; unique across cockpits on one box. */
  incidentId: z.string(),
  /** ISO 8601 UTC. */
  at: z.string(),
  /** `user@host` */
  who: z.string(),
};

export const IncidentEventSchema = z.discriminatedUnion('event', [
  z.object({ ...EventBase, event: z.literal('opened'), priority: PrioritySchema, title: z.string().min(1) }),
  z.object({ ...EventBase, event: z.literal('note'), text: z.string().min(1) }),
  z.object({ ...EventBase, event: z.literal('acknowledged') }),
  z.object({ ...EventBase, event: z.literal('priority-changed'), priority: PrioritySchema }),
  /** cause: the run id (models/run.ts) of the change that caused it, when known. */
  z.object({ ...EventBase, event: z.literal('resolved'), cause: z.string().nullable().default(null), summary: z.string().optional() }),
]);
export type IncidentEvent = z.infer<typeof IncidentEventSchema>;
