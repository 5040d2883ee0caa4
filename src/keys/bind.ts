// The one way to write a keybinding row; every pane's keymap file uses it.
import type { ActionId, KeyBinding, KeyScope } from '../../models/keys.js';

export function bind(
  action: ActionId,
  keys: string[],
  scope: KeyScope,
  label: string,
  options: { footer?: boolean; mutates?: boolean } = {},
): KeyBinding {
  return { action, keys, scope, label, footer: options.footer ?? false, mutates: options.mutates ?? false };
}
