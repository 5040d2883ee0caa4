// `opsdeck bench MODEL [--reps N] [--n-prompt N] [--n-gen N] [--json]`: llama-bench style
// prompt-processing and generation tokens/s, median of N runs.
import type { RegisterCommand } from './cli-context.js';
import { loadLlmSettings, parsePositiveInt } from './chat.js';
import { sanitizeLine } from '../src/sanitize/sanitize.js';

type BenchCliOptions = { reps: number; nPrompt: number; nGen: number; json?: boolean };

export const registerBench: RegisterCommand = (program, ctx) => {
  program
    .command('bench')
    .description('benchmark a local model: prompt and generation tokens/s (median of N runs)')
    .argument('<model>', 'model name or .gguf path')
    .option('--reps <n>', 'repetitions', parsePositiveInt('--reps'), 5)
    .option('--n-prompt <n>', 'prompt tokens (pp)', parsePositiveInt('--n-prompt'), 512)
    .option('--n-gen <n>', 'generated tokens (tg)', parsePositiveInt('--n-gen'), 128)
    .option('--json', 'print the result as JSON')
    .action(async (modelName: string, options: BenchCliOptions) => {
      const llm = await loadLlmSettings(ctx);
      const { createLlmEngine, benchmarkModel } = await import('../src/llm/engine.js');
      const engine = createLlmEngine(llm);
      try {
        const model = await engine.load(modelName);
        const r = await benchmarkModel(model, { nPrompt: options.nPrompt, nGen: options.nGen, repetitions: options.reps });
        if (options.json) return ctx.out(JSON.stringify(r, null, 2));
        const setup = `${r.backend}, ${r.threads} thread${r.threads === 1 ? '' : 's'}, ${r.gpuLayers} GPU layers, median of ${r.repetitions}`;
        ctx.out(
          [
            `${sanitizeLine(r.model)} (${setup})`,
            `pp${r.nPrompt}  ${r.promptTokensPerSecond.toFixed(1)} tokens/s`,
            `tg${r.nGen}  ${r.genTokensPerSecond.toFixed(1)} tokens/s`,
          ].join('\n'),
        );
      } finally {
        await engine.dispose();
      }
    });
};
