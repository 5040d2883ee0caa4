// Drives a real terminal: a tmux server on a private socket, one session running the app.
// Facts behind the details (socket with -S, echoing the exit code, unsetting CI) are in
// ../shared/notes/measured-here.md.
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TmuxStartOptions = { cols?: number; rows?: number; cwd?: string; env?: Record<string, string> };

const EXIT_MARK = /\[exit (\d+)\]/;

export class TmuxSession {
  private readonly dir = mkdtempSync(join(tmpdir(), 'opsdeck-tmux-'));
  private readonly socket = join(this.dir, 'sock');

  private tmux(...args: string[]) {
    return execa('tmux', ['-S', this.socket, ...args], { reject: true });
  }

  async start(command: string, options: TmuxStartOptions = {}): Promise<void> {
    const envArgs = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)}`).join(' ');
    const script = `env -u CI ${envArgs} ${command}; echo "[exit $?]"; sleep 600`;
    await this.tmux(
      'new-session', '-d', '-s', 'app',
      '-x', String(options.cols ?? 100), '-y', String(options.rows ?? 30),
      ...(options.cwd ? ['-c', options.cwd] : []),
      script,
    );
  }

  async capture(): Promise<string> {
    const { stdout } = await this.tmux('capture-pane', '-p', '-t', 'app');
    return stdout;
  }

  /** Polls the screen every 50 ms until `match` is on it; throws with the last screen on timeout. */
  async waitFor(match: string | RegExp | ((screen: string) => boolean), timeoutMs = 10_000): Promise<string> {
    const test = typeof match === 'function' ? match : (s: string) => (typeof match === 'string' ? s.includes(match) : match.test(s));
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = await this.capture();
      if (test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${String(match)}; screen was:\n${screen}`);
  }

  /** Sends tmux key names (`Down`, `Enter`, `Escape`, `C-c`) or literal text with `literal`. */
  async sendKeys(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', 'app', ...keys);
  }

  async sendText(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', 'app', '-l', text);
  }

  async resize(cols: number, rows: number): Promise<void> {
    await this.tmux('resize-window', '-t', 'app', '-x', String(cols), '-y', String(rows));
  }

  /** Waits for the app to exit and returns its exit code. */
  async exitCode(timeoutMs = 10_000): Promise<number> {
    const screen = await this.waitFor(EXIT_MARK, timeoutMs);
    return Number(EXIT_MARK.exec(screen)?.[1]);
  }

  async kill(): Promise<void> {
    await execa('tmux', ['-S', this.socket, 'kill-server'], { reject: false });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
