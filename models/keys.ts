// Keybindings as data: one table drives the key dispatcher, the `?` help overlay and the
// footer hints. Config `keys` (models/config.ts) remaps the keys of an action id.
import { z } from 'zod';
import { ACTION_IDS, isKeyName, KEY_SCOPES, NAMED_KEYS } from './key-ids.js';

export const KeyScopeSchema = z.enum(KEY_SCOPES);
export type KeyScope = z.infer<typeof KeyScopeSchema>;

export const ActionIdSchema = z.enum(ACTION_IDS);
export type ActionId = z.infer<typeof ActionIdSchema>;

export const KeyNameSchema = z
  .string()
  .refine(
    isKeyName,
    'not a key name (use a printable character, ctrl+<letter>, or one of: ' + NAMED_KEYS.join(', ') + ')',
  );
export type KeyName = z.infer<typeof KeyNameSchema>;

export const KeyBindingSchema = z.strictObject({
  action: ActionIdSchema,
  keys: z.array(KeyNameSchema).min(1),
  scope: KeyScopeSchema,
  /** Short label for the footer and the help overlay, e.g. "done". */
  label: z.string().min(1),
  /** Whether the footer lists it (the help overlay lists every binding). */
  footer: z.boolean(),
  /** Whether it changes data; --readonly disables these. */
  mutates: z.boolean(),
});
export type KeyBinding = z.infer<typeof KeyBindingSchema>;

export const KeymapSchema = z.array(KeyBindingSchema);
export type Keymap = z.infer<typeof KeymapSchema>;
