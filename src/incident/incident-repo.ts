// The incidents I/O adapter: reads `.orchestration/incidents.jsonl`, sop.md and the run
// journals into a snapshot; appends events (one write of one line under 4 KB with O_APPEND,
// then fsync, so concurrent writers never interleave and nothing acknowledged is lost);
// watches the folder (fs.watch, debounced) so two cockpits see each other within a second.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { IncidentEvent } from '../../models/incident.js';
import type { IncidentsConfig } from '../../models/incident-config.js';
import { UserError, errorMessage } from '../errors.js';
import { orchestrationDir } from '../paths.js';
import type { JournalEvent } from '../../models/run.js';
import { INCIDENTS_FILE, makeIncidentId, parseIncidentJournal, serializeEvent } from './incident-events.js';
import type { ParsedEvent } from './incident-events.js';
import { assembleSnapshot } from './incident-snapshot.js';
import type { IncidentSnapshot } from './incident-snapshot.js';
import { readTail, tailItems } from './journal-tail.js';
import { watchFolder } from '../watch/watch-folder.js';
import type { LineParser, TailCache } from './journal-tail.js';
import { RUN_JOURNALS, foldRuns, parseRunLines } from './run-entries.js';
import type { RunJournal } from './run-entries.js';
import { parseSopSla } from './sla-parse.js';
import { compareText } from './fold.js';

export const SOP_FILE = 'sop.md';
const DEBOUNCE_MS = 60;
const WATCHED = new Set<string>([INCIDENTS_FILE, SOP_FILE, ...RUN_JOURNALS]);

export function incidentsPath(root: string): string {
  return join(orchestrationDir(root), INCIDENTS_FILE);
}

export function postmortemPath(root: string, id: string): string {
  return join(orchestrationDir(root), 'incidents', `${id}.md`);
}

/** `user@host`, as the journals record people. */
export function whoAmI(): string {
  let user = process.env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (a container): keep $USER
  }
  return `${user}@${hostname()}`;
}

export function newIncidentId(now: Date): string {
  return makeIncidentId(now, randomBytes(2).toString('hex'));
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`${path}: cannot read: ${errorMessage(error)}`, 1);
  }
}

/**
 * A reader that keeps what it parsed: each load reads only the lines appended to the journals
 * since the last one (see journal-tail.ts), so a cockpit's reload after a note costs one line.
 */
export function createIncidentReader(root: string, sla: IncidentsConfig['sla'] | undefined) {
  const dir = orchestrationDir(root);
  const incidentsFile = `.orchestration/${INCIDENTS_FILE}`;
  let incidents: TailCache<ParsedEvent> | undefined;
  const runs = new Map<string, TailCache<JournalEvent> | undefined>();
  let merged: { key: string; journal: RunJournal } | undefined;

  const tail = async <T>(path: string, previous: TailCache<T> | undefined, parse: LineParser<T>): Promise<TailCache<T> | undefined> => {
    try {
      return await readTail(path, previous, parse);
    } catch (error) {
      throw new UserError(`${path}: cannot read: ${errorMessage(error)}`, 1);
    }
  };

  return {
    load: async (): Promise<IncidentSnapshot> => {
      const [journal, sop, ...runCaches] = await Promise.all([
        tail(join(dir, INCIDENTS_FILE), incidents, (text, first) => {
          const parsed = parseIncidentJournal(text, incidentsFile, first);
          return { items: parsed.events, problems: parsed.problems };
        }),
        readOptional(join(dir, SOP_FILE)),
        ...RUN_JOURNALS.map((name) => tail(join(dir, name), runs.get(name), (text, first) => parseRunLines(text, `.orchestration/${name}`, first))),
      ]);
      incidents = journal;
      RUN_JOURNALS.forEach((name, i) => runs.set(name, runCaches[i]));
      const key = runCaches.map((c) => `${c?.ino ?? '-'}:${c?.version ?? 0}`).join(',');
      if (merged?.key !== key) {
        const events = runCaches.flatMap((c) => tailItems(c).items).sort((a, b) => compareText(a.at, b.at));
        merged = { key, journal: { events, runs: foldRuns(events), skipped: runCaches.reduce((n, c) => n + tailItems(c).problems.length, 0) } };
      }
      const { items, problems } = tailItems(journal);
      const sopSla = sop === undefined ? undefined : parseSopSla(sop, `.orchestration/${SOP_FILE}`);
      return assembleSnapshot({ events: items, problems }, sopSla, merged.journal, sla, incidentsFile);
    },
  };
}

export async function loadIncidentSnapshot(root: string, sla: IncidentsConfig['sla'] | undefined): Promise<IncidentSnapshot> {
  return createIncidentReader(root, sla).load();
}

/** Appends one event as one line, fsynced before it returns. */
export async function appendIncidentEvent(root: string, event: IncidentEvent): Promise<void> {
  let line: string;
  try {
    line = serializeEvent(event);
  } catch (error) {
    throw new UserError(errorMessage(error), 2);
  }
  const dir = orchestrationDir(root);
  await mkdir(dir, { recursive: true });
  const path = join(dir, INCIDENTS_FILE);
  const handle = await open(path, 'a+');
  try {
    const size = (await handle.stat()).size;
    // A writer that died mid-line left no newline: start on a fresh line so this event survives.
    let text = line;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) text = `\n${line}`;
    }
    const created = size === 0;
    await handle.write(text);
    await handle.sync();
    if (created) await syncDir(dir);
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not every file system lets a directory be fsynced; the file itself is
  }
}

/**
 * Calls `onChange` (debounced) when the incident journal, the SOP or a run journal changes.
 * Costs nothing while nothing changes. Returns stop.
 */
export function watchIncidentFiles(root: string, onChange: () => void): () => void {
  return watchFolder(orchestrationDir(root), WATCHED, { ms: DEBOUNCE_MS }, onChange);
}
