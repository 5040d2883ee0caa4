// queryComponents tells its caller when every source has started its command, so `backup status`
// can load the rest of itself while the commands run (real child processes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackupSourceConfig } from '../../models/backup-config.js';
import { queryComponents } from '../../src/backup/query.js';

const root = mkdtempSync(join(tmpdir(), 'opsdeck-query-start-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const slow = (name: string, seconds: number): { name: string; source: BackupSourceConfig } => ({
  name,
  source: { kind: 'command', command: `sleep ${seconds}; echo '{"time": "2026-11-25T02:00:00Z", "type": "full"}'` } as BackupSourceConfig,
});

describe('queryComponents onStarted', () => {
  it('fires once every source has started, before any of them has answered', async () => {
    const events: string[] = [];
    const results = await queryComponents([slow('a', 0.4), slow('b', 0.4), { name: 'no-source', source: null }], {
      root,
      concurrency: 4,
      onStarted: () => events.push('started'),
      onResult: (name) => events.push(`result ${name}`),
    });
    expect(events[0]).toBe('started');
    expect(events.filter((e) => e === 'started')).toHaveLength(1);
    expect(events.slice(1).sort()).toEqual(['result a', 'result b']);
    expect(results.get('a')?.listing?.entries).toHaveLength(1);
  });

  it('counts only as many sources as run at once, and fires at once when there is none', async () => {
    const events: string[] = [];
    await queryComponents([slow('a', 0.3), slow('b', 0.3), slow('c', 0.3)], { root, concurrency: 2, onStarted: () => events.push('started'), onResult: (n) => events.push(n) });
    expect(events[0]).toBe('started');
    expect(events.filter((e) => e === 'started')).toHaveLength(1);
    let fired = false;
    await queryComponents([], { root, concurrency: 2, onStarted: () => (fired = true) });
    expect(fired).toBe(true);
  });
});
