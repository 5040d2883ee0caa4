// The start-up front door of `opsdeck mcp` (issue 7: spawn to the tools/list answer within 1.5x
// of `opsdeck --version`). Loading zod and the MCP SDK costs more than that budget, so when the
// start cache holds the SDK's own answers for this build and config, the front door reads stdin
// first and answers `initialize`, `tools/list` and `ping` from the cache (fast-request.ts says
// which messages qualify). It hands over to the SDK server:
//   - right after it answered tools/list (so the first tools/call finds the server loaded), or
//   - at the first message it does not answer itself (garbage, a tool call, anything unusual).
// At the handover the SDK server is first given the client's initialize again, under an id of
// its own whose answer is dropped, so it knows the client's capabilities as in any session;
// then `notifications/initialized` if it came, then every byte from the first message not
// answered here, in order. stdin closing before any handover ends the server at once.
import { PassThrough, type Readable } from 'node:stream';
import { fastRequest } from './fast-request.js';
import type { LineSink } from './line-transport.js';
import { initializeResult, type StartEntry } from './start-cache.js';

/** The id under which the client's initialize is given to the SDK server again. */
export const REPLAY_ID = 'opsdeck-front-door-initialize';
/** A line this long without a newline is left to the SDK transport (which has the real limit). */
const MAX_FAST_LINE = 1024 * 1024;

export type FrontDoorOptions = {
  entry: StartEntry;
  stdin: Readable;
  /** The protocol output (stdout). */
  sink: LineSink;
  /**
   * Starts the SDK server on `input` (the replayed initialize, then the rest of stdin), writing to
   * `sink` (which drops the replay's answer); resolves when that server has stopped.
   */
  startFull(input: Readable, sink: LineSink): Promise<void>;
  /** Hand over right after tools/list (default true); false: only at a message not answered here. */
  eager?: boolean;
};

export type FrontDoor = {
  /** Resolves when the session is over: stdin ended before a handover, or the SDK server stopped. */
  done: Promise<void>;
  /** What ended it: `fast` (answered here only) or `full` (handed over). */
  handedOver(): boolean;
  /** Ends the session (a signal): before a handover at once, after it by ending the SDK server's input. */
  stop(): void;
};

export function openFrontDoor(options: FrontDoorOptions): FrontDoor {
  const { entry, stdin, sink } = options;
  const toFull = new PassThrough();
  let buffer: Buffer | undefined;
  let initialize: Record<string, unknown> | undefined;
  let initialized = false;
  let full: Promise<void> | undefined;
  let finished = false;
  let resolveDone: () => void = () => undefined;
  let rejectDone: (error: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });

  let replayPending = false;
  const fullSink: LineSink = {
    write: (line) => {
      if (replayPending && line.includes(REPLAY_ID)) {
        try {
          if ((JSON.parse(line) as { id?: unknown }).id === REPLAY_ID) {
            replayPending = false;
            return true;
          }
        } catch {
          // not JSON: pass it on
        }
      }
      return sink.write(line);
    },
    once: (event, listener) => sink.once(event, listener),
  };

  const detach = (): void => {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    stdin.off('close', onEnd);
    stdin.off('error', onEnd);
  };

  const finishFast = (): void => {
    if (finished) return;
    finished = true;
    detach();
    stdin.pause();
    resolveDone();
  };

  const handover = (): void => {
    if (full || finished) return;
    if (initialize) {
      replayPending = true;
      toFull.write(`${JSON.stringify({ ...initialize, id: REPLAY_ID })}\n`);
    }
    if (initialized) toFull.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
    if (buffer) toFull.write(buffer);
    buffer = undefined;
    full = options.startFull(toFull, fullSink).then(
      () => resolveDone(),
      (error: unknown) => {
        detach();
        toFull.destroy();
        rejectDone(error);
      },
    );
  };

  const respond = (id: string | number, result: Record<string, unknown>): void => {
    sink.write(`${JSON.stringify({ result, jsonrpc: '2.0', id })}\n`);
  };

  /** Answers one line here; false when it is for the SDK server. */
  const answer = (line: string): boolean => {
    if (!line.trim()) return true; // the transport skips blank lines too
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return false;
    }
    const request = fastRequest(message);
    if (request === undefined) return false;
    switch (request.kind) {
      case 'initialize':
        if (initialize) return false; // a second initialize: the SDK server's business
        initialize = message as Record<string, unknown>;
        respond(request.id, initializeResult(entry, request.protocolVersion));
        return true;
      case 'initialized':
        initialized = true;
        return true;
      case 'tools/list':
        respond(request.id, entry.tools);
        if (options.eager ?? true) setImmediate(handover);
        return true;
      case 'ping':
        respond(request.id, {});
        return true;
    }
  };

  function onData(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (full) {
      if (!toFull.write(bytes)) {
        stdin.pause();
        toFull.once('drain', () => stdin.resume());
      }
      return;
    }
    buffer = buffer ? Buffer.concat([buffer, bytes]) : bytes;
    while (buffer) {
      const index: number = buffer.indexOf(0x0a);
      if (index === -1) break;
      const line = buffer.toString('utf8', 0, index).replace(/\r$/, '');
      if (!answer(line)) {
        handover();
        return;
      }
      buffer = index + 1 < buffer.length ? buffer.subarray(index + 1) : undefined;
    }
    if (buffer && buffer.length > MAX_FAST_LINE) handover();
  }

  function onEnd(): void {
    if (full) {
      detach();
      if (!toFull.writableEnded) toFull.end();
    } else {
      finishFast();
    }
  }

  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.on('close', onEnd);
  stdin.on('error', onEnd);
  stdin.resume();

  return {
    done,
    handedOver: () => full !== undefined,
    stop: () => (full ? onEnd() : finishFast()),
  };
}
