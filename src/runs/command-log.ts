// The command log (`@`): every real command the cockpit or a runner ran, one JSON line each
// in `.orchestration/runs/commands.jsonl` (redacted, fsynced like the journals).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandLogEntry } from '../../models/run-command-log.js';
import { CommandLogEntrySchema } from '../../models/run-command-log.js';
import { redactSecrets } from '../sanitize/redact-secrets.js';
import { appendJsonLine } from './journal.js';
import { COMMAND_LOG } from './run-ids.js';
import { jsonLines } from '../json-lines.js';

const MAX_COMMAND = 1000;

export async function appendCommandLog(root: string, entry: CommandLogEntry): Promise<void> {
  const parsed = CommandLogEntrySchema.parse(entry);
  const command = redactSecrets(parsed.command);
  await appendJsonLine(join(root, COMMAND_LOG), { ...parsed, command: command.length > MAX_COMMAND ? `${command.slice(0, MAX_COMMAND - 1)}…` : command });
}

/** The last `limit` entries (default 200), oldest first; malformed lines are skipped. */
export async function readCommandLog(root: string, limit = 200): Promise<CommandLogEntry[]> {
  let text: string;
  try {
    text = await readFile(join(root, COMMAND_LOG), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: CommandLogEntry[] = [];
  for (const { value } of jsonLines(text)) {
    // a torn or foreign line is skipped
    const parsed = CommandLogEntrySchema.safeParse(value);
    if (parsed.success) entries.push(parsed.data);
  }
  return limit > 0 ? entries.slice(-limit) : [];
}
