// One loaded model: its context, one sequence and one LlamaChatSession; chat calls are queued.
import type { BenchResult, ChatMessage, ChatResult, ModelInfo, ModelStats } from '../../models/llm.js';
import { errorMessage, UserError, EXIT_FAILURE, EXIT_USAGE } from '../errors.js';
import { runBenchmark, type BenchOptions } from './bench.js';
import { importLlamaCpp, type Llama, type NodeLlamaCpp } from './llama.js';

type LlamaModel = Awaited<ReturnType<Llama['loadModel']>>;
type LlamaContext = Awaited<ReturnType<LlamaModel['createContext']>>;
type LlamaChatSession = InstanceType<NodeLlamaCpp['LlamaChatSession']>;
type ChatHistoryItem = Parameters<LlamaChatSession['setChatHistory']>[0][number];

/** Used when a chat has no system prompt: short, so small contexts still fit. */
export const DEFAULT_SYSTEM_PROMPT = 'You are a helpful assistant.';

export type ChatRequest = {
  /** Earlier turns; when `prompt` is absent the last one must be the user's message. */
  messages?: ChatMessage[];
  /** The user's new message (appended after `messages`). */
  prompt?: string;
  /** System prompt; else the first `system` message, else DEFAULT_SYSTEM_PROMPT. */
  system?: string;
  maxTokens?: number;
  temperature?: number;
  /** Aborting stops generation and resolves with the partial text (`stopReason: 'abort'`). */
  signal?: AbortSignal;
  /** Each streamed piece of text, in order (empty pieces are not passed on). */
  onTextChunk?: (text: string) => void;
};

export class LoadedModel {
  private queue: Promise<unknown> = Promise.resolve();
  private session: LlamaChatSession | undefined;
  private readonly sequence;
  private disposed = false;

  constructor(
    readonly info: ModelInfo,
    readonly llama: Llama,
    readonly model: LlamaModel,
    readonly context: LlamaContext,
    readonly stats: ModelStats,
  ) {
    this.sequence = context.getSequence();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.disposed) throw new UserError(`model ${this.info.name} was unloaded`, EXIT_FAILURE);
      return task();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  chat(request: ChatRequest): Promise<ChatResult> {
    return this.enqueue(() => this.runChat(request));
  }

  benchmark(options: BenchOptions = {}): Promise<BenchResult> {
    return this.enqueue(async () => {
      const result = await runBenchmark(this.model, this.sequence, this.stats, options);
      if (this.session) this.session.resetChatHistory();
      return result;
    });
  }

  countTokens(text: string): number {
    return this.model.tokenize(text).length;
  }

  contextUsage(): { tokens: number; size: number; percent: number } {
    const tokens = this.sequence.nextTokenIndex;
    const size = this.context.contextSize;
    return { tokens, size, percent: size ? (tokens / size) * 100 : 0 };
  }

  private async runChat(request: ChatRequest): Promise<ChatResult> {
    const messages = [...(request.messages ?? [])];
    if (request.prompt !== undefined) messages.push({ role: 'user', content: request.prompt });
    const last = messages.pop();
    if (!last || last.role !== 'user') throw new UserError('a chat needs a user message to answer', EXIT_USAGE);
    const system = request.system ?? messages.find((m) => m.role === 'system')?.content ?? DEFAULT_SYSTEM_PROMPT;
    const history: ChatHistoryItem[] = [{ type: 'system', text: system }];
    for (const m of messages) {
      if (m.role === 'user') history.push({ type: 'user', text: m.content });
      else if (m.role === 'assistant') history.push({ type: 'model', response: [m.content] });
    }
    const { LlamaChatSession } = await importLlamaCpp();
    this.session ??= new LlamaChatSession({ contextSequence: this.sequence, autoDisposeSequence: false });
    this.session.setChatHistory(history);

    const started = performance.now();
    if (request.signal?.aborted) return this.result('', 'abort', 0, started, undefined);
    const before = this.sequence.tokenMeter.getState().usedOutputTokens;
    let firstAt: number | undefined;
    let streamed = '';
    try {
      const r = await this.session.promptWithMeta(last.content, {
        maxTokens: request.maxTokens,
        temperature: request.temperature,
        signal: request.signal,
        stopOnAbortSignal: true,
        onTextChunk: (chunk) => {
          firstAt ??= performance.now();
          streamed += chunk;
          if (chunk) request.onTextChunk?.(chunk);
        },
      });
      const generated = this.sequence.tokenMeter.getState().usedOutputTokens - before;
      return this.result(r.responseText, r.stopReason, generated, started, firstAt);
    } catch (error) {
      // aborted while the prompt was still being read (before or between tokens): a stop, not a failure
      if (request.signal?.aborted) {
        const generated = this.sequence.tokenMeter.getState().usedOutputTokens - before;
        return this.result(streamed, 'abort', Math.max(0, generated), started, firstAt);
      }
      throw new UserError(`chat with ${this.info.name} failed: ${errorMessage(error).split('\n')[0]}`, EXIT_FAILURE);
    }
  }

  private result(
    text: string,
    stopReason: ChatResult['stopReason'],
    completionTokens: number,
    started: number,
    firstAt: number | undefined,
  ): ChatResult {
    const ended = performance.now();
    const ms = ended - started;
    // generation speed: tokens after the first over the time after the first (llama-bench `tg`)
    const genMs = firstAt !== undefined && completionTokens > 1 ? ended - firstAt : ms;
    const genTokens = firstAt !== undefined && completionTokens > 1 ? completionTokens - 1 : completionTokens;
    const usage = this.contextUsage();
    return {
      text,
      stopReason,
      usage: { promptTokens: Math.max(0, usage.tokens - completionTokens), completionTokens },
      timings: { ms, tokensPerSecond: genMs > 0 ? genTokens / (genMs / 1000) : 0 },
      contextTokens: usage.tokens,
      contextPercent: usage.percent,
    };
  }

  async dispose(): Promise<void> {
    await this.queue;
    if (this.disposed) return;
    this.disposed = true;
    this.session?.dispose({ disposeSequence: false });
    await this.context.dispose();
    await this.model.dispose();
  }
}
