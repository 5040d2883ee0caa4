// The command log (`@`): `.orchestration/runs/commands.jsonl`, one line per real command the
// cockpit or a runner ran (checks, git, scripts, health checks), with its exit code and duration.
import { z } from 'zod';

export const COMMAND_SOURCES = ['check', 'git', 'script', 'health', 'run', 'other'] as const;

export const CommandLogEntrySchema = z.object({
  /** When the command started, ISO 8601 UTC. */
  at: z.string(),
  /** What ran it: a check, git, a run step script, a health check… */
  source: z.enum(COMMAND_SOURCES),
  /** The exact command line or URL (redacted when written). */
  command: z.string(),
  cwd: z.string().optional(),
  /** Exit code, or the HTTP status of a health check; null when killed, timed out or unreachable. */
  exitCode: z.number().int().nullable(),
  durationMs: z.number().nonnegative(),
  /** The run it belongs to, when a runner ran it. */
  runId: z.string().optional(),
  /** `user@host`. */
  who: z.string().optional(),
});
export type CommandLogEntry = z.infer<typeof CommandLogEntrySchema>;
