// "Ask about this": redact secrets from text before it goes to the model, and fit it to the context.
export const ON_CALL_SYSTEM_PROMPT = [
  'You are an on-call assistant for an operations engineer working in a terminal.',
  'Explain what the given log, check result, backup status or incident text means, the likely cause,',
  'and the next safe diagnostic steps. Be brief and concrete. Suggest commands only as text for the',
  'engineer to review; nothing you write is executed. Secrets in the input were replaced by [REDACTED].',
].join(' ');

export const REDACTED = '[REDACTED]';

const RULES: { re: RegExp; replace: (m: string, ...g: string[]) => string }[] = [
  // PEM private keys (whole block)
  { re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, replace: () => `${REDACTED} private key` },
  // AWS access key ids
  { re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g, replace: () => REDACTED },
  // aws_secret_access_key = ...
  { re: /(aws_secret_access_key\s*[=:]\s*)["']?[A-Za-z0-9/+=]{20,}["']?/gi, replace: (_m, k = '') => `${k}${REDACTED}` },
  // Authorization: Bearer/Basic/token ...
  { re: /\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{8,}/g, replace: (_m, k = '') => `${k} ${REDACTED}` },
  // user:password@ in URLs
  { re: /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, replace: (_m, k = '') => `${k}${REDACTED}@` },
  // password=..., passwd: ..., pwd=...
  { re: /\b((?:password|passwd|pwd|pass)\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;,]+)/gi, replace: (_m, k = '') => `${k}${REDACTED}` },
  // FOO_TOKEN=..., FOO_SECRET=..., API_KEY=..., *_PASSWORD=...
  {
    re: /\b([A-Za-z0-9_]*(?:TOKEN|SECRET|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|PASSWORD)[A-Za-z0-9_]*\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;,]+)/gi,
    replace: (_m, k = '') => `${k}${REDACTED}`,
  },
  // well-known token shapes: GitHub, Slack, JWT
  { re: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})\b/g, replace: () => REDACTED },
];

/** Replaces secrets (AWS keys, bearer tokens, URL and `password=` passwords, private keys, `*_TOKEN=`/`*_SECRET=` values). */
export function redactSecrets(text: string): string {
  let out = text;
  for (const rule of RULES) out = out.replace(rule.re, (m: string, ...g: unknown[]) => rule.replace(m, ...g.filter((x): x is string => typeof x === 'string')));
  return out;
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
