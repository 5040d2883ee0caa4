// The MCP server's LLM tools in process: the real SDK Client over an in-memory transport, the real
// engine on the generated tiny GGUF. (mcp-ops.test.ts: the ops tools; mcp-stdio.test.ts: the bin.)
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { LLM_TOOL_NAMES, OPS_TOOL_NAMES } from '../../models/mcp-tools.js';
import { TINY_REPLY, TINY_REPLY_CHUNKS } from '../fixtures/gguf/make-models.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { defaultConfig } from '../../src/config/load-config.js';
import { DEMO_MODEL_REPLY } from '../../src/llm/demo-model.js';
import { createOpsdeckMcpServer } from '../../src/mcp/server.js';
import { connect, data, errorText, mcpSuite } from '../fixtures/mcp/in-memory.js';

const suite = mcpSuite('opsdeck-mcp-inproc-');
const { call } = suite;

describe('tools', () => {
  it('lists the SOP tools and the read-only ops tools, no write tools by default', async () => {
    const { tools } = await suite.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...LLM_TOOL_NAMES, ...OPS_TOOL_NAMES].sort());
    for (const t of tools) {
      expect(t.description?.length, t.name).toBeGreaterThan(60);
      expect(t.inputSchema.type).toBe('object');
      expect(t.annotations?.readOnlyHint, t.name).toBe(true);
    }
    const chat = tools.find((t) => t.name === 'chat_completion')!;
    expect(Object.keys(chat.inputSchema.properties ?? {}).sort()).toEqual(['max_tokens', 'messages', 'model', 'system', 'temperature']);
    expect(chat.inputSchema.required).toEqual(['messages']);
    expect(tools.find((t) => t.name === 'benchmark_model')!.inputSchema.required).toEqual(['model']);
    expect(tools.find((t) => t.name === 'validate_model')!.inputSchema.required).toEqual(['path']);
  });

  it('chat_completion answers with the known reply, usage and timings', async () => {
    const d = data(await call('chat_completion', { messages: [{ role: 'user', content: 'hi' }] }));
    expect(d).toMatchObject({ text: TINY_REPLY, model: 'tiny', stop_reason: 'eogToken' });
    const usage = d.usage as { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    expect(usage.completion_tokens).toBeGreaterThanOrEqual(TINY_REPLY_CHUNKS.length);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect((d.timings as { tokens_per_second: number }).tokens_per_second).toBeGreaterThan(0);
  });

  it('stream_chat sends each piece as a progress notification, in order, adding up to the text', async () => {
    const parts: { progress: number; message?: string }[] = [];
    const r = (await suite.client.callTool({ name: 'stream_chat', arguments: { messages: [{ role: 'user', content: 'stream it' }], system: 'Be brief.' } }, undefined, {
      onprogress: (p) => parts.push(p),
    })) as CallToolResult;
    expect(data(r).text).toBe(TINY_REPLY);
    expect(parts.map((p) => p.message)).toEqual(TINY_REPLY_CHUNKS);
    for (let i = 1; i < parts.length; i++) expect(parts[i]!.progress).toBeGreaterThan(parts[i - 1]!.progress);
  });

  it('queues concurrent chats and answers each fully; max_tokens cuts the reply', async () => {
    const [a, b, short] = await Promise.all([
      call('chat_completion', { messages: [{ role: 'user', content: 'one' }] }),
      call('stream_chat', { messages: [{ role: 'user', content: 'two' }] }),
      call('chat_completion', { model: 'tiny', messages: [{ role: 'user', content: 'three' }], max_tokens: 3, temperature: 0 }),
    ]);
    expect(data(a).text).toBe(TINY_REPLY);
    expect(data(b).text).toBe(TINY_REPLY);
    expect(data(short)).toMatchObject({ text: TINY_REPLY_CHUNKS.slice(0, 3).join(''), stop_reason: 'maxTokens' });
  });

  it('keeps the model loaded between calls and lists it', async () => {
    const d = data(await call('list_available_models'));
    const models = d.models as { name: string; architecture: string | null; vocab_only: boolean; loaded: boolean; size_bytes: number; context_length: number | null; error?: string }[];
    expect(models.find((m) => m.name === 'tiny')).toMatchObject({ architecture: 'llama', vocab_only: false, loaded: true });
    expect(models.find((m) => m.name === 'tiny')!.size_bytes).toBeGreaterThan(0);
    expect(models.find((m) => m.name === 'ggml-vocab-tiny')).toMatchObject({ vocab_only: true, loaded: false });
    expect(models.find((m) => m.name === 'not-gguf')?.error).toBeTruthy();
    expect(d.models_dirs).toContain(suite.repo.models.dir);
  });

  it('names the available models for an unknown one, and refuses a vocabulary-only model', async () => {
    expect(errorText(await call('chat_completion', { model: 'llama-70b', messages: [{ role: 'user', content: 'hi' }] }))).toMatch(/unknown model 'llama-70b': available: tiny/);
    expect(errorText(await call('chat_completion', { model: 'ggml-vocab-tiny', messages: [{ role: 'user', content: 'hi' }] }))).toMatch(/vocabulary-only/);
    expect(errorText(await call('chat_completion', { messages: [{ role: 'assistant', content: 'hi' }] }))).toMatch(/user message/);
  });

  it('a bad model file fails the call, never the server (trial load in a child first)', async () => {
    for (const file of [suite.repo.models.missingTensor, suite.repo.models.missingKey, suite.repo.models.truncated, suite.repo.models.notGguf, suite.repo.models.tenBytes]) {
      const text = errorText(await call('stream_chat', { model: file, messages: [{ role: 'user', content: 'hi' }] }));
      expect(text, file).toMatch(/cannot (load|read model)/);
    }
    expect(errorText(await call('chat_completion', { model: suite.repo.models.missingTensor, messages: [{ role: 'user', content: 'hi' }] }))).toMatch(
      /missing tensor 'blk\.1\.ffn_down\.weight' \(checked in a separate process\)/,
    );
    expect(data(await call('chat_completion', { messages: [{ role: 'user', content: 'still alive?' }] })).text).toBe(TINY_REPLY);
  });

  it('keeps mcp.keepModels models loaded, least recently used out first', async () => {
    const dir = join(suite.repo.base, 'two-models');
    mkdirSync(dir, { recursive: true });
    for (const name of ['alpha', 'beta', 'gamma']) copyFileSync(suite.repo.models.tiny, join(dir, `${name}.gguf`));
    const two = await connect(suite.repo, { keepModels: 2, dirs: [dir] });
    const ask = async (model?: string): Promise<void> => {
      expect(data(await call('chat_completion', { ...(model ? { model } : {}), messages: [{ role: 'user', content: 'hi' }] }, two.client)).text).toBe(TINY_REPLY);
    };
    const loaded = async (): Promise<string[]> => ((data(await call('get_system_info', {}, two.client)).llm as { loaded_models: string[] }).loaded_models);
    try {
      await ask(); // the default: the first model
      await ask('beta');
      expect(await loaded()).toEqual(['alpha', 'beta']);
      await ask('alpha'); // alpha becomes the most recently used
      await ask('gamma'); // so beta goes
      expect((await loaded()).sort()).toEqual(['alpha', 'gamma']);
      await ask(); // the default again, still loaded: no rescan, no reload
      expect((await loaded()).sort()).toEqual(['alpha', 'gamma']);
    } finally {
      await two.close();
    }
  });

  it('writes the demo model into the first models folder when llm.demoModel is set and it has none', async () => {
    const root = join(suite.repo.base, 'demo-root');
    mkdirSync(root, { recursive: true });
    const base = defaultConfig();
    const server = createOpsdeckMcpServer({ root, cwd: root, version: '0', readonly: false, log: () => undefined, config: { ...base, llm: { ...base.llm, demoModel: true, modelsDir: 'demo-models', threads: 1 } } });
    const [a, b] = InMemoryTransport.createLinkedPair();
    const c = new Client({ name: 'demo', version: '1' });
    await Promise.all([server.server.connect(a), c.connect(b)]);
    try {
      const models = data(await call('list_available_models', {}, c));
      expect((models.models as { name: string; path: string }[])[0]).toMatchObject({ name: 'opsdeck-demo-tiny', path: join(root, 'demo-models', 'opsdeck-demo-tiny.gguf') });
      expect(data(await call('chat_completion', { messages: [{ role: 'user', content: 'hi' }] }, c)).text).toBe(DEMO_MODEL_REPLY);
    } finally {
      await c.close();
      await server.dispose();
    }
  });

  it('rejects bad arguments with a tool error naming the field', async () => {
    expect(errorText(await call('chat_completion', { messages: [] }))).toMatch(/messages/);
    expect(errorText(await call('chat_completion', { messages: [{ role: 'user', content: 'x' }], temperature: 7 }))).toMatch(/temperature/);
    expect(errorText(await call('benchmark_model', {}))).toMatch(/model/);
    expect(errorText(await call('no_such_tool'))).toMatch(/no_such_tool not found/);
  });

  it('benchmark_model reports median pp and tg tokens/s', async () => {
    const d = data(await call('benchmark_model', { model: 'tiny', n_prompt: 16, n_gen: 8, repetitions: 3 }));
    expect(d).toMatchObject({ model: 'tiny', n_prompt: 16, n_gen: 8, repetitions: 3, backend: 'cpu' });
    expect(d.pp_tokens_per_second).toBeGreaterThan(0);
    expect(d.tg_tokens_per_second).toBeGreaterThan(0);
    expect((d.runs as unknown[]).length).toBe(3);
  });

  it('validate_model: valid, invalid with the reason (trial load in a child), missing, by name', async () => {
    expect(data(await call('validate_model', { path: suite.repo.models.tiny }))).toMatchObject({ valid: true, vocab_only: false, architecture: 'llama' });
    expect(data(await call('validate_model', { path: 'tiny' }))).toMatchObject({ valid: true, path: suite.repo.models.tiny });
    const bad = data(await call('validate_model', { path: suite.repo.models.missingTensor }));
    expect(bad.valid).toBe(false);
    expect(String(bad.reason)).toMatch(/blk\.1\.ffn_down\.weight|missing|tensor/i);
    expect(data(await call('validate_model', { path: suite.repo.models.notGguf }))).toMatchObject({ valid: false, reason: 'not a GGUF file (bad magic)' });
    expect(data(await call('validate_model', { path: '../models/nope.gguf' }))).toMatchObject({ valid: false, reason: expect.stringMatching(/^no such file/) });
    // the server is still answering, with the model still loaded
    expect(data(await call('chat_completion', { messages: [{ role: 'user', content: 'still there?' }] })).text).toBe(TINY_REPLY);
  });

  it('get_system_info: CPU, memory, live GPUs, backend, versions and models dirs', async () => {
    const d = data(await call('get_system_info'));
    expect(d.versions).toMatchObject({ opsdeck: '9.9.9', node: process.version, node_llama_cpp: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect((d.cpu as { cores: number }).cores).toBeGreaterThan(0);
    expect((d.memory as { total_bytes: number }).total_bytes).toBeGreaterThan(0);
    const gpu = d.gpu as { status: string; gpus: { name: string; memory_total_mib: number }[] };
    expect(gpu.status).toBe('ok');
    expect(gpu.gpus[0]!.name).toMatch(/H100/);
    expect(gpu.gpus[0]!.memory_total_mib).toBeGreaterThan(0);
    expect(d.llm).toMatchObject({ backend: 'cpu', keep_models: 1, loaded_models: ['tiny'] });
    expect((d.llm as { models_dirs: string[] }).models_dirs).toContain(suite.repo.models.dir);
  });
});
