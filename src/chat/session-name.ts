// Session names and where session files live: zod-free, so the chat slice can name the first
// session at start-up without loading the session file adapter (src/chat/sessions.ts).
import { join } from 'node:path';
import { stateDir } from '../paths.js';

export const SESSION_EXT = '.jsonl';

export function defaultSessionsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'chat-sessions');
}

/** `session-YYYYMMDD-HHMMSS` (UTC). */
export function newSessionName(now: Date): string {
  const iso = now.toISOString();
  return `session-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}
