// The Chat and GPU panes' part of the app store (issue 3). The engine, node-llama-cpp and the
// GPU monitor are imported lazily (src/chat/chat-controller.ts) so the first frame never pays.
import type { GpuSnapshot } from '../../models/gpu.js';
import { createChatController } from '../chat/chat-controller.js';
import type { ChatDeps as ChatControllerDeps, SendOptions } from '../chat/chat-controller.js';
import { initialChatState } from '../chat/chat-state.js';
import type { ChatState } from '../chat/chat-state.js';
import { recall } from '../chat/commands.js';
import { newSessionName } from '../chat/session-name.js';
import type { AppStore, SliceCreator } from './types.js';

/** Adapters tests may inject instead of the real ones. */
export type ChatDeps = ChatControllerDeps;

export type ChatSlice = {
  chat: ChatState;
  /** The latest GPU/host snapshot (null until the monitor's first one). */
  gpu: GpuSnapshot | null;
  /**
   * "Ask about this": other panes call it with a selected text (a run log, a failed check,
   * the backup status, an incident). Redacts, fits the context, opens the Chat pane and sends.
   */
  askAboutThis(source: { label: string; text: string }): void;
  /** The Chat pane opened: find and load a model (once). */
  chatOpened(): Promise<void>;
  /** Sends a message (queued until a model is loaded). */
  chatSend(text: string, options?: SendOptions): Promise<void>;
  /** Enter in the input: a command, a message, or a newline inside `"""`. */
  chatSubmit(): Promise<void>;
  /** Stops the reply being generated, keeping the partial text; false when none was. */
  chatStop(): boolean;
  chatType(text: string): void;
  chatErase(): void;
  chatFocus(on: boolean): void;
  chatRecall(step: -1 | 1): void;
  chatScroll(lines: number): void;
  chatPickMove(step: number): void;
  /** Shows the model picker (rescanning the models folders). */
  chatShowPicker(): Promise<void>;
  chatPickSelect(): Promise<void>;
  chatPickCancel(): void;
  /**
   * Alt-Enter or a multi-line paste: the text goes into the input as is, and the keys the
   * dispatcher gets from the same terminal read (Enter, the characters) are ignored.
   */
  chatInsert(text: string): void;
  /** Whether keys are being ignored because chatInsert took this terminal read. */
  chatSwallowing(): boolean;
  /** Starts the GPU monitor and the view watcher; returns stop (also unloads the model). */
  chatStartBackground(subscribe: AppStore['subscribe']): () => Promise<void>;
};

export const createChatSlice: SliceCreator<ChatSlice> = (set, get, deps) => {
  const c = createChatController(set, get, deps);
  const { patch } = c;
  return {
    chat: initialChatState(newSessionName(deps.now())),
    gpu: null,
    askAboutThis: (source) => c.ask(source),
    chatOpened: () => c.opened(),
    chatSend: (text, options) => c.send(text, options),
    chatSubmit: () => c.submit(),
    chatStop: () => c.stop(),
    chatType: (text) => patch((s) => ({ input: s.input + text, focused: true, recallIndex: null })),
    chatErase: () => patch((s) => ({ input: [...s.input].slice(0, -1).join('') })),
    chatFocus: (on) => patch({ focused: on }),
    chatRecall: (step) =>
      patch((s) => {
        const r = recall(s.prompts, s.recallIndex, step, s.recallIndex === null ? s.input : s.draft);
        return { recallIndex: r.index, input: r.text, draft: s.recallIndex === null ? s.input : s.draft };
      }),
    chatScroll: (lines) => patch((s) => ({ scroll: Math.max(0, s.scroll + lines) })),
    chatPickMove: (step) => patch((s) => ({ pickIndex: Math.min(Math.max(0, s.pickIndex + step), Math.max(0, s.models.length - 1)) })),
    chatShowPicker: () => c.showPicker(),
    chatPickSelect: () => c.loadModel(get().chat.models[get().chat.pickIndex]?.path),
    chatPickCancel: () => {
      if (c.runtime.model) patch({ phase: 'ready' });
      else get().back();
    },
    chatInsert: (text) => {
      c.runtime.swallow = true;
      // the rest of this read's keys are dispatched synchronously; the next read comes later
      setImmediate(() => {
        c.runtime.swallow = false;
      });
      patch((s) => ({ input: s.input + text, focused: true, recallIndex: null }));
    },
    chatSwallowing: () => c.runtime.swallow,
    chatStartBackground: (subscribe) =>
      c.startBackground((listener) => {
        let prev = get().view;
        return subscribe((state) => {
          const view = state.view;
          if (view === prev) return;
          const was = prev;
          prev = view; // first: the listener may set state, which calls back here
          listener(view, was);
        });
      }),
  };
};

/** Starts the pane's background work (the GPU monitor) after the first frame; returns stop. */
export function startChat(store: AppStore): () => Promise<void> {
  return store.getState().chatStartBackground(store.subscribe);
}
