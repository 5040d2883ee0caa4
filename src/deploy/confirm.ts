// The confirmation rules as a pure state machine (issue 4, SOP §2.2):
// - production needs the environment name typed exactly, then a separate Enter;
// - other environments need `y`; Enter, `n` and Esc cancel (the default is cancel);
// - Enter alone never confirms; keys in the first CONFIRM_GUARD_MS after the question opens
//   are ignored (key repeat of the key that opened it);
// - a paste (PASTE_MIN_KEYS or more keys less than BURST_GAP_MS apart, or a chunk of text)
//   clears what was typed and the rest of it is dropped: pasted text never counts;
// - a shorter burst (two or three keys an SSH link or a busy box delivered together) is kept,
//   so typing still works under lag; but an Enter inside a burst never confirms, and after
//   burst-typed text Enter confirms only after a pause (ENTER_PAUSE_MS).

export const CONFIRM_GUARD_MS = 300;
/** Keys closer together than this are a paste or key repeat, not typing. */
export const BURST_GAP_MS = 20;
/** This many keys in one burst are a paste, not typing that arrived together. */
export const PASTE_MIN_KEYS = 4;
/** After burst-typed text, Enter must come at least this long after the last character. */
export const ENTER_PAUSE_MS = 300;
const MAX_TYPED = 64;

export type ConfirmOutcome = 'pending' | 'confirmed' | 'cancelled';

export type ConfirmState = {
  env: string;
  production: boolean;
  openedAt: number;
  typed: string;
  lastKeyAt: number | null;
  /** Part of `typed` arrived as a burst (keys delivered together). */
  burstTyped: boolean;
  /** Keys in the current burst (1 after a gap). */
  burstRun: number;
  outcome: ConfirmOutcome;
  /** Why the last key did not do what the user may have meant. */
  notice: string | null;
};

export function openConfirm(env: string, production: boolean, now: number): ConfirmState {
  return { env, production, openedAt: now, typed: '', lastKeyAt: null, burstTyped: false, burstRun: 0, outcome: 'pending', notice: null };
}

/** The question the prompt shows. */
export function confirmQuestion(state: ConfirmState): string {
  return state.production ? `Type "${state.env}" and press Enter to confirm; Esc cancels` : 'Proceed? y confirms; Enter, n or Esc cancels';
}

/**
 * Applies one key: a key name ("return", "escape", "backspace", "space", one character) or a
 * chunk of text (a paste that arrived in one piece). Returns the next state.
 */
export function confirmKey(state: ConfirmState, key: string, now: number): ConfirmState {
  if (state.outcome !== 'pending') return state;
  if (key === 'escape') return { ...state, outcome: 'cancelled', notice: null };
  if (now - state.openedAt < CONFIRM_GUARD_MS) return { ...state, notice: 'too soon: keys right after the question are ignored' };
  const burst = state.lastKeyAt !== null && now - state.lastKeyAt < BURST_GAP_MS;
  const burstRun = burst ? state.burstRun + 1 : 1;
  const next = { ...state, lastKeyAt: now, burstRun };
  const text = key === 'space' ? ' ' : key;
  const isChar = [...text].length === 1;
  const pasted = burstRun >= PASTE_MIN_KEYS || /[\r\n]/.test(text) || (!isChar && !['return', 'backspace', 'delete'].includes(key));
  if (pasted) return { ...next, typed: '', burstTyped: false, notice: 'pasted or repeated input is not accepted: type it' };
  if (!state.production) {
    if (burst) return { ...next, notice: 'repeated or pasted keys do not answer: press y to confirm' };
    if (key === 'y' || key === 'Y') return { ...next, outcome: 'confirmed', notice: null };
    if (key === 'return' || key === 'n' || key === 'N') return { ...next, outcome: 'cancelled', notice: null };
    return { ...next, notice: 'press y to confirm, or Enter/n/Esc to cancel' };
  }
  if (key === 'backspace' || key === 'delete') {
    const typed = [...state.typed].slice(0, -1).join('');
    return { ...next, typed, burstTyped: typed === '' ? false : state.burstTyped, notice: null };
  }
  if (key === 'return') {
    if (state.typed === '') return { ...next, notice: `type "${state.env}" first: Enter alone never confirms` };
    if (state.typed !== state.env) return { ...next, typed: '', burstTyped: false, notice: `"${state.typed}" is not "${state.env}": type it exactly` };
    const sinceLast = state.lastKeyAt === null ? Infinity : now - state.lastKeyAt;
    if (burst || (state.burstTyped && sinceLast < ENTER_PAUSE_MS)) {
      return { ...next, notice: 'that Enter came with the typed text (a paste?): press Enter again to confirm' };
    }
    return { ...next, outcome: 'confirmed', notice: null };
  }
  if (state.typed.length >= MAX_TYPED) return next;
  return { ...next, typed: state.typed + text, burstTyped: state.burstTyped || burst, notice: null };
}
