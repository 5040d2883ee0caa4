// What each tmux e2e file needs: the shipped bin, and tmux sessions and temp folders that are
// killed and removed after every test, whatever it left behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { TmuxSession } from './tmux-session.js';

export const OPSDECK_BIN = fileURLToPath(new URL('../../bin/opsdeck', import.meta.url));

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export type E2eScope = {
  /** A new tmux session, killed after the test. */
  session(): TmuxSession;
  /** A new temp folder, removed after the test (after the sessions are gone). */
  tempDir(prefix: string): string;
  /** Removes a folder made elsewhere (a fixture repo) after the test; returns it. */
  removeAfter(dir: string): string;
};

/** Call once at the top of an e2e file (or describe block): it registers the cleanup. */
export function e2eScope(): E2eScope {
  const sessions: TmuxSession[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.kill();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });
  return {
    session() {
      const s = new TmuxSession();
      sessions.push(s);
      return s;
    },
    tempDir(prefix) {
      return this.removeAfter(mkdtempSync(join(tmpdir(), prefix)));
    },
    removeAfter(dir) {
      dirs.push(dir);
      return dir;
    },
  };
}
