// "Ask about this": redact secrets from text before it goes to the model, and fit it to the context.
import { redactSecrets as redactWith } from '../sanitize/redact-secrets.js';
export const ON_CALL_SYSTEM_PROMPT = [
  'You are an on-call assistant for an operations engineer working in a terminal.',
  'Explain what the given log, check result, backup status or incident text means, the likely cause,',
  'and the next safe diagnostic steps. Be brief and concrete. Suggest commands only as text for the',
  'engineer to review; nothing you write is executed. Secrets in the input were replaced by [REDACTED].',
].join(' ');

export const REDACTED = '[REDACTED]';

/**
 * Replaces secrets (AWS keys, bearer tokens, URL and `password=` passwords, private keys,
 * `*_TOKEN=`/`*_SECRET=` values) with [REDACTED]: the shared redactor with this mask.
 */
export function redactSecrets(text: string): string {
  return redactWith(text, REDACTED);
}

/** Rough token estimate for text (about 4 characters a token). */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export const TRUNCATION_NOTE = '[truncated: the text was too long for the model context; the start was cut]';

/**
 * Keeps the text within ~maxTokensApprox tokens. Logs matter most at the end, so the end is kept
 * and a note says it was truncated.
 */
export function fitToContext(text: string, maxTokensApprox: number): { text: string; truncated: boolean } {
  const maxChars = Math.max(0, Math.floor(maxTokensApprox * 4));
  if (text.length <= maxChars) return { text, truncated: false };
  const room = Math.max(0, maxChars - TRUNCATION_NOTE.length - 1);
  let tail = text.slice(text.length - room);
  const nl = tail.indexOf('\n');
  if (nl >= 0 && nl < 200) tail = tail.slice(nl + 1); // start at a line boundary
  return { text: `${TRUNCATION_NOTE}\n${tail}`, truncated: true };
}

/** The user message for "ask about this": redacted, fitted, with a short framing line. */
export function askAboutThisPrompt(source: string, text: string, maxTokensApprox: number): string {
  const fitted = fitToContext(redactSecrets(text), maxTokensApprox);
  return `About this ${source}:\n\n${fitted.text}`;
}
