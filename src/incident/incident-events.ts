// The incident journal's lines: parsing (each line zod-validated; a bad line is reported with
// its number, never fatal), serializing (one line under 4 KB so concurrent O_APPEND writers on
// one box never interleave) and incident ids. Pure.
import { IncidentEventSchema } from '../../models/incident.js';
import type { IncidentEvent } from '../../models/incident.js';
import type { LineProblem } from '../../models/incident-view.js';
import { jsonLines } from '../json-lines.js';

export const INCIDENTS_FILE = 'incidents.jsonl';
/** Lines stay below this many bytes (newline included): one write(2), never interleaved. */
export const MAX_LINE_BYTES = 4000;
export const ID_PATTERN = /^INC-\d{8}-\d{6}-[0-9a-f]{4}$/;

export type ParsedEvent = { event: IncidentEvent; line: number };
export type ParsedJournal = { events: ParsedEvent[]; problems: LineProblem[] };

/** `INC-YYYYMMDD-HHMMSS-xxxx` (UTC); `hex` is 4 random hex digits. */
export function makeIncidentId(now: Date, hex: string): string {
  if (!/^[0-9a-f]{4}$/.test(hex)) throw new Error(`incident id suffix must be 4 hex digits, not "${hex}"`);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `INC-${stamp}-${hex}`;
}

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid event';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Parses the journal text. `file` only names the file in problems; `firstLine` is the number
 * of the text's first line (for a tail read from the middle of the file).
 */
export function parseIncidentJournal(text: string, file: string, firstLine = 1): ParsedJournal {
  const events: ParsedEvent[] = [];
  const problems: LineProblem[] = [];
  for (const { line, value, json, unterminated } of jsonLines(text, { firstLine })) {
    if (!json) {
      // A last line without its newline may still be being written by another process.
      problems.push({ file, line, reason: unterminated ? 'incomplete or not JSON (last line)' : 'not JSON' });
      continue;
    }
    const result = IncidentEventSchema.safeParse(value);
    if (result.success) events.push({ event: result.data, line });
    else problems.push({ file, line, reason: firstIssue(result.error) });
  }
  return { events, problems };
}

/** One journal line (with its newline). Throws when the event is invalid or too long. */
export function serializeEvent(event: IncidentEvent): string {
  const checked = IncidentEventSchema.parse(event);
  const line = `${JSON.stringify(checked)}\n`;
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes >= MAX_LINE_BYTES) {
    throw new RangeError(`the ${event.event} event is ${bytes} bytes; journal lines must stay under ${MAX_LINE_BYTES} bytes (shorten the text)`);
  }
  return line;
}

/** The most text a note may have so its line stays under the limit (a safe, simple bound). */
export const MAX_TEXT_CHARS = 1000;
