// The Chat pane's part of the app store (issue 3). Its I/O adapters are imported lazily
// (dynamic import) so the cockpit's first frame never pays for them.
import type { AppStore, SliceCreator } from './types.js';

/** Adapters tests may inject instead of the real ones. */
export type ChatDeps = object;

export type ChatSlice = {
  /**
   * "Ask about this": other panes call it with a selected text (a run log, a failed check,
   * the backup status, an incident). Redacts, fits the context, opens the Chat pane and sends.
   */
  askAboutThis(source: { label: string; text: string }): void;
};

export const createChatSlice: SliceCreator<ChatSlice> = (_set, get) => ({
  askAboutThis: (source) => get().showMessage(`chat is not built yet: cannot ask about ${source.label}`, 'warn'),
});

/** Starts the pane's background work (watchers, refreshes) after the first frame; returns stop. */
export function startChat(_store: AppStore): () => void {
  return () => undefined;
}
