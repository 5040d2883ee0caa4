// Chat sessions on disk: one JSONL file per session under `<stateDir>/chat-sessions/`, one line
// per event, appended as messages finish. Every loaded line is checked with these schemas.
import { z } from 'zod';
import { ChatRoleSchema } from './llm.js';

export const ChatReplyStatsSchema = z.object({
  tokensPerSecond: z.number().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  contextPercent: z.number().nonnegative(),
  stopped: z.boolean().optional(),
});
export type ChatReplyStats = z.infer<typeof ChatReplyStatsSchema>;

/** One message of the conversation, as kept in the store and on disk. */
export const ChatEntrySchema = z.object({
  role: ChatRoleSchema,
  content: z.string(),
  /** Epoch ms. */
  at: z.number(),
  /** Shown above the message instead of the role (e.g. "Ask about: deploy log"). */
  title: z.string().optional(),
  /** The model that wrote an assistant message. */
  model: z.string().optional(),
  stats: ChatReplyStatsSchema.optional(),
});
export type ChatEntry = z.infer<typeof ChatEntrySchema>;

export const SessionLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('meta'), version: z.literal(1), createdAt: z.number(), system: z.string().optional(), model: z.string().optional() }),
  z.object({ type: z.literal('message'), message: ChatEntrySchema }),
  z.object({ type: z.literal('system'), system: z.string() }),
  z.object({ type: z.literal('clear') }),
]);
export type SessionLine = z.infer<typeof SessionLineSchema>;

/** A session name: letters, digits, dot, dash, underscore (it becomes a file name). */
export const SessionNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, ".", "-" or "_" (at most 64)');
