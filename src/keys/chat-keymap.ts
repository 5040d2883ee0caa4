// The Chat and GPU panes' keybindings (issue 3). DEFAULT_KEYMAP joins every pane's rows.
import type { Keymap } from '../../models/keys.js';
import type { CHAT_KEY_SCOPES } from '../../models/chat-keys.js';

export const CHAT_KEYMAP: Keymap = [];

export const CHAT_SCOPE_TITLES: Record<(typeof CHAT_KEY_SCOPES)[number], string> = {
  chat: 'Chat',
  gpu: 'GPU',
};
