// llama-bench style benchmark: prompt processing (`pp`: evaluate nPrompt tokens at once) and
// generation (`tg`: nGen tokens one at a time), each from an empty context; median of N runs.
import type { BenchResult, ModelStats } from '../../models/llm.js';

export type BenchOptions = { nPrompt?: number; nGen?: number; repetitions?: number };

type Token = number & { __token?: never };
type BenchModel = { tokens: { bos: unknown }; tokenize(text: string): readonly unknown[] };
type BenchSequence = {
  clearHistory(): Promise<void>;
  evaluateWithoutGeneratingNewTokens(tokens: never[]): Promise<void>;
  evaluate(tokens: never[], options?: { temperature?: number }): AsyncGenerator<unknown, void, unknown>;
};

export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** nPrompt ordinary tokens (the tokenized filler text, repeated). */
function promptTokens(model: BenchModel, n: number): Token[] {
  const base = model.tokenize('The quick brown fox jumps over the lazy dog while the on-call engineer reads the logs. ') as Token[];
  const out: Token[] = [];
  while (out.length < n && base.length) out.push(...base.slice(0, n - out.length));
  return out;
}

export async function runBenchmark(
  model: BenchModel,
  sequence: BenchSequence,
  stats: ModelStats,
  options: BenchOptions = {},
): Promise<BenchResult> {
  const nPrompt = Math.max(1, options.nPrompt ?? 512);
  const nGen = Math.max(1, options.nGen ?? 128);
  const repetitions = Math.max(1, options.repetitions ?? 5);
  const tokens = promptTokens(model, Math.min(nPrompt, Math.max(1, stats.contextSize - nGen - 1)));
  const runs: BenchResult['runs'] = [];
  for (let i = 0; i < repetitions; i++) {
    await sequence.clearHistory();
    let t = performance.now();
    await sequence.evaluateWithoutGeneratingNewTokens(tokens as never[]);
    const ppMs = performance.now() - t;

    await sequence.clearHistory();
    const first = (model.tokens.bos ?? tokens[0]) as Token;
    let generated = 0;
    t = performance.now();
    for await (const token of sequence.evaluate([first] as never[], { temperature: 0 })) {
      void token;
      generated++;
      if (generated >= nGen) break;
    }
    const tgMs = performance.now() - t;
    runs.push({
      ppTokensPerSecond: ppMs > 0 ? tokens.length / (ppMs / 1000) : 0,
      tgTokensPerSecond: tgMs > 0 ? generated / (tgMs / 1000) : 0,
    });
  }
  await sequence.clearHistory();
  return {
    model: stats.name,
    backend: stats.backend,
    threads: stats.threads,
    gpuLayers: stats.gpuLayers,
    nPrompt: tokens.length,
    nGen,
    repetitions,
    promptTokensPerSecond: median(runs.map((r) => r.ppTokensPerSecond)),
    genTokensPerSecond: median(runs.map((r) => r.tgTokensPerSecond)),
    runs,
  };
}
