// The one sanitizer for all text from outside the program (file contents, script output,
// model output) before it reaches the terminal. A single-pass state machine (linear time)
// modelled on the ECMA-48 / VT500 parser: it keeps SGR colour sequences (`ESC [ params m`,
// params only digits, `;` and `:`) and drops every other control and escape sequence.
//
// Line endings: `\n` and `\t` are kept. `\r\n` becomes `\n`. A lone `\r` is dropped unless
// `keepCr` is set (a progress-line renderer can then do its own carriage-return handling).
import { truncateToWidth } from './text-width.js';

export type SanitizeOptions = {
  /** Keep SGR colour sequences (default true). */
  keepSgr?: boolean;
  /** Keep a lone `\r` (default false: dropped). `\r\n` always becomes `\n`. */
  keepCr?: boolean;
};

const ESC = 0x1b;
const BEL = 0x07;
const LF = 0x0a;
const TAB = 0x09;
const CR = 0x0d;
const DEL = 0x7f;
/** An SGR longer than this is dropped (real ones, even with two truecolours, are ~40). */
const MAX_SGR_LENGTH = 128;

const enum State {
  Ground,
  Escape,
  EscapeIntermediate,
  Csi,
  /** OSC, DCS, SOS, PM, APC: a string ended by ST (`ESC \` or U+009C) or BEL. */
  ControlString,
}

/** Characters that end a plain-text run in the ground state. */
function isSpecial(code: number): boolean {
  return code < 0x20 || (code >= DEL && code <= 0x9f);
}

/** Sanitizes untrusted text; see the file comment for exactly what is kept. */
export function sanitize(text: string, options: SanitizeOptions = {}): string {
  const keepSgr = options.keepSgr ?? true;
  const keepCr = options.keepCr ?? false;
  const out: string[] = [];
  const length = text.length;
  let state: State = State.Ground;
  let i = 0;
  let runStart = 0;
  // CSI bookkeeping
  let csiStart = 0;
  let csiSgrCandidate = false;
  let csiEightBit = false;

  while (i < length) {
    const code = text.charCodeAt(i);
    switch (state) {
      case State.Ground: {
        if (!isSpecial(code)) {
          i += 1;
          continue;
        }
        if (i > runStart) out.push(text.slice(runStart, i));
        if (code === LF || code === TAB) {
          out.push(text[i] as string);
        } else if (code === CR) {
          if (text.charCodeAt(i + 1) === LF) {
            // `\r\n` -> `\n`: the LF is emitted on the next step
          } else if (keepCr) {
            out.push('\r');
          }
        } else if (code === ESC) {
          state = State.Escape;
        } else if (code === 0x9b) {
          state = State.Csi;
          csiStart = i;
          csiSgrCandidate = false; // 8-bit CSI: always dropped
          csiEightBit = true;
        } else if (code === 0x9d || code === 0x90 || code === 0x98 || code === 0x9e || code === 0x9f) {
          state = State.ControlString;
        }
        // any other C0, DEL or C1 (including a stray ST, U+009C) is dropped
        i += 1;
        runStart = i;
        continue;
      }
      case State.Escape: {
        if (code === 0x5b /* [ */) {
          state = State.Csi;
          csiStart = i - 1;
          csiSgrCandidate = keepSgr;
          csiEightBit = false;
        } else if (code === 0x5d /* ] */ || code === 0x50 /* P */ || code === 0x58 /* X */ || code === 0x5e /* ^ */ || code === 0x5f /* _ */) {
          state = State.ControlString;
        } else if (code >= 0x20 && code <= 0x2f) {
          state = State.EscapeIntermediate;
        } else if (code >= 0x30 && code <= 0x7e) {
          state = State.Ground; // a two-character sequence (ESC c, ESC 7, ESC =, …): dropped
        } else if (code === ESC) {
          // ESC ESC: the first one is dropped, the second starts over
        } else {
          // a control or non-ASCII character cancels the escape; reprocess it as text
          state = State.Ground;
          runStart = i;
          continue;
        }
        i += 1;
        runStart = i;
        continue;
      }
      case State.EscapeIntermediate: {
        if (code >= 0x20 && code <= 0x2f) {
          i += 1;
        } else if (code >= 0x30 && code <= 0x7e) {
          state = State.Ground; // e.g. ESC ( B, ESC # 8: dropped
          i += 1;
        } else {
          state = State.Ground; // cancelled; reprocess this character
        }
        runStart = i;
        continue;
      }
      case State.Csi: {
        if (code >= 0x30 && code <= 0x3f) {
          // parameter bytes: SGR allows only digits, `:` and `;` (no private markers `<=>?`)
          if (code > 0x3b) csiSgrCandidate = false;
          i += 1;
        } else if (code >= 0x20 && code <= 0x2f) {
          csiSgrCandidate = false; // intermediate bytes: not SGR
          i += 1;
        } else if (code >= 0x40 && code <= 0x7e) {
          i += 1;
          if (csiSgrCandidate && !csiEightBit && code === 0x6d /* m */ && i - csiStart <= MAX_SGR_LENGTH) {
            out.push(text.slice(csiStart, i));
          }
          state = State.Ground;
        } else {
          // anything else (a control, ESC, DEL, non-ASCII) aborts the sequence; the
          // collected part is dropped and this character is reprocessed
          state = State.Ground;
        }
        runStart = i;
        continue;
      }
      case State.ControlString: {
        if (code === BEL || code === 0x9c) {
          state = State.Ground;
          i += 1;
        } else if (code === ESC) {
          if (text.charCodeAt(i + 1) === 0x5c /* \ */) {
            state = State.Ground;
            i += 2;
          } else {
            // ESC inside a string ends it and starts a new sequence (as terminals do)
            state = State.Ground;
          }
        } else {
          i += 1;
        }
        runStart = i;
        continue;
      }
    }
  }
  if (state === State.Ground && runStart < length) out.push(text.slice(runStart));
  // an unterminated sequence at the end is dropped
  return out.join('');
}

/** Removes every escape sequence, SGR included. */
export function stripAnsi(text: string): string {
  return sanitize(text, { keepSgr: false });
}

/**
 * One line of plain text: escape sequences and controls dropped, newlines and tabs folded
 * into single spaces, trimmed, and cut to `maxWidth` columns when given.
 */
export function sanitizeLine(text: string, maxWidth?: number): string {
  const line = stripAnsi(text.replace(/\r\n?/g, '\n'))
    .replace(/[\n\t]+/g, ' ')
    .trim();
  return maxWidth === undefined ? line : truncateToWidth(line, maxWidth);
}
