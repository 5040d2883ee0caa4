// What readers make of `.orchestration/incidents.jsonl` (models/incident.ts): incidents folded
// from their events, SLA rules from SOP §6.3, timeline entries, and the problems found on the way.
// `opsdeck incidents --json` prints these shapes.
import { z } from 'zod';
import { PrioritySchema } from './incident.js';

export const INCIDENT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;

export const IncidentNoteSchema = z.object({ at: z.string(), who: z.string(), text: z.string() });
export type IncidentNote = z.infer<typeof IncidentNoteSchema>;

export const IncidentSchema = z.object({
  id: z.string(),
  priority: PrioritySchema,
  title: z.string(),
  status: IncidentStatusSchema,
  openedAt: z.string(),
  openedBy: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  cause: z.string().nullable(),
  summary: z.string().nullable(),
  notes: z.array(IncidentNoteSchema),
  /** Priority changes, oldest first. */
  priorityChanges: z.array(z.object({ at: z.string(), who: z.string(), priority: PrioritySchema })),
});
export type Incident = z.infer<typeof IncidentSchema>;

/** A line of a journal or of sop.md that could not be used, and why. */
export const LineProblemSchema = z.object({ file: z.string(), line: z.number().int().positive(), reason: z.string() });
export type LineProblem = z.infer<typeof LineProblemSchema>;

/** How soon someone must respond (acknowledge). */
export const ResponseRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('immediate') }),
  z.object({ kind: z.literal('within'), ms: z.number().positive() }),
  /** By the end of the first business day (Mon–Fri 09:00–17:00 UTC) at or after opening. */
  z.object({ kind: z.literal('business-hours') }),
  z.object({ kind: z.literal('best-effort') }),
]);
export type ResponseRule = z.infer<typeof ResponseRuleSchema>;

export const SlaRuleSchema = z.object({
  priority: PrioritySchema,
  /** "Critical", "High" … as the SOP names it. */
  label: z.string(),
  response: ResponseRuleSchema,
  /** Time to resolve, from opening. */
  resolveMs: z.number().positive(),
  /** Where it came from: the SOP (with its line), the config, or the built-in SOP defaults. */
  source: z.enum(['sop', 'config', 'default']),
  line: z.number().int().positive().optional(),
});
export type SlaRule = z.infer<typeof SlaRuleSchema>;
export type SlaRules = Record<z.infer<typeof PrioritySchema>, SlaRule>;

export const SlaStateSchema = z.object({
  dueAt: z.string(),
  /** Negative once breached. */
  msLeft: z.number(),
  breached: z.boolean(),
  responseDueAt: z.string().nullable(),
  responseBreached: z.boolean(),
});
export type SlaState = z.infer<typeof SlaStateSchema>;

export const TIMELINE_KINDS = ['opened', 'note', 'acknowledged', 'priority', 'resolved', 'deploy', 'rollback', 'verify', 'recovery'] as const;
export const TimelineEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  who: z.string().nullable(),
  text: z.string(),
  /** The run behind an automatic entry. */
  runId: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
