// The demo workspace's incident history (issue 6): a few resolved incidents over the last
// weeks, one naming the deploy run that caused it, so the Incidents and KPI panes have data.
// No incident is left open. Times are relative to `now`; ids are derived from the times.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncidentEvent, Priority } from '../../models/incident.js';
import { INCIDENTS_FILE, makeIncidentId, serializeEvent } from '../incident/incident-events.js';
import { orchestrationDir } from '../paths.js';
import { compareText } from '../incident/fold.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

type Step = { after: number; who: string } & ({ event: 'note'; text: string } | { event: 'acknowledged' } | { event: 'resolved'; summary: string; cause?: 'run' });

type DemoIncident = { daysAgo: number; hour: number; priority: Priority; title: string; who: string; steps: Step[] };

const DANA = 'dana@payments-ops';
const TOMAS = 'tomas@payments-ops';
const PRIYA = 'priya@payments-ops';

const PLAN: DemoIncident[] = [
  {
    daysAgo: 26,
    hour: 14,
    priority: 'P2',
    title: 'Webhook deliveries delayed up to 20 minutes',
    who: TOMAS,
    steps: [
      { after: 12, who: TOMAS, event: 'acknowledged' },
      { after: 25, who: TOMAS, event: 'note', text: 'webhook queue depth at 48k; one consumer stuck on a poison message' },
      { after: 95, who: DANA, event: 'note', text: 'poison message moved to the dead-letter queue; consumers draining' },
      { after: 150, who: TOMAS, event: 'resolved', summary: 'a malformed merchant payload blocked one consumer; dead-lettered and drained' },
    ],
  },
  {
    daysAgo: 17,
    hour: 10,
    priority: 'P1',
    title: 'Payments API returning 5xx after release',
    who: DANA,
    steps: [
      { after: 2, who: DANA, event: 'acknowledged' },
      { after: 4, who: DANA, event: 'note', text: 'error rate 14% on POST /charges since the release; rolling back' },
      { after: 11, who: PRIYA, event: 'note', text: 'rollback done, error rate back under 0.1%' },
      { after: 19, who: DANA, event: 'resolved', summary: 'a connection-pool setting in the release starved checkout; rolled back', cause: 'run' },
    ],
  },
  {
    daysAgo: 9,
    hour: 3,
    priority: 'P3',
    title: 'Nightly settlement report export slow',
    who: PRIYA,
    steps: [
      { after: 320, who: PRIYA, event: 'acknowledged' },
      { after: 340, who: PRIYA, event: 'note', text: 'missing index on settlements.created_at after the migration' },
      { after: 600, who: PRIYA, event: 'resolved', summary: 'index added; export back to 4 minutes' },
    ],
  },
  {
    daysAgo: 3,
    hour: 16,
    priority: 'P2',
    title: 'Card authorization p95 latency above 800 ms',
    who: TOMAS,
    steps: [
      { after: 6, who: TOMAS, event: 'acknowledged' },
      { after: 30, who: TOMAS, event: 'note', text: 'card network provider status page reports degraded service' },
      { after: 84, who: TOMAS, event: 'resolved', summary: 'upstream provider incident; no change on our side' },
    ],
  },
];

function hex4(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 4);
}

/** The demo's incident events, oldest first. `causeRunId` becomes the P1's cause. */
export function demoIncidentEvents(now: Date, causeRunId?: string): IncidentEvent[] {
  const events: IncidentEvent[] = [];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (const plan of PLAN) {
    const opened = new Date(today - plan.daysAgo * DAY + plan.hour * 60 * MIN + 7 * MIN);
    const id = makeIncidentId(opened, hex4(`${plan.title}${opened.toISOString()}`));
    const base = (at: Date, who: string) => ({ v: 1 as const, incidentId: id, at: at.toISOString(), who });
    events.push({ ...base(opened, plan.who), event: 'opened', priority: plan.priority, title: plan.title });
    for (const step of plan.steps) {
      const at = new Date(opened.getTime() + step.after * MIN + 13_000);
      if (step.event === 'note') events.push({ ...base(at, step.who), event: 'note', text: step.text });
      else if (step.event === 'acknowledged') events.push({ ...base(at, step.who), event: 'acknowledged' });
      else events.push({ ...base(at, step.who), event: 'resolved', cause: step.cause === 'run' ? (causeRunId ?? null) : null, summary: step.summary });
    }
  }
  return events.sort((a, b) => compareText(a.at, b.at)).filter((e) => Date.parse(e.at) < now.getTime());
}

/**
 * Writes `.orchestration/incidents.jsonl` for the demo. `runIds`: deploy run ids of the demo's
 * journal; the first becomes the recorded cause of the P1 incident (none: no cause).
 */
export async function writeDemoIncidents(root: string, now: Date, runIds?: string[]): Promise<void> {
  const dir = orchestrationDir(root);
  await mkdir(dir, { recursive: true });
  const text = demoIncidentEvents(now, runIds?.[0]).map(serializeEvent).join('');
  await writeFile(join(dir, INCIDENTS_FILE), text, 'utf8');
}
