// The Chat and GPU panes' keybindings (issue 3). DEFAULT_KEYMAP joins every pane's rows.
// Key model: in the Chat pane the input has the focus once a model is loaded, and then only the
// `chat-input` scope is live (plus Ctrl-C), so q, 1-7 and ? type text. Esc stops a streaming
// reply, else leaves the input, and the `chat` scope (with the global keys) is live again.
import type { Keymap } from '../../models/keys.js';
import type { CHAT_KEY_SCOPES } from '../../models/chat-keys.js';
import { bind } from './bind.js';

export const CHAT_KEYMAP: Keymap = [
  bind('chat-focus', ['i', 'return'], 'chat', 'type', { footer: true }),
  bind('chat-pick-model', ['m'], 'chat', 'model', { footer: true }),
  bind('chat-escape', ['escape'], 'chat', 'stop / back', { footer: true }),
  bind('chat-scroll-up', ['pageup', 'k', 'up'], 'chat', 'scroll up'),
  bind('chat-scroll-down', ['pagedown', 'j', 'down'], 'chat', 'scroll down'),

  bind('chat-send', ['return'], 'chat-input', 'send', { footer: true }),
  bind('chat-input-escape', ['escape'], 'chat-input', 'stop / leave input', { footer: true }),
  bind('chat-recall-prev', ['up'], 'chat-input', 'earlier prompt', { footer: true }),
  bind('chat-recall-next', ['down'], 'chat-input', 'later prompt'),
  bind('chat-erase', ['backspace', 'delete'], 'chat-input', 'erase'),

  bind('chat-picker-down', ['down', 'j'], 'chat-picker', 'down', { footer: true }),
  bind('chat-picker-up', ['up', 'k'], 'chat-picker', 'up', { footer: true }),
  bind('chat-picker-select', ['return'], 'chat-picker', 'load model', { footer: true }),
  bind('chat-picker-cancel', ['escape'], 'chat-picker', 'cancel', { footer: true }),

  bind('gpu-open-chat', ['c'], 'gpu', 'chat', { footer: true }),
];

export const CHAT_SCOPE_TITLES: Record<(typeof CHAT_KEY_SCOPES)[number], string> = {
  chat: 'Chat',
  'chat-input': 'Chat input (Alt-Enter or """…""": several lines; /help: commands)',
  'chat-picker': 'Model picker',
  gpu: 'GPU',
};
