// `opsdeck mcp` as a client runs it: the built bin spawned by the real SDK Client over
// StdioClientTransport, on the generated tiny GGUF and a temp repo; plus raw bytes on stdin.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLM_TOOL_NAMES, OPS_TOOL_NAMES, WRITE_TOOL_NAMES } from '../../models/mcp-tools.js';
import { TINY_REPLY, TINY_REPLY_CHUNKS } from '../fixtures/gguf/make-models.js';
import { makeMcpRepo, SECRET, type McpTestRepo } from '../fixtures/mcp/make-repo.js';
import { isAlive } from '../helpers/process-alive.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'opsdeck');
let repo: McpTestRepo;
let client: Client;
let transport: StdioClientTransport;
let stderr = '';

function start(args: string[] = []): { client: Client; transport: StdioClientTransport } {
  const t = new StdioClientTransport({ command: process.execPath, args: [BIN, ...args, 'mcp'], cwd: repo.root, env: repo.env, stderr: 'pipe' });
  t.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return { client: new Client({ name: 'opsdeck-test', version: '1' }), transport: t };
}

async function call(name: string, args: Record<string, unknown> = {}, c: Client = client): Promise<CallToolResult> {
  return (await c.callTool({ name, arguments: args })) as CallToolResult;
}

function data(r: CallToolResult): Record<string, unknown> {
  expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
  return r.structuredContent as Record<string, unknown>;
}

beforeAll(async () => {
  repo = makeMcpRepo(mkdtempSync(join(tmpdir(), 'opsdeck-mcp-stdio-')));
  ({ client, transport } = start());
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  rmSync(repo.base, { recursive: true, force: true });
});

describe('opsdeck mcp over stdio', () => {
  it('lists every tool with its schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...LLM_TOOL_NAMES, ...OPS_TOOL_NAMES].sort());
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('stream_chat')!.inputSchema).toMatchObject({
      type: 'object',
      required: ['messages'],
      properties: { messages: { type: 'array', minItems: 1 }, temperature: { type: 'number', minimum: 0, maximum: 2 } },
    });
    expect(byName.get('benchmark_model')!.inputSchema.required).toEqual(['model']);
    expect(byName.get('deploy_history')!.inputSchema.properties).toHaveProperty('limit');
    expect(byName.get('explain_run')!.inputSchema.required).toEqual(['run_id']);
    expect(byName.get('chat_completion')!.outputSchema?.properties).toHaveProperty('usage');
  });

  it('chat_completion and stream_chat give the known reply; progress arrives in order and adds up', async () => {
    expect(data(await call('chat_completion', { messages: [{ role: 'user', content: 'hi' }] })).text).toBe(TINY_REPLY);
    const parts: string[] = [];
    const r = (await client.callTool({ name: 'stream_chat', arguments: { model: 'tiny', messages: [{ role: 'user', content: 'hi' }] } }, undefined, {
      onprogress: (p) => parts.push(p.message ?? ''),
    })) as CallToolResult;
    // the SDK client drops progress that arrives in the same read as the response (it runs
    // progress handlers a microtask later), so on a loaded box it may see only the first pieces;
    // the wire order itself is checked exactly under 'raw stdin'
    expect(parts.length).toBeGreaterThan(0);
    expect(parts).toEqual(TINY_REPLY_CHUNKS.slice(0, parts.length));
    expect(data(r).text).toBe(TINY_REPLY);
  });

  it('answers every other tool', async () => {
    const bench = data(await call('benchmark_model', { model: 'tiny', n_prompt: 8, n_gen: 4, repetitions: 1 }));
    expect(bench.tg_tokens_per_second).toBeGreaterThan(0);
    expect(data(await call('validate_model', { path: repo.models.tiny })).valid).toBe(true);
    const info = data(await call('get_system_info'));
    expect((info.gpu as { gpus: { name: string }[] }).gpus[0]!.name).toMatch(/H100/);
    expect((info.llm as { backend: string }).backend).toBe('cpu');
    expect((data(await call('list_available_models')).models as { name: string }[]).map((m) => m.name)).toContain('tiny');
    expect(data(await call('list_tasks')).count).toBe(3);
    expect((data(await call('deploy_history', { env: 'production' })).runs as unknown[]).length).toBe(3);
    const run = data(await call('explain_run', { run_id: repo.runs.failedDeploy }));
    expect(JSON.stringify(run)).not.toContain(SECRET);
    expect(data(await call('incident_status')).open_count).toBe(1);
    expect((data(await call('kpi_report')).dora as unknown[]).length).toBe(4);
    expect(data(await call('backup_status'))).toBeTruthy();
  });

  it('bad input gets clear errors and the server keeps serving', async () => {
    const unknown = await call('chat_completion', { model: 'mistral-7b', messages: [{ role: 'user', content: 'hi' }] });
    expect(unknown.isError).toBe(true);
    expect(JSON.stringify(unknown.content)).toMatch(/unknown model 'mistral-7b': available: tiny/);
    const invalid = data(await call('validate_model', { path: repo.models.truncated }));
    expect(invalid.valid).toBe(false);
    expect(String(invalid.reason)).toMatch(/file bounds|truncated/);
    const abort = data(await call('validate_model', { path: repo.models.missingKey }));
    expect(abort).toMatchObject({ valid: false, reason: expect.stringMatching(/feed_forward_length/) });
    await expect(call('nope')).rejects.toThrow(/-32602.*Unknown tool: nope \(available: chat_completion, stream_chat, .*explain_run\)/);
    expect((await call('benchmark_model', { model: 'tiny', repetitions: 0 })).isError).toBe(true);
    expect(data(await call('chat_completion', { messages: [{ role: 'user', content: 'alive?' }] })).text).toBe(TINY_REPLY);
  });

  it('shows task edits and non-production deploy tools only with mcp.allowWrite, never under --readonly', async () => {
    repo.writeConfig('mcp:\n  allowWrite: true\n');
    const rw = start();
    const ro = start(['--readonly']);
    try {
      await rw.client.connect(rw.transport);
      await ro.client.connect(ro.transport);
      const names = (await rw.client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining([...WRITE_TOOL_NAMES]));
      expect(names.filter((n) => /deploy|rollback/.test(n)).sort()).toEqual(['deploy', 'deploy_history', 'rollback']);
      for (const tool of (await rw.client.listTools()).tools.filter((t) => t.name === 'deploy' || t.name === 'rollback')) {
        expect((tool.inputSchema.properties as Record<string, { enum?: string[] }>).env?.enum).toEqual(['staging']); // never production
      }
      expect((await ro.client.listTools()).tools.map((t) => t.name).filter((n) => (WRITE_TOOL_NAMES as readonly string[]).includes(n))).toEqual([]);
      expect(data(await call('add_task', { text: 'from the agent' }, rw.client))).toMatchObject({ done: 'added' });
    } finally {
      repo.writeConfig();
      await rw.client.close();
      await ro.client.close();
    }
  });
});

/** The server spawned by hand: raw lines in, every stdout line must be one JSON-RPC message. */
function rawServer(): { child: ChildProcessWithoutNullStreams; next: () => Promise<Record<string, unknown>>; send: (text: string) => void } {
  const child = spawn(process.execPath, [BIN, 'mcp'], { cwd: repo.root, env: repo.env });
  const queue: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const message = JSON.parse(line) as Record<string, unknown>; // throws (fails the test) on anything but JSON
      expect(message.jsonrpc).toBe('2.0');
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else queue.push(message);
    }
  });
  return {
    child,
    send: (text) => child.stdin.write(text),
    next: () => new Promise((resolve) => (queue.length ? resolve(queue.shift()!) : waiters.push(resolve))),
  };
}

describe('raw stdin', () => {
  it('answers garbage with JSON-RPC errors and keeps serving; exits 0 when stdin closes', async () => {
    const s = rawServer();
    s.send(Buffer.concat([Buffer.from([0x00, 0xff, 0xfe]), Buffer.from(' not json at all\n')]).toString('latin1'));
    expect(await s.next()).toMatchObject({ id: null, error: { code: -32700, message: expect.stringMatching(/^Parse error/) } });
    s.send('{"jsonrpc":"2.0","id":7,"method":\n');
    expect(await s.next()).toMatchObject({ id: null, error: { code: -32700 } });
    s.send('{"hello":"world","id":8}\n');
    expect(await s.next()).toMatchObject({ id: 8, error: { code: -32600 } });
    s.send('[1,2,3]\n');
    expect(await s.next()).toMatchObject({ id: null, error: { code: -32600 } });
    s.send('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}\n');
    expect(await s.next()).toMatchObject({ id: 1, result: { serverInfo: { name: 'opsdeck' } } });
    s.send('{"jsonrpc":"2.0","method":"notifications/initialized"}\n{"jsonrpc":"2.0","id":2,"method":"no/such/method"}\n');
    expect(await s.next()).toMatchObject({ id: 2, error: { code: -32601 } });
    s.send('{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"arguments":{}}}\n');
    expect(await s.next()).toMatchObject({ id: 5, error: { code: -32602, message: expect.stringMatching(/params\.name/) } });
    s.send('{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"chat_completion","arguments":{"messages":"hi"}}}\n');
    expect(await s.next()).toMatchObject({ id: 3, result: { isError: true } });
    s.send('{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"chat_completion","arguments":{"messages":[{"role":"user","content":"hi"}]}}}\n');
    expect(await s.next()).toMatchObject({ id: 4, result: { structuredContent: { text: TINY_REPLY } } });
    const exited = new Promise<[number | null, string | null]>((resolve) => s.child.on('exit', (code, signal) => resolve([code, signal])));
    s.child.stdin.end(); // with the model loaded: the server disposes it and exits on its own
    expect(await exited).toEqual([0, null]);
    expect(isAlive(s.child.pid!)).toBe(false);
  });

  it('stream_chat: every progress piece is on the wire, in order, before the result', async () => {
    const s = rawServer();
    s.send('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"stream_chat","arguments":{"messages":[{"role":"user","content":"hi"}]},"_meta":{"progressToken":"t1"}}}\n');
    const progress: { message: string; progress: number }[] = [];
    let message = await s.next();
    while (message.method === 'notifications/progress') {
      const params = message.params as { progressToken: string; message: string; progress: number };
      expect(params.progressToken).toBe('t1');
      progress.push(params);
      message = await s.next();
    }
    expect(message).toMatchObject({ id: 1, result: { structuredContent: { text: TINY_REPLY } } });
    expect(progress.map((p) => p.message)).toEqual(TINY_REPLY_CHUNKS);
    expect(progress.map((p) => p.progress)).toEqual(TINY_REPLY_CHUNKS.map((_, i) => TINY_REPLY_CHUNKS.slice(0, i + 1).join('').length));
    s.child.kill('SIGTERM');
  });

  it('stops cleanly on SIGTERM with a model loaded (disposes it, exit 0)', async () => {
    const s = rawServer();
    let log = '';
    s.child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    s.send('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"chat_completion","arguments":{"messages":[{"role":"user","content":"hi"}]}}}\n');
    expect(await s.next()).toMatchObject({ id: 1, result: { structuredContent: { text: TINY_REPLY } } });
    const exited = new Promise<[number | null, string | null]>((resolve) => s.child.on('exit', (code, signal) => resolve([code, signal])));
    s.child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(log).toMatch(/stopped/);
  });
});
