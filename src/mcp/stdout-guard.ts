// stdout carries only the MCP protocol. claimStdout() hands the real stdout to the transport and
// sends everything else that would write to it (console.log/info/debug/warn from a dependency,
// a stray process.stdout.write) to stderr instead, where MCP clients collect server logs.
import type { LineSink } from './line-transport.js';

type Write = typeof process.stdout.write;
type ConsoleMethod = 'log' | 'info' | 'debug' | 'warn';
const CONSOLE_METHODS: ConsoleMethod[] = ['log', 'info', 'debug', 'warn'];

export type StdoutClaim = {
  /** Writes to the real stdout (the protocol). */
  sink: LineSink;
  /** Puts process.stdout.write and console back (tests; the server keeps the claim until exit). */
  release(): void;
};

export function claimStdout(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): StdoutClaim {
  const realWrite: Write = stdout.write;
  const protocolWrite = realWrite.bind(stdout) as (chunk: string) => boolean;
  const toStderr = ((chunk: unknown, ...rest: unknown[]) =>
    (stderr.write as (...args: unknown[]) => boolean)(chunk, ...rest)) as Write;
  stdout.write = toStderr;
  const saved = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  for (const method of CONSOLE_METHODS) {
    // eslint-disable-next-line no-console -- the one place that reroutes console output
    saved.set(method, console[method]);
    // eslint-disable-next-line no-console
    console[method] = (...args: unknown[]) => console.error(...args);
  }
  return {
    sink: {
      write: (line) => protocolWrite(line),
      once: (event, listener) => stdout.once(event, listener),
    },
    release: () => {
      stdout.write = realWrite;
      // eslint-disable-next-line no-console
      for (const [method, fn] of saved) console[method] = fn;
    },
  };
}
