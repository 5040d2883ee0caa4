// The start cache end to end: the first start of `opsdeck mcp` is the SDK server, whose answers
// to initialize and tools/list are kept; the next start with the same build and config gives
// the very same bytes from the front door before the SDK loads, then hands over to the SDK
// server for everything else. In process (serveMcp with a test build id) and through the built bin.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlobalOptions, ICliContext } from '../../commands/cli-context.js';
import { serveMcp } from '../../commands/mcp.js';
import { findRepoRoot } from '../../src/cli/find-root.js';
import { REPLAY_ID } from '../../src/mcp/front-door.js';
import { makeMcpRepo, type McpTestRepo } from '../fixtures/mcp/make-repo.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'opsdeck');
const INIT = (version = '2025-06-18'): string =>
  `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"${version}","capabilities":{"roots":{}},"clientInfo":{"name":"t","version":"1"}}}\n`;
const LIST = '{"jsonrpc":"2.0","method":"notifications/initialized"}\n{"jsonrpc":"2.0","id":2,"method":"tools/list"}\n';
const CALL = '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_tasks","arguments":{}}}\n';

let repo: McpTestRepo;
let counter = 0;
beforeAll(() => {
  repo = makeMcpRepo(mkdtempSync(join(tmpdir(), 'opsdeck-mcp-start-')));
  // hermetic: a stray .orchestration/ above the temp dir (another test's leftover in / or /tmp) is not our repo
  process.env.OPSDECK_CEILING_DIRECTORIES = dirname(repo.base);
});
afterAll(() => {
  delete process.env.OPSDECK_CEILING_DIRECTORIES;
  rmSync(repo.base, { recursive: true, force: true });
});

/** Raw stdout lines in order, with a way to wait for the next one. */
function lineReader(stdout: Readable) {
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  let read = 0;
  const next = async (): Promise<string> => {
    while (read >= lines.length) await new Promise<void>((resolve) => waiters.push(resolve));
    return lines[read++]!;
  };
  return { lines, next };
}

function context(globals: Partial<GlobalOptions>, cwd: string): ICliContext {
  const all: GlobalOptions = { color: false, readonly: false, ...globals };
  return { globals: () => all, out: () => undefined, err: () => undefined, setExitCode: () => undefined, resolveRoot: () => findRepoRoot(cwd, all.root) };
}

/** One in-process session: sends INIT, then the tools/list lines, then `more` (one answer each); returns the raw answers. */
async function session(ctx: ICliContext, cacheDir: string, init: string, more: string[] = []) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let log = '';
  stderr.on('data', (d: Buffer) => (log += d.toString()));
  const reader = lineReader(stdout);
  const done = serveMcp(ctx, { stdin, stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream }, { buildId: 'test-build', cacheDir });
  const answers: string[] = [];
  for (const line of [init, LIST, ...more]) {
    stdin.write(line);
    answers.push(await reader.next());
  }
  stdin.end();
  await done;
  return { answers, all: reader.lines, log };
}

const newCacheDir = (): string => join(repo.base, `cache-${(counter += 1)}`);

describe('the start cache in process', () => {
  const configs: [string, () => ICliContext, string][] = [
    ['the repo config', () => context({}, repo.root), ''],
    ['allowWrite (task and staging deploy tools)', () => context({}, repo.root), 'mcp:\n  allowWrite: true\n'],
    ['allowWrite under --readonly', () => context({ readonly: true }, repo.root), 'mcp:\n  allowWrite: true\n'],
    ['no repo', () => context({}, repo.base), ''],
  ];
  it.each(configs)('a hit gives the SDK server answers byte for byte: %s', async (_name, ctx, extra) => {
    repo.writeConfig(extra);
    try {
      const dir = newCacheDir();
      const sdk = await session(ctx(), dir, INIT());
      expect(readdirSync(dir)).toHaveLength(1);
      const fast = await session(ctx(), dir, INIT());
      expect(fast.answers).toEqual(sdk.answers);
      expect(fast.all).toEqual(sdk.all);
      expect((JSON.parse(fast.answers[1]!) as { result: { tools: unknown[] } }).result.tools.length).toBeGreaterThanOrEqual(12);
      expect(fast.log).toMatch(/^opsdeck mcp: serving on stdio \(root .*\)\n[\s\S]*stopped\n$/);
      expect(fast.log.match(/serving on stdio/g)).toHaveLength(1);
      expect(readdirSync(dir)).toHaveLength(1);
    } finally {
      repo.writeConfig();
    }
  });

  it('answers from the entry, then hands tool calls to the SDK server', async () => {
    const dir = newCacheDir();
    await session(context({}, repo.root), dir, INIT());
    const [file] = readdirSync(dir);
    const entry = JSON.parse(readFileSync(join(dir, file!), 'utf8')) as { initialize: { instructions: string } };
    entry.initialize.instructions = 'from the start cache';
    writeFileSync(join(dir, file!), JSON.stringify(entry));
    const s = await session(context({}, repo.root), dir, INIT('1999-01-01'), [CALL, '{"jsonrpc":"2.0","id":4,"method":"ping"}\n']);
    const [init, , call, ping] = s.answers.map((a) => JSON.parse(a) as Record<string, unknown>);
    expect(init).toMatchObject({ id: 1, result: { protocolVersion: LATEST_PROTOCOL_VERSION, instructions: 'from the start cache' } });
    expect(call).toMatchObject({ id: 3, result: { structuredContent: { root: repo.root, count: 3 } } });
    expect(ping).toEqual({ result: {}, jsonrpc: '2.0', id: 4 });
    expect(s.all).toHaveLength(4); // the SDK server's answer to the replayed initialize never shows
    expect(s.all.join('\n')).not.toContain(REPLAY_ID);
  });

  it('a config edit is a miss (and a new entry); without a build id nothing is kept', async () => {
    const dir = newCacheDir();
    await session(context({}, repo.root), dir, INIT());
    repo.writeConfig('mcp:\n  keepModels: 2\n');
    try {
      await session(context({}, repo.root), dir, INIT());
      expect(readdirSync(dir)).toHaveLength(2);
    } finally {
      repo.writeConfig();
    }
    const none = newCacheDir();
    const stdin = new PassThrough();
    const done = serveMcp(context({}, repo.root), { stdin, stdout: new PassThrough() as unknown as NodeJS.WriteStream, stderr: new PassThrough() as unknown as NodeJS.WriteStream }, { buildId: undefined, cacheDir: none });
    stdin.end(INIT() + LIST);
    await done;
    expect(() => readdirSync(none)).toThrow(/ENOENT/);
  });
});

/** The built bin, raw lines in and out, with this test's own state dir. */
async function spawned(state: string, lines: string[]) {
  const child = spawn(process.execPath, [BIN, 'mcp'], { cwd: repo.root, env: { ...repo.env, XDG_STATE_HOME: state } });
  const reader = lineReader(child.stdout);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const answers: string[] = [];
  for (const line of lines) {
    child.stdin.write(line);
    answers.push(await reader.next());
  }
  child.stdin.end();
  return { answers, code: await exited };
}

describe('the start cache in the built bin', () => {
  it('the second start answers as the first, from the entry, and still serves tool calls', async () => {
    const state = join(repo.base, 'bin-state');
    const first = await spawned(state, [INIT(), LIST]);
    const second = await spawned(state, [INIT(), LIST, CALL]);
    expect(second.answers.slice(0, 2)).toEqual(first.answers);
    expect(JSON.parse(second.answers[2]!)).toMatchObject({ id: 3, result: { structuredContent: { count: 3 } } });
    expect([first.code, second.code]).toEqual([0, 0]);
    // the answers did come from the entry: an edited entry shows
    const dir = join(state, 'opsdeck', 'mcp-start');
    const [file] = readdirSync(dir);
    const entry = JSON.parse(readFileSync(join(dir, file!), 'utf8')) as { initialize: { serverInfo: { title: string } } };
    entry.initialize.serverInfo.title = 'edited entry';
    writeFileSync(join(dir, file!), JSON.stringify(entry));
    const third = await spawned(state, [INIT()]); // initialize only, then stdin closes (as `claude mcp list` does)
    expect(JSON.parse(third.answers[0]!)).toMatchObject({ result: { serverInfo: { title: 'edited entry' } } });
    expect(third.code).toBe(0);
  });
});
