// chat / models / bench through the built bin (the real bundle, a real child-process trial load).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestModels, TINY_REPLY, type TestModels } from '../fixtures/gguf/make-models.js';
import { DEMO_MODEL_REPLY } from '../../src/llm/demo-model.js';

const BIN = fileURLToPath(new URL('../../bin/opsdeck', import.meta.url));
let dir: string;
let m: TestModels;
let env: NodeJS.ProcessEnv;

function opsdeck(args: string[], input?: string) {
  return execa(BIN, args, { cwd: join(dir, 'work'), env, extendEnv: false, reject: false, input, stdin: input === undefined ? 'ignore' : 'pipe' });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-llm-cli-'));
  mkdirSync(join(dir, 'home'));
  mkdirSync(join(dir, 'work'));
  // the default models dir ($XDG_DATA_HOME/opsdeck/models) holds the generated models
  m = makeTestModels(join(dir, 'data', 'opsdeck', 'models'));
  env = { PATH: process.env.PATH ?? '', HOME: join(dir, 'home'), XDG_DATA_HOME: join(dir, 'data'), XDG_STATE_HOME: join(dir, 'state'), NO_COLOR: '1' };
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('opsdeck chat', () => {
  it('answers with the generated demo model in the --demo workspace', async () => {
    const r = await opsdeck(['--demo', 'chat', '--model', 'opsdeck-demo-tiny', 'hello']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(DEMO_MODEL_REPLY);
    expect(r.exitCode).toBe(0);
  });

  it('streams the known reply for a prompt argument', async () => {
    const r = await opsdeck(['chat', 'hi', '--model', m.tiny]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(TINY_REPLY);
    expect(r.exitCode).toBe(0);
  });

  it('reads the prompt from stdin and picks the first model by default', async () => {
    const r = await opsdeck(['chat'], 'what is up?\n');
    expect(r.stdout).toBe(TINY_REPLY);
    expect(r.exitCode).toBe(0);
  });

  it('prints one JSON object with --json', async () => {
    const r = await opsdeck(['chat', '--json', '--model', 'tiny', '--max-tokens', '3', 'hi']);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ model: 'tiny', text: 'Hello from the', stopReason: 'maxTokens', backend: expect.any(String) });
    expect((out.usage as { completionTokens: number }).completionTokens).toBe(3);
    expect((out.timings as { tokensPerSecond: number }).tokensPerSecond).toBeGreaterThan(0);
  });

  it('names the models folder when there is no model, exit 2', async () => {
    const r = await execa(BIN, ['chat', 'hi'], { cwd: join(dir, 'work'), env: { ...env, XDG_DATA_HOME: join(dir, 'none') }, extendEnv: false, reject: false, stdin: 'ignore' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^opsdeck: no GGUF models found: put \*\.gguf files in .*none\/opsdeck\/models/);
  });

  it('lists the available models for an unknown name, exit 2', async () => {
    const r = await opsdeck(['chat', 'hi', '--model', 'nope']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/unknown model 'nope': available: .*tiny/);
  });
});

describe('opsdeck models', () => {
  it('lists the models as JSON', async () => {
    const r = await opsdeck(['models', '--json']);
    expect(r.exitCode).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; vocabOnly: boolean; architecture?: string }[];
    expect(list.find((x) => x.name === 'tiny')).toMatchObject({ architecture: 'llama', vocabOnly: false });
    expect(list.find((x) => x.name === 'ggml-vocab-tiny')?.vocabOnly).toBe(true);
  });

  it('prints a table within 80 columns', async () => {
    const r = await opsdeck(['models']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ARCH\s+PARAMS\s+QUANT\s+SIZE\s+CTX\s+VOCAB$/);
    expect(lines.find((l) => l.startsWith('tiny '))).toMatch(/llama .* ALL_F32 .* 2048/);
    expect(lines.find((l) => l.startsWith('ggml-vocab-tiny'))).toMatch(/yes$/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('validates a good file (exit 0) and bad ones (exit 1 with the reason)', async () => {
    const good = await opsdeck(['models', 'validate', m.tiny]);
    expect(good.stdout).toMatch(/: valid$/);
    expect(good.exitCode).toBe(0);
    const bad = await opsdeck(['models', 'validate', m.missingTensor]);
    expect(bad.stdout).toMatch(/invalid: .*missing tensor 'blk\.1\.ffn_down\.weight'/);
    expect(bad.exitCode).toBe(1);
    const notGguf = await opsdeck(['models', 'validate', m.notGguf]);
    expect(notGguf.stdout).toMatch(/invalid: not a GGUF file/);
    expect(notGguf.exitCode).toBe(1);
  });

  it('exits 2 for a missing file', async () => {
    const r = await opsdeck(['models', 'validate', join(dir, 'nope.gguf')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/nope\.gguf: no such file/);
  });
});

describe('opsdeck bench', () => {
  it('reports median pp and tg tokens/s as JSON', async () => {
    const r = await opsdeck(['bench', 'tiny', '--reps', '2', '--n-prompt', '16', '--n-gen', '4', '--json']);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout) as { repetitions: number; promptTokensPerSecond: number; genTokensPerSecond: number };
    expect(out.repetitions).toBe(2);
    expect(out.promptTokensPerSecond).toBeGreaterThan(0);
    expect(out.genTokensPerSecond).toBeGreaterThan(0);
  });
});
