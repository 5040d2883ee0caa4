// The stdio line transport: framing, JSON-RPC error answers for unreadable input, backpressure,
// close on end of input; and the stdout guard that keeps stray output off the protocol stream.
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { INVALID_PARAMS, INVALID_REQUEST, LineTransport, MAX_LINE_BYTES, PARSE_ERROR, type LineSink, type RequestCheck } from '../../src/mcp/line-transport.js';
import { unknownToolCheck } from '../../src/mcp/server.js';
import { claimStdout } from '../../src/mcp/stdout-guard.js';

function setup(sink?: LineSink, check?: RequestCheck) {
  const input = new PassThrough();
  const written: string[] = [];
  const output: LineSink = sink ?? { write: (line) => (written.push(line), true), once: () => undefined };
  const t = new LineTransport(input, output, check);
  const messages: unknown[] = [];
  const errors: string[] = [];
  let closed = 0;
  t.onmessage = (m) => messages.push(m);
  t.onerror = (e) => errors.push(e.message);
  t.onclose = () => (closed += 1);
  const replies = (): Record<string, unknown>[] => written.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { input, t, messages, errors, written, replies, closed: () => closed };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('LineTransport', () => {
  it('delivers messages split across chunks and several per chunk, CRLF and blank lines too', async () => {
    const s = setup();
    await s.t.start();
    s.input.write('{"jsonrpc":"2.0","id":1,"me');
    s.input.write('thod":"ping"}\r\n\n  \n{"jsonrpc":"2.0","method":"notifications/initialized"}\n{"jsonrpc":"2.0","id":2,"result":{}}\n');
    await tick();
    expect(s.messages).toEqual([
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, result: {} },
    ]);
    expect(s.written).toEqual([]);
  });

  it('answers what it cannot read with id null (or the id it found) and keeps reading', async () => {
    const s = setup();
    await s.t.start();
    s.input.write('\u0000\u00ff garbage\n{"id":5,"method":3}\n[{"jsonrpc":"2.0","id":1,"method":"ping"}]\n"just a string"\n{"jsonrpc":"2.0","id":6,"method":"ping"}\n');
    await tick();
    expect(s.replies()).toMatchObject([
      { jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR } },
      { jsonrpc: '2.0', id: 5, error: { code: INVALID_REQUEST } },
      { jsonrpc: '2.0', id: null, error: { code: INVALID_REQUEST, message: expect.stringMatching(/batches/) } },
      { jsonrpc: '2.0', id: null, error: { code: INVALID_REQUEST } },
    ]);
    expect(s.messages).toEqual([{ jsonrpc: '2.0', id: 6, method: 'ping' }]);
    expect(s.errors).toHaveLength(4);
  });

  it('answers a known method with params that do not fit with -32602 naming the field; passes unknown methods on', async () => {
    const s = setup();
    await s.t.start();
    s.input.write('{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{}}\n{"jsonrpc":"2.0","id":10,"method":"tools/call"}\n');
    s.input.write('{"jsonrpc":"2.0","id":11,"method":"no/such","params":{"x":1}}\n{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"t","arguments":{}}}\n');
    await tick();
    expect(s.replies()).toMatchObject([
      { id: 9, error: { code: INVALID_PARAMS, message: expect.stringMatching(/^Invalid params for tools\/call: params\.name: /) } },
      { id: 10, error: { code: INVALID_PARAMS, message: expect.stringMatching(/params: /) } },
    ]);
    expect(s.messages.map((m) => (m as { id: number }).id)).toEqual([11, 12]);
  });

  it('answers tools/call for an unknown tool with -32602 listing the tools', async () => {
    const s = setup(undefined, unknownToolCheck(['chat_completion', 'list_tasks']));
    await s.t.start();
    s.input.write('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"nope"}}\n{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_tasks"}}\n');
    s.input.write('{"jsonrpc":"2.0","id":3,"method":"tools/list"}\n{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
    await tick();
    expect(s.replies()).toMatchObject([{ id: 1, error: { code: INVALID_PARAMS, message: 'Unknown tool: nope (available: chat_completion, list_tasks)' } }]);
    expect(s.messages.map((m) => (m as { id?: number }).id)).toEqual([2, 3, undefined]);
  });

  it('drops a line longer than the limit with an answer, then goes on', async () => {
    const s = setup();
    await s.t.start();
    s.input.write(Buffer.alloc(MAX_LINE_BYTES + 10, 0x61));
    s.input.write('\n{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    await tick();
    expect(s.replies()[0]).toMatchObject({ id: null, error: { code: INVALID_REQUEST, message: expect.stringMatching(/longer than/) } });
    expect(s.messages).toEqual([{ jsonrpc: '2.0', id: 1, method: 'ping' }]);
  });

  it('waits for drain when the sink is full, and sends nothing after close', async () => {
    const lines: string[] = [];
    let drain: (() => void) | undefined;
    const s = setup({ write: (l) => (lines.push(l), false), once: (_e, listener) => (drain = listener) });
    await s.t.start();
    let sent = false;
    const p = s.t.send({ jsonrpc: '2.0', id: 1, result: {} }).then(() => (sent = true));
    await tick();
    expect(sent).toBe(false);
    drain?.();
    await p;
    expect(lines).toEqual(['{"jsonrpc":"2.0","id":1,"result":{}}\n']);
    await s.t.close();
    await s.t.send({ jsonrpc: '2.0', id: 2, result: {} });
    expect(lines).toHaveLength(1);
  });

  it('closes once when the input ends, and refuses a second start', async () => {
    const s = setup();
    await s.t.start();
    await expect(s.t.start()).rejects.toThrow(/already started/);
    s.input.end();
    await tick();
    await s.t.close();
    expect(s.closed()).toBe(1);
  });

  it('reports an exception thrown by the message handler and keeps going', async () => {
    const s = setup();
    s.t.onmessage = () => {
      throw new Error('handler broke');
    };
    await s.t.start();
    s.input.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    s.input.emit('error', new Error('read failed'));
    await tick();
    expect(s.errors).toEqual(['handler broke', 'read failed']);
  });
});

describe('claimStdout', () => {
  it('routes stray writes and console output to stderr while the sink writes to stdout', () => {
    const out = new PassThrough() as unknown as NodeJS.WriteStream;
    const err = new PassThrough() as unknown as NodeJS.WriteStream;
    const outText: string[] = [];
    const errText: string[] = [];
    (out as unknown as PassThrough).on('data', (d: Buffer) => outText.push(d.toString()));
    (err as unknown as PassThrough).on('data', (d: Buffer) => errText.push(d.toString()));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const claim = claimStdout(out, err);
    try {
      console.log('from a dependency', 1);
      expect(spy).toHaveBeenCalledWith('from a dependency', 1);
      out.write('stray\n');
      claim.sink.write('{"jsonrpc":"2.0"}\n');
    } finally {
      claim.release();
      spy.mockRestore();
    }
    out.write('after\n');
    expect(outText.join('')).toBe('{"jsonrpc":"2.0"}\nafter\n');
    expect(errText.join('')).toBe('stray\n');
  });
});
