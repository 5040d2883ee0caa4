// serveMcp (what `opsdeck mcp` runs) in process over piped streams: root and config resolution,
// a session over the line transport, and the end of stdin ending the server.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlobalOptions, ICliContext } from '../../commands/cli-context.js';
import { serveMcp } from '../../commands/mcp.js';
import { findRepoRoot } from '../../src/cli/find-root.js';
import { ConfigError, UserError } from '../../src/errors.js';
import { mcpModelDirs } from '../../src/mcp/server.js';
import { defaultConfig } from '../../src/config/load-config.js';
import { makeMcpRepo, type McpTestRepo } from '../fixtures/mcp/make-repo.js';

let repo: McpTestRepo;

beforeAll(() => {
  repo = makeMcpRepo(mkdtempSync(join(tmpdir(), 'opsdeck-mcp-serve-')));
  // hermetic: a stray .orchestration/ above the temp dir (another test's leftover in / or /tmp) is not our repo
  process.env.OPSDECK_CEILING_DIRECTORIES = dirname(repo.base);
});
afterAll(() => {
  delete process.env.OPSDECK_CEILING_DIRECTORIES;
  rmSync(repo.base, { recursive: true, force: true });
});

function context(globals: Partial<GlobalOptions>, cwd: string): ICliContext {
  const all: GlobalOptions = { color: false, readonly: false, ...globals };
  return {
    globals: () => all,
    out: () => undefined,
    err: () => undefined,
    setExitCode: () => undefined,
    resolveRoot: () => findRepoRoot(cwd, all.root),
  };
}

/** Runs serveMcp with piped stdio; `exchange` sends lines and collects the replies by id. */
function session(ctx: ICliContext) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const replies = new Map<number, Record<string, unknown>>();
  const waiters = new Map<number, () => void>();
  let buffer = '';
  let log = '';
  stderr.on('data', (d: Buffer) => (log += d.toString()));
  stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const m = JSON.parse(line) as { id: number };
      replies.set(m.id, m);
      waiters.get(m.id)?.();
    }
  });
  const done = serveMcp(ctx, { stdin, stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream });
  const request = (id: number, method: string, params: unknown = {}): Promise<Record<string, unknown>> => {
    const reply = new Promise<Record<string, unknown>>((resolve) => waiters.set(id, () => resolve(replies.get(id)!)));
    stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    return reply;
  };
  return { stdin, done, request, log: () => log };
}

const INIT = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } };

describe('serveMcp', () => {
  it('serves the repo found from the cwd and stops when stdin ends', async () => {
    const s = session(context({}, join(repo.root, '.orchestration')));
    expect(await s.request(1, 'initialize', INIT)).toMatchObject({ result: { serverInfo: { name: 'opsdeck' } } });
    const list = await s.request(2, 'tools/list');
    expect((list.result as { tools: unknown[] }).tools.length).toBe(12);
    const tasks = await s.request(3, 'tools/call', { name: 'list_tasks', arguments: {} });
    expect((tasks.result as { structuredContent: { root: string } }).structuredContent.root).toBe(repo.root);
    s.stdin.end();
    await s.done;
    expect(s.log()).toMatch(/serving on stdio \(root .*, read-only\)[\s\S]*stopped/);
  });

  it('serves without a repo (the LLM tools work, ops tools say how to give one)', async () => {
    const s = session(context({}, repo.base));
    await s.request(1, 'initialize', INIT);
    const tasks = await s.request(2, 'tools/call', { name: 'list_tasks', arguments: {} });
    expect(tasks.result).toMatchObject({ isError: true });
    s.stdin.end();
    await s.done;
    expect(s.log()).toMatch(/root none/);
  });

  it('refuses a wrong --root and a broken config before serving', async () => {
    await expect(serveMcp(context({ root: join(repo.base, 'missing') }, repo.base), { stdin: new PassThrough() })).rejects.toBeInstanceOf(UserError);
    writeFileSync(join(repo.root, '.orchestration', 'opsdeck.yaml'), 'mcp:\n  keepModels: 0\n');
    try {
      await expect(serveMcp(context({ root: repo.root }, repo.base), { stdin: new PassThrough() })).rejects.toThrow(ConfigError);
    } finally {
      repo.writeConfig();
    }
  });
});

describe('mcpModelDirs', () => {
  it('takes relative models folders from the repo root and keeps absolute and ~ ones', () => {
    const llm = { ...defaultConfig().llm, modelsDir: ['models', '/abs/models', '~/m'] };
    const dirs = mcpModelDirs(llm, '/repo');
    expect(dirs.slice(0, 2)).toEqual(['/repo/models', '/abs/models']);
    expect(dirs[2]).toMatch(/\/m$/);
    expect(mcpModelDirs({ ...llm, modelsDir: 'models' }, undefined)[0]).toBe(join(process.cwd(), 'models'));
  });
});
