// Runs a source's command without a shell (or with /bin/sh for `command` sources), in its own
// process group so a timeout or an abort kills everything it started, even a hanging child.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';

export type CaptureResult = { exitCode: number | null; stdout: string; stderr: string };

export type CaptureOptions = {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Caps stdout; more is an error (a runaway command). */
  maxBytes?: number;
  /** Niceness for the child (the cockpit lowers it so CPU-bound key derivation never starves the keys). */
  nice?: number;
  /** Called once the child is started. */
  onSpawn?: () => void;
};

export class CaptureError extends Error {}

/** Runs argv; rejects with CaptureError when it cannot start, is aborted, or floods stdout. */
export function capture(argv: readonly string[], options: CaptureOptions): Promise<CaptureResult> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) {
      reject(new CaptureError(String(options.signal.reason ?? 'aborted')));
      return;
    }
    const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    options.onSpawn?.();
    if (options.nice && child.pid !== undefined) {
      try {
        setPriority(child.pid, options.nice);
      } catch {
        // not allowed: run at normal priority
      }
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let failure: string | undefined;
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const onAbort = (): void => {
      failure = String(options.signal.reason instanceof Error ? options.signal.reason.message : (options.signal.reason ?? 'aborted'));
      killGroup();
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxBytes) {
        failure = `printed more than ${Math.round(maxBytes / 1024 / 1024)} MiB`;
        killGroup();
      } else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 256) err.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal.removeEventListener('abort', onAbort);
      reject(new CaptureError(error.code === 'ENOENT' ? `${argv[0]} not found (is it installed and on PATH?)` : error.message));
    });
    child.on('close', (code) => {
      options.signal.removeEventListener('abort', onAbort);
      // the group may have left children that hold nothing open; make sure none outlive us
      killGroup();
      if (failure !== undefined) reject(new CaptureError(failure));
      else resolve({ exitCode: code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** The first non-empty line of a command's stderr, trimmed to something that fits a pane row. */
export function firstLine(text: string, max = 160): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
