// Chat sessions as JSONL files (one per session) under `<stateDir>/chat-sessions/`: a message
// is appended when it finishes, so a crash loses at most the reply being written. Loaded lines
// are checked with zod; a bad line is named by file and line number.
import { appendFile, mkdir, readdir, readFile, stat, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { SessionLineSchema, SessionNameSchema } from '../../models/chat-session.js';
import type { ChatEntry, SessionLine } from '../../models/chat-session.js';
import { UserError } from '../errors.js';
import { SESSION_EXT } from './session-name.js';
import { jsonLines } from '../json-lines.js';

export function checkSessionName(name: string): string {
  const parsed = SessionNameSchema.safeParse(name);
  if (!parsed.success) throw new UserError(`bad session name "${name}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export type SessionSummary = { name: string; modifiedAt: number; bytes: number };
export type LoadedSession = { name: string; entries: ChatEntry[]; system: string | undefined };

/** Replays session lines into the messages and the system prompt they leave. */
export function replaySession(lines: readonly SessionLine[]): { entries: ChatEntry[]; system: string | undefined } {
  let entries: ChatEntry[] = [];
  let system: string | undefined;
  for (const line of lines) {
    if (line.type === 'meta') system = line.system ?? system;
    else if (line.type === 'system') system = line.system || undefined;
    else if (line.type === 'clear') entries = [];
    else entries.push(line.message);
  }
  return { entries, system };
}

export function parseSessionText(text: string, file: string): SessionLine[] {
  const lines: SessionLine[] = [];
  for (const { line, value, json } of jsonLines(text)) {
    if (!json) throw new UserError(`${file}:${line}: not JSON`);
    const parsed = SessionLineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserError(`${file}:${line}: ${issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'not a session line'}`);
    }
    lines.push(parsed.data);
  }
  return lines;
}

export class SessionFiles {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  pathOf(name: string): string {
    return join(this.dir, `${checkSessionName(name)}${SESSION_EXT}`);
  }

  /** Runs file writes one at a time, in call order. */
  private queue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  append(name: string, line: SessionLine): Promise<void> {
    return this.queue(async () => {
      await mkdir(this.dir, { recursive: true });
      await appendFile(this.pathOf(name), `${JSON.stringify(line)}\n`, 'utf8');
    });
  }

  /** Writes a whole session (for /save NAME): a temp file renamed over the target. */
  write(name: string, lines: readonly SessionLine[]): Promise<void> {
    return this.queue(async () => {
      await mkdir(this.dir, { recursive: true });
      const path = this.pathOf(name);
      const tmp = `${path}.tmp-${process.pid}`;
      await writeFile(tmp, lines.map((l) => `${JSON.stringify(l)}\n`).join(''), 'utf8');
      await rename(tmp, path);
    });
  }

  async list(): Promise<SessionSummary[]> {
    await this.chain;
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const out: SessionSummary[] = [];
    for (const file of names) {
      if (!file.endsWith(SESSION_EXT)) continue;
      const name = file.slice(0, -SESSION_EXT.length);
      if (!SessionNameSchema.safeParse(name).success) continue;
      try {
        const info = await stat(join(this.dir, file));
        out.push({ name, modifiedAt: info.mtimeMs, bytes: info.size });
      } catch {
        // removed meanwhile
      }
    }
    return out.sort((a, b) => b.modifiedAt - a.modifiedAt || a.name.localeCompare(b.name));
  }

  async load(name: string): Promise<LoadedSession> {
    await this.chain;
    const path = this.pathOf(name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new UserError(`no session "${name}" in ${this.dir} (/load lists them)`);
    }
    return { name, ...replaySession(parseSessionText(text, path)) };
  }
}
