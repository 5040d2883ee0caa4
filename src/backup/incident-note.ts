// During an open incident, recovery steps also go on its timeline: a `note` event appended to
// `.orchestration/incidents.jsonl` (models/incident.ts) for every incident opened and not resolved.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IncidentEventSchema } from '../../models/incident.js';
import type { IncidentEvent } from '../../models/incident.js';

export const INCIDENTS_JOURNAL_PATH = '.orchestration/incidents.jsonl';

export function openIncidentIds(text: string): string[] {
  const open = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = IncidentEventSchema.safeParse(raw);
    if (!parsed.success) continue;
    if (parsed.data.event === 'opened') open.add(parsed.data.incidentId);
    if (parsed.data.event === 'resolved') open.delete(parsed.data.incidentId);
  }
  return [...open];
}

/** Appends `text` as a note to every open incident; returns how many. Never throws. */
export async function noteOnOpenIncidents(root: string, who: string, text: string, now: Date = new Date()): Promise<number> {
  const file = join(root, INCIDENTS_JOURNAL_PATH);
  try {
    const ids = openIncidentIds(await readFile(file, 'utf8'));
    if (ids.length === 0) return 0;
    const lines = ids.map((incidentId) => {
      const event: IncidentEvent = { v: 1, incidentId, at: now.toISOString(), who, event: 'note', text };
      return `${JSON.stringify(event)}\n`;
    });
    await appendFile(file, lines.join(''));
    return ids.length;
  } catch {
    return 0;
  }
}
