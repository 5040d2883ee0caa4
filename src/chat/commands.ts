// What a submitted chat input means (pure): a slash command or a message, and the `"""`
// multi-line convention.

export type SlashCommand =
  | { kind: 'save'; name?: string }
  | { kind: 'load'; name?: string }
  | { kind: 'clear' }
  | { kind: 'model'; name?: string }
  | { kind: 'system'; text?: string }
  | { kind: 'stats' }
  | { kind: 'help' }
  | { kind: 'unknown'; word: string };

export type ChatSubmission = { kind: 'empty' } | { kind: 'message'; text: string } | { kind: 'command'; command: SlashCommand };

export const SLASH_HELP = '/save [name] · /load [name] · /clear · /model [name] · /system TEXT · /stats';

const FENCE = '"""';

/**
 * Whether Enter should add a newline instead of sending: the input opens a `"""` block that
 * is not closed yet.
 */
export function insideTripleQuotes(text: string): boolean {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith(FENCE)) return false;
  const rest = trimmed.slice(FENCE.length);
  return !rest.trimEnd().endsWith(FENCE) || rest.trim() === '';
}

/** Strips the `"""` fences of a multi-line message. */
export function unfence(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 6 && trimmed.startsWith(FENCE) && trimmed.endsWith(FENCE)) return trimmed.slice(3, -3).replace(/^\n/, '').replace(/\n$/, '');
  return text;
}

export function parseSubmission(input: string): ChatSubmission {
  const text = unfence(input);
  if (!text.trim()) return { kind: 'empty' };
  if (!input.trimStart().startsWith('/') || input.trimStart().startsWith('//')) {
    return { kind: 'message', text: input.trimStart().startsWith('//') ? text.trimStart().slice(1) : text };
  }
  const trimmed = input.trim();
  const space = trimmed.search(/\s/);
  const word = (space < 0 ? trimmed : trimmed.slice(0, space)).slice(1).toLowerCase();
  const arg = space < 0 ? '' : trimmed.slice(space + 1).trim();
  const opt = arg === '' ? undefined : arg;
  switch (word) {
    case 'save':
      return { kind: 'command', command: { kind: 'save', name: opt } };
    case 'load':
      return { kind: 'command', command: { kind: 'load', name: opt } };
    case 'clear':
      return { kind: 'command', command: { kind: 'clear' } };
    case 'model':
    case 'models':
      return { kind: 'command', command: { kind: 'model', name: opt } };
    case 'system':
      return { kind: 'command', command: { kind: 'system', text: opt } };
    case 'stats':
      return { kind: 'command', command: { kind: 'stats' } };
    case 'help':
    case '?':
      return { kind: 'command', command: { kind: 'help' } };
    default:
      return { kind: 'command', command: { kind: 'unknown', word } };
  }
}

/** Earlier prompts for ↑/↓: `index` null is the draft; returns the next index and the text. */
export function recall(history: readonly string[], index: number | null, step: -1 | 1, draft: string): { index: number | null; text: string } {
  if (history.length === 0) return { index: null, text: draft };
  if (index === null) {
    if (step === 1) return { index: null, text: draft };
    const last = history.length - 1;
    return { index: last, text: history[last] ?? '' };
  }
  const next = index + step;
  if (next < 0) return { index: 0, text: history[0] ?? '' };
  if (next >= history.length) return { index: null, text: draft };
  return { index: next, text: history[next] ?? '' };
}

/**
 * Whether one terminal read is pasted text with line breaks inside (not typing, not a key
 * sequence): its newlines then go into the input instead of sending it line by line. A read
 * that only ends in Enter ("hello⏎" typed fast) is not a paste.
 */
export function isMultiLinePaste(data: string): boolean {
  return !data.includes('\u001b') && /[\r\n][^\r\n]/.test(data);
}

/** Pasted text with its line endings as `\n`. */
export function normalizePaste(data: string): string {
  return data.replace(/\r\n?/g, '\n');
}
