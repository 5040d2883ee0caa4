// What people do to incidents, for the headless commands and the cockpit alike: declare one,
// add a note, acknowledge, resolve (with an optional cause run), export the postmortem. Each
// reads the journal fresh, checks, and appends one fsynced event.
import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { PrioritySchema } from '../../models/incident.js';
import type { IncidentEvent, Priority } from '../../models/incident.js';
import type { IncidentsConfig } from '../../models/incident-config.js';
import type { Incident } from '../../models/incident-view.js';
import { EXIT_FAILURE, EXIT_USAGE, UserError } from '../errors.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { MAX_TEXT_CHARS } from './incident-events.js';
import { resolveIncidentRef } from './incident-ref.js';
import { appendIncidentEvent, loadIncidentSnapshot, newIncidentId, postmortemPath, whoAmI } from './incident-repo.js';
import type { IncidentSnapshot } from './incident-snapshot.js';
import { renderPostmortem } from './postmortem.js';
import { matchRunIds } from './run-entries.js';
import { slaState } from './sla.js';
import { incidentTimeline } from './timeline.js';

export type IncidentActionOptions = {
  root: string;
  sla?: IncidentsConfig['sla'];
  now?: () => Date;
  who?: string;
};

export type ActionResult = { incident: Incident; snapshot: IncidentSnapshot };

/** "P1", "p2", "1" -> Priority; anything else is a usage error. */
export function parsePriority(text: string): Priority {
  const t = text.trim().toUpperCase();
  const parsed = PrioritySchema.safeParse(/^[1-4]$/.test(t) ? `P${t}` : t);
  if (!parsed.success) throw new UserError(`priority must be P1, P2, P3 or P4, not "${sanitizeLine(text)}"`, EXIT_USAGE);
  return parsed.data;
}

/** Trimmed, one line, within the length limit. */
export function checkText(text: string, what: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') throw new UserError(`${what} is empty`, EXIT_USAGE);
  if ([...t].length > MAX_TEXT_CHARS) throw new UserError(`${what} is ${[...t].length} characters; keep it under ${MAX_TEXT_CHARS}`, EXIT_USAGE);
  return t;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export function createIncidentActions(options: IncidentActionOptions) {
  const { root } = options;
  const now = options.now ?? (() => new Date());
  const who = options.who ?? whoAmI();
  const load = () => loadIncidentSnapshot(root, options.sla);

  const append = async (event: IncidentEvent): Promise<ActionResult> => {
    await appendIncidentEvent(root, event);
    const snapshot = await load();
    const incident = snapshot.incidents.find((i) => i.id === event.incidentId);
    if (!incident) throw new UserError(`${event.incidentId} is missing after writing it`, EXIT_FAILURE);
    return { incident, snapshot };
  };

  const find = async (ref: string): Promise<{ incident: Incident; snapshot: IncidentSnapshot }> => {
    const snapshot = await load();
    return { incident: resolveIncidentRef(snapshot.incidents, ref), snapshot };
  };

  const base = (incidentId: string) => ({ v: 1 as const, incidentId, at: now().toISOString(), who });

  return {
    load,
    find,

    open: async (priority: Priority, title: string): Promise<ActionResult> => {
      const at = now();
      return append({ ...base(newIncidentId(at)), event: 'opened', priority, title: checkText(title, 'the title') });
    },

    note: async (ref: string, text: string): Promise<ActionResult> => {
      const body = checkText(text, 'the note');
      const { incident } = await find(ref);
      return append({ ...base(incident.id), event: 'note', text: body });
    },

    acknowledge: async (ref: string): Promise<ActionResult> => {
      const { incident } = await find(ref);
      if (incident.status === 'resolved') throw new UserError(`${incident.id} is already resolved`, EXIT_FAILURE);
      if (incident.status === 'acknowledged') throw new UserError(`${incident.id} was already acknowledged by ${sanitizeLine(incident.acknowledgedBy ?? '?')}`, EXIT_FAILURE);
      return append({ ...base(incident.id), event: 'acknowledged' });
    },

    setPriority: async (ref: string, priority: Priority): Promise<ActionResult> => {
      const { incident } = await find(ref);
      if (incident.status === 'resolved') throw new UserError(`${incident.id} is already resolved`, EXIT_FAILURE);
      if (incident.priority === priority) throw new UserError(`${incident.id} is already ${priority}`, EXIT_FAILURE);
      return append({ ...base(incident.id), event: 'priority-changed', priority });
    },

    /** `cause`: a run id (or a unique fragment of one) from `.orchestration/deploys.jsonl`. */
    resolve: async (ref: string, cause: string | null, summary?: string): Promise<ActionResult> => {
      const { incident, snapshot } = await find(ref);
      if (incident.status === 'resolved') throw new UserError(`${incident.id} is already resolved`, EXIT_FAILURE);
      let causeId: string | null = null;
      if (cause !== null && cause.trim() !== '') {
        const deploys = snapshot.runs.runs.filter((r) => r.started.kind === 'deploy' || r.started.kind === 'rollback');
        const ids = matchRunIds(deploys, cause.trim());
        if (ids.length !== 1) {
          const listed = (ids.length > 1 ? ids : deploys.map((r) => r.id).slice(-5).reverse()).slice(0, 8).join(', ');
          const why = ids.length > 1 ? `matches ${ids.length} runs` : 'matches no deploy or rollback run in .orchestration/deploys.jsonl';
          throw new UserError(`cause "${sanitizeLine(cause)}" ${why}${listed ? `; ${ids.length > 1 ? 'candidates' : 'recent runs'}: ${listed}` : ''}`, EXIT_USAGE);
        }
        causeId = ids[0]!;
      }
      const text = summary === undefined || summary.trim() === '' ? undefined : checkText(summary, 'the summary');
      return append({ ...base(incident.id), event: 'resolved', cause: causeId, ...(text ? { summary: text } : {}) });
    },

    /** Writes `.orchestration/incidents/ID.md`; returns its path relative to the root. */
    exportPostmortem: async (ref: string, force = false): Promise<{ incident: Incident; path: string; markdown: string }> => {
      const { incident, snapshot } = await find(ref);
      const path = postmortemPath(root, incident.id);
      if (!force && (await exists(path))) {
        throw new UserError(`${relative(root, path)} already exists (it may hold edits); pass --force to overwrite it`, EXIT_FAILURE);
      }
      const at = now();
      const markdown = renderPostmortem({
        incident,
        timeline: incidentTimeline(incident, snapshot.runs, at),
        rule: snapshot.sla.rules[incident.priority],
        sla: slaState(incident, snapshot.sla.rules, at),
        causeRun: incident.cause ? snapshot.runs.runs.find((r) => r.id === incident.cause) : undefined,
        now: at,
      });
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, markdown, 'utf8');
      return { incident, path: relative(root, path), markdown };
    },
  };
}

export type IncidentActions = ReturnType<typeof createIncidentActions>;
