// What the Chat pane's keys do (issue 3), and its key scopes per mode.
import type { CHAT_ACTION_IDS } from '../../models/chat-keys.js';
import type { Handler, PaneKeys } from './pane-keys.js';

export const CHAT_HANDLERS: Record<(typeof CHAT_ACTION_IDS)[number], Handler> = {};

export const CHAT_PANE_KEYS: PaneKeys = {
  scopes: () => ['chat', 'global'],
};

export const GPU_PANE_KEYS: PaneKeys = {
  scopes: () => ['gpu', 'global'],
};
