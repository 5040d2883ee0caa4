// The start cache (entries keyed by build and config text, read without zod) and the capture
// that fills it from the SDK server's own answers on the wire.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { LineSink } from '../../src/mcp/line-transport.js';
import { PROTOCOL_VERSIONS } from '../../src/mcp/server.js';
import { createStartCapture } from '../../src/mcp/start-capture.js';
import {
  initializeResult,
  isStartEntry,
  MAX_START_ENTRIES,
  pruneStartCache,
  readConfigText,
  readStartEntry,
  startKey,
  writeStartEntry,
  type StartEntry,
} from '../../src/mcp/start-cache.js';

const base = mkdtempSync(join(tmpdir(), 'opsdeck-mcp-start-cache-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const key = startKey({ configText: 'mcp:\n  allowWrite: true\n', hasRoot: true, readonly: false });
const ENTRY: Omit<StartEntry, 'v'> = {
  build: 'build-1',
  key,
  protocol: PROTOCOL_VERSIONS,
  initialize: { capabilities: { tools: { listChanged: true } }, serverInfo: { name: 'opsdeck', version: '1' } },
  tools: { tools: [{ name: 'a' }] },
  writeEnabled: true,
};

describe('start cache', () => {
  it('keys on the config text, the repo and --readonly', () => {
    const keys = new Set([
      key,
      startKey({ configText: 'mcp:\n  allowWrite: false\n', hasRoot: true, readonly: false }),
      startKey({ configText: 'mcp:\n  allowWrite: true\n', hasRoot: true, readonly: true }),
      startKey({ configText: undefined, hasRoot: true, readonly: false }),
      startKey({ configText: undefined, hasRoot: false, readonly: false }),
      startKey({ configText: '', hasRoot: true, readonly: false }),
    ]);
    expect(keys.size).toBe(6);
  });

  it('reads back what it wrote, for the same build and key only', async () => {
    const dir = join(base, 'rw');
    expect(await readStartEntry(dir, 'build-1', key)).toBeUndefined();
    expect(await writeStartEntry(dir, ENTRY)).toBe(true);
    expect(await readStartEntry(dir, 'build-1', key)).toEqual({ v: 1, ...ENTRY });
    expect(await readStartEntry(dir, 'build-2', key)).toBeUndefined();
    expect(readdirSync(dir)).toHaveLength(1); // no temp file left
    // another key that lands in the same file (a hash collision) is a miss, not a wrong answer
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), JSON.stringify({ v: 1, ...ENTRY, key: 'other' }));
    expect(await readStartEntry(dir, 'build-1', key)).toBeUndefined();
    writeFileSync(join(dir, file!), '{"v":1,');
    expect(await readStartEntry(dir, 'build-1', key)).toBeUndefined();
  });

  it('checks the shape of an entry by hand', () => {
    const good = { v: 1, ...ENTRY };
    expect(isStartEntry(good)).toBe(true);
    for (const bad of [
      null,
      [],
      { ...good, v: 2 },
      { ...good, build: 1 },
      { ...good, protocol: { supported: [1], latest: 'x' } },
      { ...good, protocol: { supported: [], latest: 1 } },
      { ...good, initialize: { ...ENTRY.initialize, protocolVersion: 'x' } },
      { ...good, initialize: {} },
      { ...good, tools: { tools: {} } },
      { ...good, writeEnabled: 'no' },
    ]) {
      expect(isStartEntry(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('keeps the most recently written entries only', async () => {
    const dir = join(base, 'prune');
    mkdirSync(dir);
    for (let i = 0; i < MAX_START_ENTRIES + 3; i += 1) {
      writeFileSync(join(dir, `old-${i}.json`), '{}');
      utimesSync(join(dir, `old-${i}.json`), 1000 + i, 1000 + i);
    }
    writeFileSync(join(dir, 'notes.txt'), 'not an entry');
    expect(await writeStartEntry(dir, ENTRY)).toBe(true);
    const left = readdirSync(dir);
    expect(left).toHaveLength(MAX_START_ENTRIES + 1);
    expect(left).toEqual(expect.arrayContaining(['notes.txt', 'old-34.json']));
    expect(left).not.toContain('old-3.json');
    expect(await readStartEntry(dir, 'build-1', key)).toBeDefined();
    await pruneStartCache(join(base, 'no-such-dir'));
  });

  it('gives up quietly on a state dir it cannot write', async () => {
    const dir = join(base, 'ro');
    mkdirSync(dir);
    writeFileSync(join(dir, 'mcp-start'), 'a file where the folder should be');
    expect(await writeStartEntry(join(dir, 'mcp-start'), ENTRY)).toBe(false);
  });

  it('reads the config text, or nothing without a repo or a file', async () => {
    const root = join(base, 'repo');
    mkdirSync(join(root, '.orchestration'), { recursive: true });
    expect(await readConfigText(undefined)).toBeUndefined();
    expect(await readConfigText(root)).toBeUndefined();
    writeFileSync(join(root, '.orchestration', 'opsdeck.yaml'), 'mcp: {}\n');
    expect(await readConfigText(root)).toBe('mcp: {}\n');
  });

  it('negotiates the protocol version as the SDK does', () => {
    const entry = { v: 1, ...ENTRY };
    for (const version of SUPPORTED_PROTOCOL_VERSIONS) expect(initializeResult(entry, version).protocolVersion).toBe(version);
    expect(initializeResult(entry, '1999-01-01').protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
    expect(Object.keys(initializeResult(entry, 'x'))).toEqual(['protocolVersion', 'capabilities', 'serverInfo']);
  });
});

describe('start capture', () => {
  function capture() {
    const saved: Omit<StartEntry, 'v'>[] = [];
    const out: string[] = [];
    const c = createStartCapture({ build: 'b', key: 'k', protocol: PROTOCOL_VERSIONS, writeEnabled: false, save: (e) => saved.push(e) });
    const sink = c.wrap({ write: (line) => (out.push(line), true), once: () => undefined } satisfies LineSink);
    return { c, sink, saved, out };
  }
  const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };

  it('saves the SDK answers to initialize (without the negotiated version) and tools/list, once', () => {
    const s = capture();
    s.c.observe(init);
    s.c.observe({ jsonrpc: '2.0', id: 'L', method: 'tools/list' });
    s.c.observe({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'x' } });
    s.sink.write('not json\n');
    s.sink.write('{"result":{"content":[]},"jsonrpc":"2.0","id":3}\n');
    s.sink.write('{"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"o","version":"1"}},"jsonrpc":"2.0","id":1}\n');
    expect(s.saved).toEqual([]);
    s.sink.write('{"result":{"tools":[]},"jsonrpc":"2.0","id":"L"}\n');
    expect(s.saved).toEqual([{ build: 'b', key: 'k', protocol: PROTOCOL_VERSIONS, writeEnabled: false, initialize: { capabilities: {}, serverInfo: { name: 'o', version: '1' } }, tools: { tools: [] } }]);
    s.c.observe({ jsonrpc: '2.0', id: 'M', method: 'tools/list' });
    s.sink.write('{"result":{"tools":[1]},"jsonrpc":"2.0","id":"M"}\n');
    expect(s.saved).toHaveLength(1);
    expect(s.out).toHaveLength(5); // every line still goes out
  });

  it('ignores errors and odd results', () => {
    const s = capture();
    s.c.observe(init);
    s.c.observe({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    s.sink.write('{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"x"}}\n');
    s.sink.write('{"result":[],"jsonrpc":"2.0","id":2}\n');
    s.sink.write('{"result":{"tools":[]},"jsonrpc":"2.0","id":2}\n');
    expect(s.saved).toEqual([]);
  });
});
