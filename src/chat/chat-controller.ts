// The Chat pane's engine side: finds models (writing the demo model when configured), loads one
// with progress, streams replies through a 33 ms token buffer into the store, stops on Esc,
// appends finished messages to the session file, and runs the GPU monitor. node-llama-cpp, the
// engine and the GPU monitor are imported lazily: the cockpit's first frame never pays for them.
import { mkdirSync, readdirSync } from 'node:fs';
import type { ChatEntry } from '../../models/chat-session.js';
import type { IGpuMonitor } from '../gpu/gpu-monitor-types.js';
import type { ILlmEngine, ILoadedModel, LlmEngineOptions } from '../llm/engine.js';
import { errorMessage } from '../errors.js';
import { ON_CALL_SYSTEM_PROMPT } from '../llm/redact.js';
import { ASK_CONTEXT_SHARE, fitAskPrompt } from './ask.js';
import type { GetState, ResolvedDeps, SetState } from '../store/types.js';
import { conversation, liveTokensPerSecond } from './chat-state.js';
import type { ChatState } from './chat-state.js';
import { createChatBackground } from './chat-background.js';
import { runCommand } from './chat-commands.js';
import { parseSubmission } from './commands.js';
import { defaultSessionsDir, newSessionName } from './session-name.js';
import type { SessionFiles } from './sessions.js';

export type ChatDeps = {
  /** The LLM engine (default: createLlmEngine from src/llm, imported lazily). */
  createEngine?: (options: LlmEngineOptions) => ILlmEngine;
  /** The GPU monitor (default: createGpuMonitor from src/gpu, imported lazily). */
  createGpuMonitor?: () => IGpuMonitor;
  /** Where sessions are kept (default `<stateDir>/chat-sessions`). */
  sessionsDir?: string;
  /** Directories to scan instead of llm.modelsDir. */
  modelDirs?: string[];
};

export type SendOptions = {
  title?: string;
  system?: string;
  /** Whether ↑ recalls it (default true). */
  remember?: boolean;
  /** An "ask about this" text: `text` is the raw source, redacted and fitted once a model is loaded. */
  ask?: string;
};

export type ChatRuntime = {
  engine: ILlmEngine | undefined;
  model: ILoadedModel | undefined;
  controller: AbortController | undefined;
  monitor: IGpuMonitor | undefined;
  /** The session files (the adapter and its zod schemas load on first use). */
  sessions: () => Promise<SessionFiles>;
  /** Whether the current session file has its meta line. */
  sessionWritten: boolean;
  /** Keys of the current terminal read are ignored (see chatInsert). */
  swallow: boolean;
};

export type ChatController = ReturnType<typeof createChatController>;

function lazySessions(dir: string): () => Promise<SessionFiles> {
  let files: Promise<SessionFiles> | undefined;
  return () => (files ??= import('./sessions.js').then((m) => new m.SessionFiles(dir)));
}

export function createChatController(set: SetState, get: GetState, deps: ResolvedDeps) {
  const chatDeps: ChatDeps = deps.services.chat ?? {};
  const llm = deps.config.llm;
  const runtime: ChatRuntime = {
    engine: undefined,
    model: undefined,
    controller: undefined,
    monitor: undefined,
    sessions: lazySessions(chatDeps.sessionsDir ?? defaultSessionsDir()),
    sessionWritten: false,
    swallow: false,
  };
  let opening: Promise<void> | undefined;

  const patch = (p: Partial<ChatState> | ((c: ChatState) => Partial<ChatState>)): void =>
    set((s) => ({ chat: { ...s.chat, ...(typeof p === 'function' ? p(s.chat) : p) } }));
  const note = (text: string): void =>
    patch((c) => ({ entries: [...c.entries, { role: 'system', content: text, at: deps.now().getTime() }], scroll: 0 }));

  async function engine(): Promise<ILlmEngine> {
    if (runtime.engine) return runtime.engine;
    const { modelDirs } = await import('../llm/scan-models.js');
    const dirs = chatDeps.modelDirs ?? modelDirs(llm, process.env, deps.root);
    if (llm.demoModel && dirs[0] && !hasModel(dirs[0])) {
      const { ensureDemoModel } = await import('../llm/demo-model.js');
      mkdirSync(dirs[0], { recursive: true });
      ensureDemoModel(dirs[0]);
    }
    const create = chatDeps.createEngine ?? (await import('../llm/engine.js')).createLlmEngine;
    runtime.engine = create({ ...llm, dirs });
    return runtime.engine;
  }

  async function open(): Promise<void> {
    patch({ phase: 'scanning', error: null });
    try {
      const e = await engine();
      const { chatCapable } = await import('../llm/scan-models.js');
      const models = chatCapable(await e.listModels());
      if (models.length === 0) {
        const { noModelsMessage } = await import('../llm/engine.js');
        patch({ phase: 'error', models, error: noModelsMessage(e.dirs) });
        return;
      }
      patch({ models, pickIndex: 0 });
      if (llm.model) await loadModel(llm.model);
      else if (models.length === 1) await loadModel(models[0]?.path);
      else patch({ phase: 'picking' });
    } catch (error) {
      patch({ phase: 'error', error: errorMessage(error) });
    }
  }

  /** The pane opened: find models and load one (once; later calls do nothing). */
  function opened(): Promise<void> {
    const { phase } = get().chat;
    if (phase !== 'closed' && phase !== 'error') return opening ?? Promise.resolve();
    opening = open();
    return opening;
  }

  async function loadModel(nameOrPath: string | undefined): Promise<void> {
    if (runtime.controller) {
      note('wait for the reply to finish (Esc stops it) before switching models');
      return;
    }
    patch({ phase: 'loading', progress: 0, loadingName: nameOrPath ?? null, loadingNote: null, error: null });
    try {
      const e = await engine();
      let shown = 0;
      const model = await e.load(nameOrPath, {
        onProgress: (fraction) => {
          // one store update per visible percent, not per callback
          if (Math.floor(fraction * 100) === Math.floor(shown * 100)) return;
          shown = fraction;
          patch({ progress: fraction, loadingNote: null });
        },
        onGpuCheck: () => patch({ loadingNote: 'checking the GPU build once: a tiny model runs on it in a child process' }),
      });
      runtime.model = model;
      const s = model.stats;
      const label = model.info.displayName ?? model.info.name;
      patch({
        phase: 'ready',
        progress: 1,
        loadingName: null,
        loadingNote: null,
        focused: true,
        model: { name: model.info.name, label, backend: s.backend, gpuLayers: s.gpuLayers, contextSize: s.contextSize, threads: s.threads, demo: /demo model/i.test(label), gpuNote: s.gpuNote ?? null },
        contextPercent: model.contextUsage().percent,
      });
      void updateVram();
      const pending = get().chat.pending;
      if (pending) {
        patch({ pending: null });
        await send(pending.text, { ...pending.options, remember: false });
      }
    } catch (error) {
      patch({ phase: 'error', loadingName: null, loadingNote: null, error: errorMessage(error) });
    }
  }

  async function updateVram(): Promise<void> {
    if (!runtime.monitor || !runtime.engine || !runtime.model) return;
    try {
      const v = await runtime.engine.getVramState();
      runtime.monitor.setModelVram({ totalBytes: v.total, usedBytes: v.used, freeBytes: v.free });
    } catch {
      // VRAM figures are a nicety; the chat works without them
    }
  }

  async function persist(entry: ChatEntry): Promise<void> {
    const { session, system } = get().chat;
    try {
      if (!runtime.sessionWritten) {
        runtime.sessionWritten = true;
        await (await runtime.sessions()).append(session, { type: 'meta', version: 1, createdAt: deps.now().getTime(), system, model: get().chat.model?.name });
      }
      await (await runtime.sessions()).append(session, { type: 'message', message: entry });
    } catch (error) {
      note(`could not save the session: ${errorMessage(error)}`);
    }
  }

  async function send(text: string, options: SendOptions = {}): Promise<void> {
    const chat = get().chat;
    if (runtime.controller) {
      get().showMessage('a reply is still coming; Esc stops it', 'warn');
      return;
    }
    if (options.remember !== false) patch((c) => ({ prompts: [...c.prompts, text].slice(-100) }));
    if (!runtime.model || chat.phase !== 'ready') {
      patch({ pending: { text, options: { title: options.title, system: options.system, ask: options.ask } } });
      if (chat.phase === 'closed') void opened();
      else if (chat.phase === 'picking') note('pick a model first (Enter); the message is sent once it has loaded');
      return;
    }
    const model = runtime.model;
    const content = options.ask === undefined ? text : fitAsk(model, options.ask, text);
    const now = () => deps.now().getTime();
    const user: ChatEntry = { role: 'user', content, at: now(), ...(options.title ? { title: options.title } : {}) };
    const history = conversation(chat.entries);
    patch((c) => ({ entries: [...c.entries, user], scroll: 0, live: { text: '', chunks: 0, startedAt: now(), firstAt: null, tokensPerSecond: 0 } }));
    void persist(user);

    const controller = new AbortController();
    runtime.controller = controller;
    const { createTokenBuffer } = await import('../llm/token-buffer.js');
    let chunks = 0;
    let firstAt: number | null = null;
    const buffer = createTokenBuffer((flushed) => {
      const t = performance.now();
      patch((c) => (c.live ? { live: { ...c.live, text: c.live.text + flushed, chunks, firstAt, tokensPerSecond: liveTokensPerSecond(chunks, firstAt, t) } } : {}));
    }, llm.streamFlushMs);
    try {
      const result = await model.chat({
        messages: history,
        prompt: content,
        system: options.system ?? get().chat.system,
        signal: controller.signal,
        onTextChunk: (chunk) => {
          chunks += 1;
          firstAt ??= performance.now();
          buffer.push(chunk);
        },
      });
      buffer.end();
      const stats = {
        tokensPerSecond: result.timings.tokensPerSecond,
        promptTokens: result.usage.promptTokens,
        completionTokens: result.usage.completionTokens,
        contextPercent: result.contextPercent,
        ...(result.stopReason === 'abort' ? { stopped: true } : {}),
      };
      const reply: ChatEntry = { role: 'assistant', content: result.text, at: now(), model: model.info.name, stats };
      patch((c) => ({ entries: [...c.entries, reply], live: null, lastStats: stats, contextPercent: result.contextPercent }));
      void persist(reply);
      void updateVram();
    } catch (error) {
      buffer.end();
      patch({ live: null });
      note(`the model failed: ${errorMessage(error)}`);
    } finally {
      runtime.controller = undefined;
    }
  }

  async function showPicker(): Promise<void> {
    if (runtime.controller || get().chat.phase === 'loading' || get().chat.phase === 'scanning') {
      get().showMessage('wait for the model or the reply to finish (Esc stops a reply)', 'warn');
      return;
    }
    if (get().chat.phase === 'closed') await opened();
    try {
      const { chatCapable } = await import('../llm/scan-models.js');
      const models = chatCapable(await (await engine()).listModels());
      if (models.length === 0) return;
      const current = models.findIndex((m) => m.name === get().chat.model?.name);
      patch({ phase: 'picking', models, pickIndex: Math.max(0, current), focused: false });
    } catch (error) {
      note(errorMessage(error));
    }
  }

  /** Esc while a reply streams: stop it and keep the partial text. Returns whether it stopped one. */
  function stop(): boolean {
    if (!runtime.controller) return false;
    runtime.controller.abort();
    return true;
  }

  /** Enter in the input: a slash command, a newline inside `"""`, or a message. */
  async function submit(): Promise<void> {
    const { input } = get().chat;
    const parsed = parseSubmission(input);
    if (parsed.kind === 'empty') return;
    patch({ input: '', recallIndex: null, draft: '' });
    patch((c) => ({ prompts: [...c.prompts, input].slice(-100) }));
    if (parsed.kind === 'message') return send(parsed.text, { remember: false });
    return runCommand(parsed.command, { get, patch, note, runtime, loadModel, showPicker, deps, newSession: () => newSessionName(deps.now()) });
  }

  /** "Ask about this": redacted, fitted to the context, sent with the on-call system prompt. */
  function ask(source: { label: string; text: string }): void {
    if (get().chat.system === undefined) patch({ system: ON_CALL_SYSTEM_PROMPT });
    get().openView('chat');
    void send(source.text, { title: `Ask about: ${source.label}`, system: ON_CALL_SYSTEM_PROMPT, remember: false, ask: source.label });
  }

  /** The ask text fitted to the loaded model's context, counted with its own tokenizer. */
  function fitAsk(model: ILoadedModel, label: string, text: string): string {
    const count = (t: string): number => model.countTokens(t);
    const budget = Math.floor(model.stats.contextSize * ASK_CONTEXT_SHARE) - count(ON_CALL_SYSTEM_PROMPT);
    return fitAskPrompt(label, text, Math.max(32, budget), count);
  }

  /** Background work after the first frame (chat-background.ts); returns stop. */
  const startBackground = createChatBackground({ runtime, set, get, createGpuMonitor: chatDeps.createGpuMonitor, note, opened });

  return { opened, loadModel, showPicker, send, stop, submit, ask, startBackground, runtime, patch, note };
}

function hasModel(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => f.toLowerCase().endsWith('.gguf'));
  } catch {
    return false;
  }
}
