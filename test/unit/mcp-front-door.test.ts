// The start-up front door: answers initialize, tools/list and ping from a start-cache entry,
// then hands the session to the SDK server (here a stand-in that records what it is given)
// with the client's initialize replayed first and every later byte in order.
import { PassThrough, type Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openFrontDoor, REPLAY_ID } from '../../src/mcp/front-door.js';
import type { LineSink } from '../../src/mcp/line-transport.js';
import type { StartEntry } from '../../src/mcp/start-cache.js';

const ENTRY: StartEntry = {
  v: 1,
  build: 'b',
  key: 'k',
  protocol: { supported: ['2025-11-25', '2025-06-18'], latest: '2025-11-25' },
  initialize: { capabilities: { tools: { listChanged: true } }, serverInfo: { name: 'opsdeck', version: '1' }, instructions: 'hi' },
  tools: { tools: [{ name: 'a', inputSchema: { type: 'object' } }] },
  writeEnabled: false,
};

const INIT = '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}\n';
const INITIALIZED = '{"jsonrpc":"2.0","method":"notifications/initialized"}\n';
const LIST = '{"jsonrpc":"2.0","id":2,"method":"tools/list"}\n';
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(eager?: boolean, fail?: Error) {
  const stdin = new PassThrough();
  const written: string[] = [];
  const sink: LineSink = { write: (line) => (written.push(line), true), once: () => undefined };
  const full = { started: 0, input: '', ended: false, sink: undefined as LineSink | undefined };
  let finish: () => void = () => undefined;
  const startFull = (input: Readable, fullSink: LineSink): Promise<void> => {
    full.started += 1;
    full.sink = fullSink;
    input.on('data', (d: Buffer) => (full.input += d.toString()));
    return new Promise<void>((resolve, reject) => {
      finish = resolve;
      if (fail) reject(fail);
      input.on('end', () => {
        full.ended = true;
        resolve();
      });
    });
  };
  const door = openFrontDoor({ entry: ENTRY, stdin, sink, startFull, eager });
  return { stdin, written, full, door, finish: () => finish(), replies: () => written.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('front door', () => {
  it('answers initialize, ping and tools/list from the entry, as the SDK writes them', async () => {
    const s = setup(false);
    s.stdin.write(`${INIT}\r\n  \n${INITIALIZED}{"jsonrpc":"2.0","id":"p","method":"ping"}\n${LIST}`);
    s.stdin.write('{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"protocolVersion":"1999-01-01","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}\n');
    await tick();
    expect(s.written[0]).toBe(`{"result":{"protocolVersion":"2025-06-18",${JSON.stringify(ENTRY.initialize).slice(1)},"jsonrpc":"2.0","id":1}\n`);
    expect(s.replies().slice(1, 3)).toEqual([
      { result: {}, jsonrpc: '2.0', id: 'p' },
      { result: ENTRY.tools, jsonrpc: '2.0', id: 2 },
    ]);
    // a second initialize is the SDK server's to answer
    expect(s.written).toHaveLength(3);
    expect(s.full.started).toBe(1);
    s.stdin.end();
    await s.door.done;
  });

  it('gives an unsupported protocol version the latest one', async () => {
    const s = setup(false);
    s.stdin.write(INIT.replace('2025-06-18', '1999-01-01'));
    await tick();
    expect(s.replies()[0]).toMatchObject({ id: 1, result: { protocolVersion: '2025-11-25' } });
    s.stdin.end();
    await s.door.done;
    expect(s.door.handedOver()).toBe(false);
    expect(s.full.started).toBe(0);
  });

  it('hands over right after tools/list: initialize replayed under its own id, then the rest in order', async () => {
    const s = setup();
    s.stdin.write(INIT + INITIALIZED + LIST);
    await tick();
    await tick();
    expect(s.full.started).toBe(1);
    expect(s.door.handedOver()).toBe(true);
    s.stdin.write('{"jsonrpc":"2.0","id":9,"method":"tools/call","par');
    s.stdin.write('ams":{"name":"a"}}\n');
    await tick();
    const lines = s.full.input.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ id: REPLAY_ID, method: 'initialize', params: { clientInfo: { name: 't' } } });
    expect(lines[1]).toEqual({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(lines[2]).toMatchObject({ id: 9, method: 'tools/call' });
    expect(lines).toHaveLength(3);
    // the SDK server's answer to the replay is dropped; everything else reaches stdout
    s.full.sink!.write(`{"result":{},"jsonrpc":"2.0","id":"${REPLAY_ID}"}\n`);
    s.full.sink!.write('{"result":{"content":[]},"jsonrpc":"2.0","id":9}\n');
    s.full.sink!.write(`{"result":{"x":"${REPLAY_ID}"},"jsonrpc":"2.0","id":10}\n`);
    expect(s.replies().map((r) => r.id)).toEqual([1, 2, 9, 10]);
    s.stdin.end();
    await s.door.done;
    expect(s.full.ended).toBe(true);
  });

  it('hands over at the first message it does not answer, with that message and what follows', async () => {
    const s = setup();
    s.stdin.write(`not json\n${LIST}{"partial`);
    await tick();
    expect(s.written).toEqual([]);
    expect(s.full.input).toBe(`not json\n${LIST}{"partial`);
    s.stdin.end();
    await s.door.done;
  });

  it('hands a line longer than a megabyte to the SDK transport', async () => {
    const s = setup();
    s.stdin.write(Buffer.alloc(1024 * 1024 + 1, 0x61));
    await tick();
    expect(s.full.started).toBe(1);
    expect(s.full.input).toHaveLength(1024 * 1024 + 1);
    s.door.stop();
    await s.door.done;
  });

  it('stops before a handover at once, and after one by ending the SDK server input', async () => {
    const before = setup();
    before.stdin.write(INIT);
    await tick();
    before.door.stop();
    await before.door.done;
    expect(before.full.started).toBe(0);

    const after = setup();
    after.stdin.write(`${INIT}{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"a"}}\n`);
    await tick();
    after.door.stop();
    await after.door.done;
    expect(after.full.ended).toBe(true);
  });

  it('passes on a failure to start the SDK server', async () => {
    const s = setup(true, new Error('broken config'));
    s.stdin.write('{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"a"}}\n');
    await expect(s.door.done).rejects.toThrow('broken config');
  });
});
