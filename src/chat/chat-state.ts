// The Chat pane's state in the app store (pure types and helpers; no React, no I/O).
import type { ChatEntry, ChatReplyStats } from '../../models/chat-session.js';
import type { Backend, ModelInfo } from '../../models/llm.js';

/**
 * - closed: the pane was never opened (nothing loaded, node-llama-cpp not imported);
 * - scanning: looking for models; picking: the model picker is shown; loading: a model loads;
 * - ready: a model is loaded (`live` is set while it answers); error: see `error`.
 */
export type ChatPhase = 'closed' | 'scanning' | 'picking' | 'loading' | 'ready' | 'error';

export type ChatModel = {
  name: string;
  /** general.name, e.g. the demo model's label. */
  label: string;
  backend: Backend;
  gpuLayers: number;
  contextSize: number;
  threads: number;
  demo: boolean;
  /** Why the installed GPU build is not used (it failed its check), or null. */
  gpuNote: string | null;
};

/** The reply being generated. */
export type ChatLive = {
  text: string;
  /** Streamed chunks so far (one per token, near enough). */
  chunks: number;
  startedAt: number;
  firstAt: number | null;
  tokensPerSecond: number;
};

export type ChatState = {
  phase: ChatPhase;
  /** Chat-capable models found (the picker's items). */
  models: ModelInfo[];
  pickIndex: number;
  /** Load progress 0–1 while loading. */
  progress: number;
  /** What is loading or loaded. */
  loadingName: string | null;
  /** What the load is doing when it is not reading the file (the one-off GPU check). */
  loadingNote: string | null;
  model: ChatModel | null;
  /** The conversation; role `system` entries are notes shown in the pane, never sent or saved. */
  entries: ChatEntry[];
  live: ChatLive | null;
  system: string | undefined;
  session: string;
  error: string | null;
  lastStats: ChatReplyStats | null;
  /** Tokens in the context after the last reply as % of the context size. */
  contextPercent: number;
  /** Lines scrolled up from the bottom of the history. */
  scroll: number;
  input: string;
  focused: boolean;
  /** ↑/↓ position in `prompts` (null: the draft). */
  recallIndex: number | null;
  draft: string;
  prompts: string[];
  /** A message waiting for a model to finish loading (e.g. "ask about this"). */
  pending: { text: string; options: { title?: string; system?: string; ask?: string } } | null;
};

export function initialChatState(session: string): ChatState {
  return {
    phase: 'closed',
    models: [],
    pickIndex: 0,
    progress: 0,
    loadingName: null,
    loadingNote: null,
    model: null,
    entries: [],
    live: null,
    system: undefined,
    session,
    error: null,
    lastStats: null,
    contextPercent: 0,
    scroll: 0,
    input: '',
    focused: false,
    recallIndex: null,
    draft: '',
    prompts: [],
    pending: null,
  };
}

/** Generation speed so far: chunks after the first over the time since the first. */
export function liveTokensPerSecond(chunks: number, firstAt: number | null, now: number): number {
  if (firstAt === null || chunks < 2 || now <= firstAt) return 0;
  return (chunks - 1) / ((now - firstAt) / 1000);
}

/** The messages the model sees: notes (role `system`) left out. */
export function conversation(entries: readonly ChatEntry[]): { role: 'user' | 'assistant'; content: string }[] {
  return entries.flatMap((e) => (e.role === 'system' ? [] : [{ role: e.role, content: e.content }]));
}

/** A load progress bar: `[█████░░░░░] 50%`. */
export function progressBar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const cells = Math.max(1, width);
  const filled = Math.round(f * cells);
  return `[${'█'.repeat(filled)}${'░'.repeat(cells - filled)}] ${Math.round(f * 100)}%`;
}
