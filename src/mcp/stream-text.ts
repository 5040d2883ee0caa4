// Model output is outside text: MCP clients show it in a terminal, so replies are sanitized
// (every escape sequence and control dropped; newlines and tabs kept). Streamed pieces are
// sanitized as they go, holding back an escape sequence cut between two pieces until it is
// complete, so the pieces add up to sanitize(the whole reply) (unless a sequence runs past 4 KiB:
// it is then dropped and what follows is plain text again).
import { sanitize } from '../sanitize/sanitize.js';

/** Holding back more than this means a runaway sequence: it is flushed (and dropped) then. */
const MAX_HELD = 4096;
const PROBE = 'Z'; // a final byte for ESC and CSI sequences, plain text in the ground state

export function cleanText(text: string): string {
  return sanitize(text, { keepSgr: false });
}

/** Index of the last ESC or C1 control (where a sequence may start), or -1. */
function lastIntroducer(text: string): number {
  for (let i = text.length - 1; i >= 0; i -= 1) {
    const code = text.charCodeAt(i);
    if (code === 0x1b || (code >= 0x80 && code <= 0x9f)) return i;
  }
  return -1;
}

export type StreamSanitizer = { push(chunk: string): void; end(): void };

/** Calls `emit` with each sanitized piece (never an empty one). */
export function createStreamSanitizer(emit: (text: string) => void): StreamSanitizer {
  let held = '';
  const out = (text: string): void => {
    const clean = cleanText(text);
    if (clean) emit(clean);
  };
  return {
    push(chunk) {
      const text = held + chunk;
      held = '';
      const at = lastIntroducer(text);
      // a sequence at the end that a further byte could still belong to: wait for it
      if (at >= 0 && text.length - at < MAX_HELD && !cleanText(text.slice(at) + PROBE).endsWith(PROBE)) {
        held = text.slice(at);
        out(text.slice(0, at));
        return;
      }
      out(text);
    },
    end() {
      out(held);
      held = '';
    },
  };
}
