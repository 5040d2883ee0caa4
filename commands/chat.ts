// `opsdeck chat [--model NAME-OR-PATH] [--system S] [--max-tokens N] [--temperature T] [--json] [PROMPT]`:
// one chat turn with a local GGUF model, streamed to stdout (sanitized: model output is untrusted).
import { isAbsolute, resolve } from 'node:path';
import type { Config } from '../models/config.js';
import type { ICliContext, RegisterCommand } from './cli-context.js';
import { defaultConfig, loadConfig } from '../src/config/load-config.js';
import { UserError, EXIT_USAGE } from '../src/errors.js';
import { sanitize } from '../src/sanitize/sanitize.js';

/** The `llm` config: the repo's when one is found (or --root/--demo given), else the defaults. */
export async function loadLlmSettings(ctx: ICliContext): Promise<Config['llm']> {
  const globals = ctx.globals();
  let root: string;
  try {
    root = await ctx.resolveRoot();
  } catch (error) {
    if (error instanceof UserError && globals.root === undefined && !globals.demo) return defaultConfig().llm;
    throw error;
  }
  const llm = (await loadConfig(root)).llm;
  // a relative llm.modelsDir (the demo's `.orchestration/models`) is relative to the repo root
  const dirs = (Array.isArray(llm.modelsDir) ? llm.modelsDir : [llm.modelsDir]).map((d) => (d.startsWith('~') || isAbsolute(d) ? d : resolve(root, d)));
  const first = dirs[0];
  if (llm.demoModel && first && !first.startsWith('~')) {
    // the demo workspace: its generated model (scripted replies), as the Chat pane does
    const { ensureDemoModel } = await import('../src/llm/demo-model.js');
    const { mkdirSync, readdirSync } = await import('node:fs');
    mkdirSync(first, { recursive: true });
    if (!readdirSync(first).some((f) => f.toLowerCase().endsWith('.gguf'))) ensureDemoModel(first);
  }
  return { ...llm, modelsDir: Array.isArray(llm.modelsDir) ? dirs : (dirs[0] ?? llm.modelsDir) };
}

export function parsePositiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UserError(`${flag} must be a positive integer, got '${value}'`, EXIT_USAGE);
    return n;
  };
}

function parseTemperature(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 2) throw new UserError(`--temperature must be a number from 0 to 2, got '${value}'`, EXIT_USAGE);
  return n;
}

async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

type ChatOptions = { model?: string; system?: string; maxTokens?: number; temperature?: number; json?: boolean };

export const registerChat: RegisterCommand = (program, ctx) => {
  program
    .command('chat')
    .description('chat with a local GGUF model (reads the prompt from stdin when none is given)')
    .argument('[prompt...]', 'the prompt')
    .option('-m, --model <name-or-path>', 'model name (see `opsdeck models`) or .gguf path; default llm.model or the first one')
    .option('-s, --system <text>', 'system prompt')
    .option('--max-tokens <n>', 'stop after this many tokens', parsePositiveInt('--max-tokens'))
    .option('--temperature <t>', 'sampling temperature (0 = greedy)', parseTemperature)
    .option('--json', 'print one JSON object with the reply and stats instead of streaming')
    .action(async (words: string[], options: ChatOptions) => {
      let prompt = words.join(' ');
      if (!prompt) {
        if (process.stdin.isTTY) throw new UserError('give a PROMPT or pipe one on stdin', EXIT_USAGE);
        prompt = (await readStdin()).trim();
        if (!prompt) throw new UserError('the prompt on stdin is empty', EXIT_USAGE);
      }
      const llm = await loadLlmSettings(ctx);
      const { createLlmEngine } = await import('../src/llm/engine.js');
      const engine = createLlmEngine(llm);
      const controller = new AbortController();
      const onSigint = (): void => controller.abort();
      process.once('SIGINT', onSigint);
      try {
        const model = await engine.load(options.model);
        const result = await model.chat({
          prompt,
          system: options.system,
          maxTokens: options.maxTokens,
          temperature: options.temperature,
          signal: controller.signal,
          // streamed as generated; ctx.out would add a newline per chunk
          onTextChunk: options.json ? undefined : (chunk) => process.stdout.write(sanitize(chunk, { keepSgr: false })),
        });
        if (options.json) {
          ctx.out(JSON.stringify({ model: model.info.name, path: model.info.path, ...result, ...pickStats(model.stats) }, null, 2));
        } else {
          process.stdout.write('\n');
        }
      } finally {
        process.removeListener('SIGINT', onSigint);
        await engine.dispose();
      }
    });
};

function pickStats(stats: { backend: string; gpuLayers: number; threads: number; contextSize: number; gpuNote?: string }): Record<string, unknown> {
  return { backend: stats.backend, gpuLayers: stats.gpuLayers, threads: stats.threads, contextSize: stats.contextSize, ...(stats.gpuNote ? { gpuNote: stats.gpuNote } : {}) };
}
