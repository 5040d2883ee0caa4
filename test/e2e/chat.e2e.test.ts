// The chat in a real terminal (tmux, 80x24) from the shipped bundle with --demo: the demo model
// is generated on first open, a prompt gets the scripted reply, Esc stops a reply mid-stream,
// and the cockpit quits with exit 0.
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_MODEL_REPLY } from '../../src/llm/demo-model.js';
import { e2eScope, OPSDECK_BIN as BIN } from '../helpers/e2e-scope.js';
import type { TmuxSession } from '../helpers/tmux-session.js';
const REPLY_START = DEMO_MODEL_REPLY.slice(0, 30);

describe('chat in tmux with --demo', () => {
  let home: string;
  let tmux: TmuxSession;

  const scope = e2eScope();

  beforeEach(() => {
    home = scope.tempDir('opsdeck-chat-e2e-');
    tmux = scope.session();
  });

  it('opens the chat, gets the scripted reply, stops one with Esc, and quits', async () => {
    await tmux.start(`${BIN} --demo`, { cols: 80, rows: 24, env: { XDG_STATE_HOME: join(home, 'state'), XDG_DATA_HOME: join(home, 'data') } });
    await tmux.waitFor('UTC');
    await tmux.sendKeys('6');
    await tmux.waitFor('Demo model: generated, scripted replies', 20_000);
    await tmux.waitFor('› █', 20_000);

    // q and digits type text while the input has focus
    await tmux.sendText('q1 hello');
    await tmux.waitFor('› q1 hello█');
    await tmux.sendKeys('Enter');
    const answered = await tmux.waitFor((s) => s.includes(REPLY_START) && /\d+\.\d tok\/s · prompt \d+ · gen \d+ · ctx \d+% · cpu/.test(s), 20_000);
    expect(answered).toContain('› you');
    expect(answered).toContain('q1 hello');
    expect(answered.split('\n').length).toBeLessThanOrEqual(24);

    // Enter and Esc in one read: the reply is stopped at once and marked; what is kept is a prefix
    await tmux.sendText('again');
    await tmux.sendKeys('Enter', 'Escape');
    const stopped = await tmux.waitFor('· stopped', 20_000);
    expect(stopped).toContain('again');
    // still usable afterwards
    await tmux.sendText('third');
    await tmux.sendKeys('Enter');
    await tmux.waitFor((s) => s.includes('third') && /prompt \d+ · gen 22 /.test(s) && !s.includes('Esc stops'), 20_000);

    // Esc leaves the input; then q quits
    await tmux.sendKeys('Escape');
    await tmux.waitFor('i or Enter to type');
    await tmux.sendKeys('q');
    expect(await tmux.exitCode(15_000)).toBe(0);
  }, 120_000);
});
