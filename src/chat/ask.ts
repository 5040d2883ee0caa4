// "Ask about this" (pure): the redacted text fitted to a token budget. The first cut uses the
// ~4 characters a token estimate; when the model's tokenizer is at hand the cut is checked and
// tightened until the prompt really fits (byte-level vocabularies make far more tokens).
import { fitToContext, redactSecrets, TRUNCATION_NOTE } from '../llm/redact.js';

/** How much of the context the question may fill; the rest is for the system prompt and reply. */
export const ASK_CONTEXT_SHARE = 0.5;

/** At most this many characters a token are kept before redacting (redaction is not linear). */
const PRE_CUT_CHARS_PER_TOKEN = 8;

/**
 * The end of a long text, starting at a line boundary; a private key block whose BEGIN line was
 * cut off is dropped up to its END line so no key material survives the cut.
 */
export function preCut(text: string, maxChars: number): { text: string; cut: boolean } {
  if (text.length <= maxChars) return { text, cut: false };
  let tail = text.slice(text.length - maxChars);
  const nl = tail.indexOf('\n');
  if (nl >= 0) tail = tail.slice(nl + 1);
  const end = /-----END [A-Z0-9 ]*PRIVATE KEY-----/.exec(tail);
  const begin = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.exec(tail);
  if (end && (!begin || begin.index > end.index)) tail = tail.slice(end.index + end[0].length).replace(/^\n/, '');
  return { text: tail, cut: true };
}

export function fitAskPrompt(label: string, text: string, budgetTokens: number, count?: (text: string) => number): string {
  const budget = Math.max(16, budgetTokens);
  const pre = preCut(text, budget * PRE_CUT_CHARS_PER_TOKEN);
  const redacted = redactSecrets(pre.text);
  const build = (approx: number): string => {
    const fitted = fitToContext(redacted, approx);
    const body = pre.cut && !fitted.truncated ? `${TRUNCATION_NOTE}\n${fitted.text}` : fitted.text;
    return `About this ${label}:\n\n${body}`;
  };
  let approx = budget;
  let prompt = build(approx);
  if (!count) return prompt;
  for (let i = 0; i < 6; i += 1) {
    const tokens = count(prompt);
    if (tokens <= budget) return prompt;
    approx = Math.max(16, Math.floor((approx * budget * 0.9) / tokens));
    prompt = build(approx);
  }
  return prompt;
}
