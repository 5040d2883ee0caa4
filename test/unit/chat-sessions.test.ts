import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSessionsDir, newSessionName } from '../../src/chat/session-name.js';
import { checkSessionName, parseSessionText, replaySession, SessionFiles } from '../../src/chat/sessions.js';

const dir = mkdtempSync(join(tmpdir(), 'opsdeck-sessions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('session files', () => {
  it('appends lines in call order and loads them back', async () => {
    const files = new SessionFiles(join(dir, 'a'));
    const writes = [
      files.append('s1', { type: 'meta', version: 1, createdAt: 1 }),
      ...Array.from({ length: 20 }, (_, i) => files.append('s1', { type: 'message', message: { role: i % 2 ? 'assistant' : 'user', content: `m${i}`, at: i } })),
      files.append('s1', { type: 'system', system: 'be brief' }),
    ];
    await Promise.all(writes);
    const loaded = await files.load('s1');
    expect(loaded.entries.map((e) => e.content)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
    expect(loaded.system).toBe('be brief');
    expect(readFileSync(files.pathOf('s1'), 'utf8').trim().split('\n')).toHaveLength(22);
  });

  it('writes whole sessions, lists newest first and refuses bad names', async () => {
    const files = new SessionFiles(join(dir, 'b'));
    expect(await files.list()).toEqual([]);
    await files.write('one', [{ type: 'meta', version: 1, createdAt: 1 }]);
    await new Promise((r) => setTimeout(r, 15));
    await files.write('two', [{ type: 'meta', version: 1, createdAt: 2 }]);
    writeFileSync(join(dir, 'b', 'notes.txt'), 'x');
    expect((await files.list()).map((s) => s.name)).toEqual(['two', 'one']);
    expect(() => checkSessionName('../x')).toThrow(/bad session name/);
    expect(() => files.pathOf('a b')).toThrow(/bad session name/);
    await expect(files.load('missing')).rejects.toThrow(/no session "missing"/);
  });

  it('names the file and line of a bad line', () => {
    expect(() => parseSessionText('{"type":"meta","version":1,"createdAt":1}\nnot json\n', 'f.jsonl')).toThrow('f.jsonl:2: not JSON');
    expect(() => parseSessionText('{"type":"message","message":{"role":"user","content":1,"at":0}}', 'f.jsonl')).toThrow(/f\.jsonl:1: message\.content/);
    expect(() => parseSessionText('{"type":"wat"}', 'f.jsonl')).toThrow(/f\.jsonl:1:/);
  });

  it('replays clears and system changes', () => {
    const r = replaySession([
      { type: 'meta', version: 1, createdAt: 0, system: 'first' },
      { type: 'message', message: { role: 'user', content: 'a', at: 0 } },
      { type: 'clear' },
      { type: 'message', message: { role: 'user', content: 'b', at: 1 } },
      { type: 'system', system: '' },
    ]);
    expect(r.entries.map((e) => e.content)).toEqual(['b']);
    expect(r.system).toBeUndefined();
  });

  it('names new sessions by UTC time and keeps them under the state dir', () => {
    expect(newSessionName(new Date('2026-01-02T03:04:05Z'))).toBe('session-20260102-030405');
    expect(defaultSessionsDir({ XDG_STATE_HOME: '/st' })).toBe('/st/opsdeck/chat-sessions');
  });
});
