// The engine against real node-llama-cpp on the generated tiny GGUF (no mocks).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkModel, createLlmEngine, type ILlmEngine, type ILoadedModel } from '../../src/llm/engine.js';
import { UserError } from '../../src/errors.js';
import { DEMO_MODEL_REPLY, ensureDemoModel } from '../../src/llm/demo-model.js';
import { makeTestModels, TINY_REPLY, TINY_REPLY_CHUNKS, type TestModels } from '../fixtures/gguf/make-models.js';
import { writeTinyModel } from '../../src/llm/gguf-writer.js';

let dir: string;
let models: TestModels;
let engine: ILlmEngine;
let tiny: ILoadedModel;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-llm-engine-'));
  models = makeTestModels(dir);
  engine = createLlmEngine({ dirs: [dir], threads: 1, contextSize: 1024 });
  tiny = await engine.load('tiny');
});

afterAll(async () => {
  await engine?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('chat', () => {
  it('streams the known reply in order, with stats', async () => {
    const chunks: string[] = [];
    const r = await tiny.chat({ prompt: 'hi', onTextChunk: (c) => chunks.push(c) });
    expect(chunks).toEqual(TINY_REPLY_CHUNKS);
    expect(r.text).toBe(TINY_REPLY);
    expect(r.stopReason).toBe('eogToken');
    expect(r.usage.completionTokens).toBeGreaterThanOrEqual(TINY_REPLY_CHUNKS.length);
    expect(r.usage.promptTokens).toBeGreaterThan(0);
    expect(r.timings.tokensPerSecond).toBeGreaterThan(0);
    expect(r.contextPercent).toBeGreaterThan(0);
    expect(tiny.contextUsage().percent).toBeGreaterThan(0);
  });

  it('keeps the partial text when aborted after the first chunk', async () => {
    const controller = new AbortController();
    const chunks: string[] = [];
    const r = await tiny.chat({
      messages: [{ role: 'user', content: 'hello again' }],
      signal: controller.signal,
      onTextChunk: (c) => {
        chunks.push(c);
        controller.abort();
      },
    });
    expect(r.stopReason).toBe('abort');
    expect(chunks[0]).toBe(TINY_REPLY_CHUNKS[0]);
    expect(r.text).toBe(chunks.join(''));
    expect(r.text.length).toBeLessThan(TINY_REPLY.length);
  });

  it('queues concurrent calls and answers each with the full reply', async () => {
    const [a, b] = await Promise.all([
      tiny.chat({ prompt: 'one', system: 'be brief' }),
      tiny.chat({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: TINY_REPLY }, { role: 'user', content: 'two' }] }),
    ]);
    expect(a.text).toBe(TINY_REPLY);
    expect(b.text).toBe(TINY_REPLY);
  });

  it('honours the thread count and reports the backend', () => {
    expect(tiny.stats.threads).toBe(1);
    expect(tiny.stats.contextSize).toBe(1024);
    expect(['cpu', 'cuda', 'vulkan', 'metal']).toContain(tiny.stats.backend);
    expect(tiny.stats.gpuLayers).toBeGreaterThanOrEqual(0);
  });

  it('reuses the loaded model for the same name or path', async () => {
    expect(await engine.load(models.tiny)).toBe(tiny);
    expect(engine.loaded()).toEqual([tiny]);
  });
});

describe('demo model', () => {
  it('answers with its scripted reply', async () => {
    const demo = await engine.load(ensureDemoModel(join(dir, 'demo')));
    const r = await demo.chat({ prompt: 'what are you?' });
    expect(r.text).toBe(DEMO_MODEL_REPLY);
    await demo.dispose();
    tiny = await engine.load('tiny'); // keepModels 1: loading the demo unloaded tiny
  });

  it('a wider, deeper model of the same kind gives the same reply (the MCP bench uses one)', async () => {
    const path = join(dir, 'wide', 'wide.gguf');
    writeTinyModel(path, { shape: { embd: 256, ff: 512, layers: 4, heads: 8 }, name: 'wide' });
    const wide = await engine.load(path);
    expect(wide.info.parameters).toBeGreaterThan(4 * 4 * 256 * 256); // four layers of 256-wide attention alone
    const r = await wide.chat({ prompt: 'status?' });
    expect(r.text).toBe(TINY_REPLY);
    await wide.dispose();
    tiny = await engine.load('tiny');
  });
});

describe('model resolution', () => {
  it('rejects an unknown model with the available names', async () => {
    const err = await engine.load('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/unknown model 'nope'.*available: .*\btiny\b/);
  });

  it('refuses a vocabulary-only model and a file that would abort llama.cpp', async () => {
    await expect(engine.load(models.vocab)).rejects.toThrow(/vocabulary-only/);
    await expect(engine.load(models.missingKey)).rejects.toThrow(/llama\.feed_forward_length/);
  });

  it('reports the logged reason when a load fails', async () => {
    await expect(engine.load(models.missingTensor)).rejects.toThrow(/missing tensor/);
  });

  it('says where to put models when there are none', async () => {
    const empty = createLlmEngine({ dirs: [join(dir, 'empty')] });
    await expect(empty.resolveModel()).rejects.toThrow(/no GGUF models found: put \*\.gguf files in .*empty/);
  });
});

describe('benchmark and VRAM', () => {
  it('measures median pp and tg tokens/s', async () => {
    const r = await benchmarkModel(tiny, { nPrompt: 32, nGen: 8, repetitions: 3 });
    expect(r.runs).toHaveLength(3);
    expect(r.promptTokensPerSecond).toBeGreaterThan(0);
    expect(r.genTokensPerSecond).toBeGreaterThan(0);
    expect(r.nPrompt).toBe(32);
    // the chat still works after the benchmark cleared the context
    expect((await tiny.chat({ prompt: 'hi' })).text).toBe(TINY_REPLY);
  });

  it('reads the VRAM state', async () => {
    const v = await engine.getVramState();
    expect(v.total).toBeGreaterThanOrEqual(0);
    expect(v.used).toBeGreaterThanOrEqual(0);
  });
});
