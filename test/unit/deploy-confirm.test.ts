// The confirmation rules: typed env name for production, y for others, default cancel, Enter
// alone never confirms, keys right after opening are ignored, pastes and key repeat are refused.
import { describe, expect, it } from 'vitest';
import { BURST_GAP_MS, CONFIRM_GUARD_MS, ENTER_PAUSE_MS, confirmKey, confirmQuestion, openConfirm } from '../../src/deploy/confirm.js';
import type { ConfirmState } from '../../src/deploy/confirm.js';

/** Types `keys` one by one, `gap` ms apart, starting after the guard. */
function type(state: ConfirmState, keys: string[], gap = 80, start = CONFIRM_GUARD_MS + 10): ConfirmState {
  let s = state;
  let t = state.openedAt + start;
  for (const key of keys) {
    s = confirmKey(s, key, t);
    t += gap;
  }
  return s;
}

const chars = (text: string) => [...text];

describe('production confirmation', () => {
  const open = () => openConfirm('production', true, 1000);

  it('confirms only the exact name followed by a separate Enter', () => {
    expect(confirmQuestion(open())).toContain('Type "production"');
    expect(type(open(), [...chars('production'), 'return']).outcome).toBe('confirmed');
    expect(type(open(), chars('production')).outcome).toBe('pending');
  });

  it('never confirms on Enter alone, and says why', () => {
    const s = type(open(), ['return', 'return', 'return']);
    expect(s.outcome).toBe('pending');
    expect(s.notice).toContain('Enter alone never confirms');
  });

  it('rejects wrong text and clears it', () => {
    const s = type(open(), [...chars('Production'), 'return']);
    expect(s.outcome).toBe('pending');
    expect(s.typed).toBe('');
    expect(s.notice).toContain('not "production"');
    expect(type(open(), [...chars('staging'), 'return']).outcome).toBe('pending');
    expect(type(open(), [...chars('productio'), 'return']).outcome).toBe('pending');
  });

  it('lets backspace fix a typo', () => {
    expect(type(open(), [...chars('productiom'), 'backspace', 'n', 'return']).outcome).toBe('confirmed');
  });

  it('ignores keys during the guard after opening (key repeat of the opening key)', () => {
    let s = open();
    for (let t = 0; t < CONFIRM_GUARD_MS; t += 30) s = confirmKey(s, 'p', 1000 + t);
    expect(s.typed).toBe('');
    expect(s.outcome).toBe('pending');
  });

  it('refuses a paste delivered as a burst of keys: the text is dropped, its Enter never confirms', () => {
    const s = type(open(), [...chars('production'), 'return'], 0);
    expect(s.outcome).toBe('pending');
    expect(s.typed).toBe('');
    expect(s.notice).toContain('pasted');
    expect(type(open(), [...chars('production'), 'return'], BURST_GAP_MS - 1).outcome).toBe('pending');
    // a deliberate Enter afterwards has nothing typed to confirm
    expect(confirmKey(s, 'return', (s.lastKeyAt ?? 0) + 2000).outcome).toBe('pending');
  });

  it('after a short burst, a quick Enter does not confirm; a deliberate one after a pause does', () => {
    let s = type(open(), chars('producti'));
    s = type(s, ['o', 'n'], 1, (s.lastKeyAt ?? 0) + 80 - s.openedAt);
    expect(s.typed).toBe('production');
    const last = s.lastKeyAt ?? 0;
    s = confirmKey(s, 'return', last + ENTER_PAUSE_MS - 50);
    expect(s.outcome).toBe('pending');
    expect(s.notice).toContain('press Enter again');
    expect(s.typed).toBe('production');
    s = confirmKey(s, 'return', last + ENTER_PAUSE_MS + 400);
    expect(s.outcome).toBe('confirmed');
  });

  it('keys an SSH link delivered together are kept, so typing still works under lag', () => {
    // "pr" arrive together, the rest typed normally, then Enter after a pause
    let s = type(open(), ['p', 'r'], 2);
    s = type(s, [...chars('oduction')], 80, (s.lastKeyAt ?? 0) + 80 - s.openedAt);
    expect(s.typed).toBe('production');
    s = confirmKey(s, 'return', (s.lastKeyAt ?? 0) + ENTER_PAUSE_MS + 10);
    expect(s.outcome).toBe('confirmed');
  });

  it('refuses a paste delivered as one chunk, and any text with a newline', () => {
    expect(type(open(), ['production', 'return']).outcome).toBe('pending');
    expect(type(open(), ['production\r']).outcome).toBe('pending');
    const s = type(open(), [...chars('producti'), 'on\n']);
    expect(s.typed).toBe('');
  });

  it('a typed Enter right after the last character (burst) does not confirm', () => {
    let s = type(open(), chars('production'));
    const last = s.lastKeyAt ?? 0;
    s = confirmKey(s, 'return', last + 1);
    expect(s.outcome).toBe('pending');
    s = confirmKey(s, 'return', last + 200);
    expect(s.outcome).toBe('confirmed');
  });

  it('Escape cancels at any time, and a finished question ignores further keys', () => {
    const s = confirmKey(open(), 'escape', 1001);
    expect(s.outcome).toBe('cancelled');
    expect(confirmKey(s, 'return', 5000)).toBe(s);
  });
});

describe('non-production confirmation', () => {
  const open = () => openConfirm('staging', false, 0);

  it('y confirms; Enter, n and Esc cancel (default cancel)', () => {
    expect(confirmQuestion(open())).toContain('y confirms');
    expect(type(open(), ['y']).outcome).toBe('confirmed');
    expect(type(open(), ['return']).outcome).toBe('cancelled');
    expect(type(open(), ['n']).outcome).toBe('cancelled');
    expect(type(open(), ['escape']).outcome).toBe('cancelled');
    const other = type(open(), ['x']);
    expect(other.outcome).toBe('pending');
    expect(other.notice).toContain('press y');
  });

  it('a y inside a burst or the guard does not confirm', () => {
    expect(confirmKey(open(), 'y', 10).outcome).toBe('pending');
    expect(type(open(), ['j', 'y'], 1).outcome).toBe('pending');
  });
});
