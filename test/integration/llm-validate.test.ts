// validateModel / scanModels on generated good and bad GGUF files, with the real child-process trial load.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanModels, modelDirs, chatCapable } from '../../src/llm/scan-models.js';
import { trialLoad, validateModel } from '../../src/llm/validate-model.js';
import { makeTestModels, type TestModels } from '../fixtures/gguf/make-models.js';

let dir: string;
let m: TestModels;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-llm-validate-'));
  m = makeTestModels(dir);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('validateModel', () => {
  it('accepts the tiny model after a trial load, with its metadata', async () => {
    const r = await validateModel(m.tiny);
    expect(r.reason).toBeUndefined();
    expect(r.valid).toBe(true);
    expect(r.info?.architecture).toBe('llama');
  });

  it('accepts a vocabulary-only file as valid vocab-only', async () => {
    const r = await validateModel(m.vocab);
    expect(r.valid).toBe(true);
    expect(r.info?.vocabOnly).toBe(true);
  });

  it.each([
    ['notGguf', /not a GGUF file/],
    ['tenBytes', /too small to be GGUF \(10 bytes\)/],
    ['truncated', /not within the file bounds/],
    ['missingTensor', /missing tensor 'blk\.1\.ffn_down\.weight'/],
    ['missingKey', /missing required metadata key llama\.feed_forward_length/],
  ] as const)('rejects %s with the reason', async (key, reason) => {
    const r = await validateModel(m[key]);
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(reason);
  });

  it('survives a trial load that aborts llama.cpp and reports the assert', async () => {
    const r = await trialLoad(m.missingKey);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/aborted \((SIGABRT|exit 134)\).*GGML_ASSERT/);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('reports a missing file without throwing', async () => {
    const r = await validateModel(join(dir, 'nope.gguf'));
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(/ENOENT|no such file/);
  });
});

describe('scanModels', () => {
  it('lists the tiny model with correct metadata and the vocab-only file', async () => {
    const list = await scanModels([dir, join(dir, 'does-not-exist')]);
    const tiny = list.find((x) => x.path === m.tiny);
    expect(tiny).toMatchObject({
      name: 'tiny',
      architecture: 'llama',
      quantization: 'ALL_F32',
      contextLength: 2048,
      vocabOnly: false,
      displayName: 'opsdeck tiny test model',
    });
    // 2 x vocab x 64 + 64 + 2 layers x (2x64 + 4x64x64 + 3x64x128)
    const nVocab = (tiny?.parameters ?? 0) - 64 - 2 * (128 + 4 * 4096 + 3 * 8192);
    expect(nVocab % 128).toBe(0);
    expect(nVocab / 128).toBeGreaterThan(261);
    expect(tiny?.sizeBytes).toBeGreaterThan(100_000);
    expect(list.find((x) => x.path === m.vocab)?.vocabOnly).toBe(true);
    expect(list[0]?.path).toBe(m.tiny);
    expect(chatCapable(list)[0]?.path).toBe(m.tiny);
  });

  it('lists an unreadable file with an error instead of throwing', async () => {
    const list = await scanModels([dir]);
    expect(list.find((x) => x.path === m.notGguf)?.error).toBeTruthy();
    const locked = join(dir, 'locked.gguf');
    writeFileSync(locked, 'x');
    chmodSync(locked, 0);
    const again = await scanModels([dir]);
    expect(again.find((x) => x.path === locked)?.error).toBeTruthy();
  });

  it('takes modelsDir as one path or many, expands ~ and adds node-llama-cpp\'s dir', () => {
    const env = { XDG_DATA_HOME: '/data' } as NodeJS.ProcessEnv;
    expect(modelDirs({}, env)[0]).toBe('/data/opsdeck/models');
    const many = modelDirs({ modelsDir: ['~/m', '/abs'] }, env);
    expect(many[0]).toMatch(/\/m$/);
    expect(many[0]?.startsWith('~')).toBe(false);
    expect(many[1]).toBe('/abs');
    expect(many.at(-1)).toMatch(/\.node-llama-cpp\/models$/);
  });
});
