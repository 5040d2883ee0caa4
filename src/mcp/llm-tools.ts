// The SOP §1.5 neural-processing tools: chat_completion, stream_chat, benchmark_model,
// validate_model, get_system_info and list_available_models, over the local GGUF models.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ChatResult, ModelInfo } from '../../models/llm.js';
import {
  BenchmarkInputShape,
  BenchmarkOutputShape,
  ChatInputShape,
  ChatOutputShape,
  ValidateInputShape,
  ValidateOutputShape,
  type ChatInput,
} from '../../models/mcp-tools.js';
import { expandHome } from '../paths.js';
import { guard, jsonResult, type McpContext } from './tool-kit.js';
import { cleanText, createStreamSanitizer } from './stream-text.js';
import { collectSystemInfo } from './system-info.js';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, openWorldHint: false } as const;

const CHAT_DESCRIPTION =
  'Generate a reply with a local GGUF model (llama.cpp through node-llama-cpp, on this machine; nothing leaves it). ' +
  'Give the conversation as messages (the last one from the user). Returns the text (terminal escape sequences removed), token usage and tokens/s. ' +
  'Use list_available_models to see the model names.';

export function chatOutput(model: string, r: ChatResult): Record<string, unknown> {
  return {
    text: cleanText(r.text),
    model,
    stop_reason: r.stopReason,
    usage: {
      prompt_tokens: r.usage.promptTokens,
      completion_tokens: r.usage.completionTokens,
      total_tokens: r.usage.promptTokens + r.usage.completionTokens,
    },
    timings: { total_ms: Math.round(r.timings.ms * 10) / 10, tokens_per_second: Math.round(r.timings.tokensPerSecond * 10) / 10 },
  };
}

/** Pause between a stream's last progress notification and its result (see runChat). */
const STREAM_RESULT_PAUSE_MS = 15;

/** One chat turn on the queue; with `stream`, each text chunk goes out as a progress notification. */
async function runChat(ctx: McpContext, args: ChatInput, extra: Extra, stream: boolean): Promise<CallToolResult> {
  return ctx.llm.run(async (engine, signal) => {
    const model = await ctx.llm.load(engine, args.model, signal);
    const token = stream ? extra._meta?.progressToken : undefined;
    let sentChars = 0;
    let notified: Promise<void> = Promise.resolve();
    const pieces =
      token === undefined
        ? undefined
        : createStreamSanitizer((text) => {
            sentChars += text.length;
            const params = { progressToken: token, progress: sentChars, message: text };
            notified = notified.then(() => extra.sendNotification({ method: 'notifications/progress', params })).catch(() => undefined);
          });
    const r = await model.chat({
      messages: args.messages,
      system: args.system,
      maxTokens: args.max_tokens,
      temperature: args.temperature,
      signal,
      onTextChunk: pieces ? (chunk) => pieces.push(chunk) : undefined,
    });
    pieces?.end();
    await notified;
    // The MCP SDK's client runs progress handlers in a microtask but the response at once, and
    // drops its progress handler there: progress that arrives in the same read as the response
    // is lost. A short pause after the last progress keeps them in separate reads (but for a
    // client stalled longer than that). Upstream: modelcontextprotocol/typescript-sdk#2580, a
    // race servers cannot avoid; drop the pause once clients keep late progress.
    if (sentChars > 0) await new Promise((resolve) => setTimeout(resolve, STREAM_RESULT_PAUSE_MS));
    const data = chatOutput(model.info.name, r);
    return { content: [{ type: 'text', text: String(data.text) }], structuredContent: data };
  }, extra.signal);
}

export function modelEntry(m: ModelInfo, loaded: readonly string[]): Record<string, unknown> {
  return {
    name: m.name,
    path: m.path,
    ...(m.displayName ? { display_name: m.displayName } : {}),
    architecture: m.architecture ?? null,
    parameters: m.parameters ?? null,
    quantization: m.quantization ?? null,
    size_bytes: m.sizeBytes,
    context_length: m.contextLength ?? null,
    vocab_only: m.vocabOnly,
    loaded: loaded.includes(m.name),
    ...(m.error ? { error: m.error } : {}),
  };
}

/** `path` as a file: absolute, `~/`, relative to the repo root (or cwd), or a listed model's name. */
async function resolveModelFile(ctx: McpContext, path: string): Promise<string> {
  const expanded = expandHome(path);
  const file = isAbsolute(expanded) ? expanded : resolve(ctx.root ?? ctx.cwd, expanded);
  if (existsSync(file) || path.includes('/')) return file;
  const byName = (await ctx.llm.listModels()).find((m) => m.name === path || m.name.toLowerCase() === path.toLowerCase());
  return byName?.path ?? file;
}

export function registerLlmTools(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'chat_completion',
    { title: 'Chat with a local model', description: CHAT_DESCRIPTION, inputSchema: ChatInputShape, outputSchema: ChatOutputShape, annotations: READ_ONLY },
    (args, extra) => guard(ctx, 'chat_completion', () => runChat(ctx, args, extra, false)),
  );

  server.registerTool(
    'stream_chat',
    {
      title: 'Chat with a local model, streamed',
      description: `${CHAT_DESCRIPTION} Streaming: when the request carries a progressToken, each new piece of text is sent at once as a progress notification (message = the new text, progress = characters so far); the pieces add up to the full text in the result.`,
      inputSchema: ChatInputShape,
      outputSchema: ChatOutputShape,
      annotations: READ_ONLY,
    },
    (args, extra) => guard(ctx, 'stream_chat', () => runChat(ctx, args, extra, true)),
  );

  server.registerTool(
    'benchmark_model',
    {
      title: 'Benchmark a local model',
      description:
        'Measure inference speed of a local GGUF model, llama-bench style: prompt processing (pp, n_prompt tokens at once) and generation (tg, n_gen tokens one by one) in tokens/s, the median of `repetitions` runs. Takes seconds to minutes on big models.',
      inputSchema: BenchmarkInputShape,
      outputSchema: BenchmarkOutputShape,
      annotations: READ_ONLY,
    },
    (args, extra) =>
      guard(ctx, 'benchmark_model', () =>
        ctx.llm.run(async (engine, signal) => {
          const model = await ctx.llm.load(engine, args.model, signal);
          const r = await model.benchmark({ nPrompt: args.n_prompt, nGen: args.n_gen, repetitions: args.repetitions });
          const round = (n: number): number => Math.round(n * 100) / 100;
          const data = {
            model: r.model,
            backend: r.backend,
            threads: r.threads,
            gpu_layers: r.gpuLayers,
            n_prompt: r.nPrompt,
            n_gen: r.nGen,
            repetitions: r.repetitions,
            pp_tokens_per_second: round(r.promptTokensPerSecond),
            tg_tokens_per_second: round(r.genTokensPerSecond),
            runs: r.runs.map((x) => ({ pp_tokens_per_second: round(x.ppTokensPerSecond), tg_tokens_per_second: round(x.tgTokensPerSecond) })),
          };
          const text = `${r.model} (${r.backend}, ${r.threads} threads, ${r.gpuLayers} GPU layers, median of ${r.repetitions}): pp${r.nPrompt} ${data.pp_tokens_per_second} tokens/s, tg${r.nGen} ${data.tg_tokens_per_second} tokens/s`;
          return jsonResult(data, text);
        }, extra.signal),
      ),
  );

  server.registerTool(
    'validate_model',
    {
      title: 'Check a GGUF model file',
      description:
        'Verify a GGUF model file: its structure, the metadata llama.cpp needs, then a trial load in a separate process (a broken file cannot crash this server). Returns valid, or invalid with the reason.',
      inputSchema: ValidateInputShape,
      outputSchema: ValidateOutputShape,
      annotations: READ_ONLY,
    },
    (args) =>
      guard(ctx, 'validate_model', async () => {
        const file = await resolveModelFile(ctx, args.path);
        if (!existsSync(file)) return jsonResult({ path: file, valid: false, reason: `no such file: ${file}` });
        const { validateModel } = await import('../llm/validate-model.js');
        const r = await validateModel(file);
        const data = {
          path: file,
          valid: r.valid,
          ...(r.reason ? { reason: r.reason } : {}),
          ...(r.info ? { vocab_only: r.info.vocabOnly, ...(r.info.architecture ? { architecture: r.info.architecture } : {}) } : {}),
        };
        return jsonResult(data, r.valid ? `${file}: valid${r.info?.vocabOnly ? ' (vocabulary only)' : ''}` : `${file}: invalid: ${r.reason ?? 'unknown problem'}`);
      }),
  );

  server.registerTool(
    'get_system_info',
    {
      title: 'Neural processing system info',
      description:
        'This machine as the local LLM sees it: CPU and memory, the GPUs now (nvidia-smi: utilization, VRAM, temperature, power), the llama.cpp backend (cpu, cuda or vulkan), versions, the models directories and the loaded models.',
      inputSchema: {},
      annotations: READ_ONLY,
    },
    () => guard(ctx, 'get_system_info', async () => jsonResult(await collectSystemInfo(ctx))),
  );

  server.registerTool(
    'list_available_models',
    {
      title: 'List local GGUF models',
      description:
        'The GGUF models in the models directories (llm.modelsDir and ~/.node-llama-cpp/models): name, architecture, parameter count, quantization, file size, trained context length, whether it is vocabulary-only (cannot chat) and whether it is loaded now.',
      inputSchema: {},
      annotations: READ_ONLY,
    },
    () =>
      guard(ctx, 'list_available_models', async () => {
        const models = await ctx.llm.listModels();
        const loaded = ctx.llm.loadedModels();
        return jsonResult({ models_dirs: ctx.llm.dirs, models: models.map((m) => modelEntry(m, loaded)) });
      }),
  );
}
