// The contract between the key dispatcher and a pane: which key scopes are live in each of the
// pane's modes, what typed text does, and where a pane's prompt goes when Enter submits it.
import type { KeyScope } from '../../models/keys.js';
import type { AppState, GetState } from './types.js';

/** What one action does. Reads state through get() so fast keys never see a stale render. */
export type Handler = (get: GetState) => void | Promise<void>;

export type PaneKeys = {
  /**
   * The scopes live while this pane is open and no overlay is, most specific first, after
   * 'app'. Include 'global' unless the pane is capturing text (then q, 1-7 ... must type).
   */
  scopes(state: AppState): KeyScope[];
  /** A typed character (or "space") that no binding took. Return true when the pane used it. */
  typeText?(get: GetState, text: string): boolean;
  /** Enter on a `{kind: 'prompt', prompt: {purpose: 'pane', pane, id}}` overlay of this pane. */
  submitPrompt?(get: GetState, id: string, text: string): void | Promise<void>;
};
