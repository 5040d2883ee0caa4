// What the Chat and GPU panes' keys do (issue 3), and their key scopes per mode.
import type { CHAT_ACTION_IDS } from '../../models/chat-keys.js';
import { insideTripleQuotes } from '../chat/commands.js';
import type { Handler, PaneKeys } from './pane-keys.js';

/** A typing key, ignored while chatInsert has taken the current terminal read (a paste). */
function typing(handler: Handler): Handler {
  return (get) => (get().chatSwallowing() ? undefined : handler(get));
}

export const CHAT_HANDLERS: Record<(typeof CHAT_ACTION_IDS)[number], Handler> = {
  'chat-focus': (get) => {
    if (get().chat.phase === 'ready') get().chatFocus(true);
    else if (get().chat.phase === 'closed' || get().chat.phase === 'error') return get().chatOpened();
  },
  'chat-pick-model': (get) => get().chatShowPicker(),
  'chat-escape': (get) => {
    if (!get().chatStop()) get().back();
  },
  'chat-scroll-up': (get) => get().chatScroll(Math.max(1, get().size.rows - 8)),
  'chat-scroll-down': (get) => get().chatScroll(-Math.max(1, get().size.rows - 8)),

  'chat-send': typing((get) => {
    if (insideTripleQuotes(get().chat.input)) {
      get().chatType('\n');
      return;
    }
    return get().chatSubmit();
  }),
  'chat-input-escape': (get) => {
    if (!get().chatStop()) get().chatFocus(false);
  },
  'chat-recall-prev': typing((get) => get().chatRecall(-1)),
  'chat-recall-next': typing((get) => get().chatRecall(1)),
  'chat-erase': typing((get) => get().chatErase()),

  'chat-picker-down': (get) => get().chatPickMove(1),
  'chat-picker-up': (get) => get().chatPickMove(-1),
  'chat-picker-select': (get) => get().chatPickSelect(),
  'chat-picker-cancel': (get) => get().chatPickCancel(),

  'gpu-open-chat': (get) => get().openView('chat'),
};

export const CHAT_PANE_KEYS: PaneKeys = {
  scopes: (state) => {
    if (state.chat.phase === 'picking') return ['chat-picker', 'global'];
    if (state.chat.focused && state.chat.phase === 'ready') return ['chat-input'];
    return ['chat', 'global'];
  },
  typeText: (get, text) => {
    const { chat } = get();
    if (chat.phase !== 'ready') return false;
    if (get().chatSwallowing()) return true;
    get().chatType(text);
    return true;
  },
};

export const GPU_PANE_KEYS: PaneKeys = {
  scopes: () => ['gpu', 'global'],
};
