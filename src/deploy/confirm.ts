// The confirmation rules as a pure state machine (issue 4, SOP §2.2):
// - production needs the environment name typed exactly, then a separate Enter;
// - other environments need `y`; Enter, `n` and Esc cancel (the default is cancel);
// - Enter alone never confirms; keys in the first CONFIRM_GUARD_MS after the question opens
//   are ignored (key repeat of the key that opened it);
// - input that arrives as a burst (a paste, key repeat, `send-keys -l`) or holds a newline
//   clears what was typed and never confirms.

export const CONFIRM_GUARD_MS = 300;
/** Keys closer together than this are a paste or key repeat, not typing. */
export const BURST_GAP_MS = 20;
const MAX_TYPED = 64;

export type ConfirmOutcome = 'pending' | 'confirmed' | 'cancelled';

export type ConfirmState = {
  env: string;
  production: boolean;
  openedAt: number;
  typed: string;
  lastKeyAt: number | null;
  outcome: ConfirmOutcome;
  /** Why the last key did not do what the user may have meant. */
  notice: string | null;
};

export function openConfirm(env: string, production: boolean, now: number): ConfirmState {
  return { env, production, openedAt: now, typed: '', lastKeyAt: null, outcome: 'pending', notice: null };
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
  const next = { ...state, lastKeyAt: now };
  const text = key === 'space' ? ' ' : key;
  const isChar = [...text].length === 1;
  if (burst || /[\r\n]/.test(text) || (!isChar && !['return', 'backspace', 'delete'].includes(key))) {
    return { ...next, typed: '', notice: 'pasted or repeated input is not accepted: type it' };
  }
  if (!state.production) {
    if (key === 'y' || key === 'Y') return { ...next, outcome: 'confirmed', notice: null };
    if (key === 'return' || key === 'n' || key === 'N') return { ...next, outcome: 'cancelled', notice: null };
    return { ...next, notice: 'press y to confirm, or Enter/n/Esc to cancel' };
  }
  if (key === 'backspace' || key === 'delete') return { ...next, typed: [...state.typed].slice(0, -1).join(''), notice: null };
  if (key === 'return') {
    if (state.typed === state.env) return { ...next, outcome: 'confirmed', notice: null };
    if (state.typed === '') return { ...next, notice: `type "${state.env}" first: Enter alone never confirms` };
    return { ...next, typed: '', notice: `"${state.typed}" is not "${state.env}": type it exactly` };
  }
  if (state.typed.length >= MAX_TYPED) return next;
  return { ...next, typed: state.typed + text, notice: null };
}
