// Shapes of the cockpit's UI state: what is on screen, which overlay is open, the message line.
import { z } from 'zod';
import { PaneIdSchema } from './config.js';
import { TodoFileIdSchema } from './todo.js';

export const ViewSchema = z.union([z.literal('dashboard'), PaneIdSchema]);
export type View = z.infer<typeof ViewSchema>;

export const PromptSchema = z.discriminatedUnion('purpose', [
  z.object({ purpose: z.literal('add'), file: TodoFileIdSchema, project: z.array(z.string()) }),
  z.object({ purpose: z.literal('edit'), taskId: z.string() }),
  /** A pane's own one-line question; Enter goes to that pane's PaneKeys.submitPrompt(id, text). */
  z.object({ purpose: z.literal('pane'), pane: PaneIdSchema, id: z.string(), label: z.string() }),
]);
export type Prompt = z.infer<typeof PromptSchema>;

export const OverlaySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('help') }),
  z.object({ kind: z.literal('palette') }),
  z.object({ kind: z.literal('filter') }),
  z.object({ kind: z.literal('prompt'), prompt: PromptSchema }),
  z.object({ kind: z.literal('confirm-quit') }),
]);
export type Overlay = z.infer<typeof OverlaySchema>;
export type OverlayKind = Overlay['kind'];

export const MessageSchema = z.object({
  text: z.string(),
  tone: z.enum(['info', 'warn', 'error']),
});
export type Message = z.infer<typeof MessageSchema>;

export const ListCursorSchema = z.object({
  /** The focused item's id; kept across reloads. */
  id: z.string().nullable(),
  /** Its last known row, used when the id disappears. */
  index: z.number().int().nonnegative(),
});
export type ListCursor = z.infer<typeof ListCursorSchema>;
