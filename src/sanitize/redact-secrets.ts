// The one secret redactor for displayed log lines, run journals and anything sent to the chat.
// Key names stay visible (`DB_PASSWORD=***`) so the reader sees what was removed. Covers: AWS
// access key ids and secret keys, Authorization headers (Bearer/Basic/token), token=/api_key=
// style parameters, GitHub (ghp_…, github_pat_…), Slack (xox…), JWTs, passwords in URLs,
// password= assignments, *_TOKEN= / *_SECRET= / *_PASSWORD= / *_KEY= assignments, PEM private keys.
export const REDACTION_MASK = '***';

type Rule = { re: RegExp; replace: (mask: string, groups: string[]) => string };

const VALUE = `("[^"]*"|'[^']*'|[^\\s&;,"'\`]+)`;

const RULES: Rule[] = [
  // PEM private keys: the whole block
  { re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, replace: (m) => `${m} private key` },
  // passwords in URLs: scheme://user:pass@host -> scheme://user:***@host
  { re: /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, replace: (m, [k = '']) => `${k}${m}@` },
  // Authorization: Bearer/Basic/token <credential>
  { re: /\b(Bearer|Basic|token)(\s+)[A-Za-z0-9._~+/=-]{8,}/g, replace: (m, [k = '', s = ' ']) => `${k}${s}${m}` },
  // aws_secret_access_key = ... (any case, env or ini style)
  { re: /\b(aws_secret_access_key["']?\s*[=:]\s*)["']?[A-Za-z0-9/+=]{16,}["']?/gi, replace: (m, [k = '']) => `${k}${m}` },
  // NAME_TOKEN=, NAME_SECRET=, NAME_PASSWORD=, API_KEY=, ACCESS_KEY=, also "name": "value" in JSON
  {
    re: new RegExp(`\\b([A-Za-z0-9_.-]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY)[A-Za-z0-9_]*["']?\\s*[=:]\\s*)${VALUE}`, 'gi'),
    replace: (m, [k = '']) => `${k}${m}`,
  },
  // token=, api_key=, apikey=, access_token=, password=, passwd=, pwd=, secret=, key= in query strings and flags
  { re: new RegExp(`(^|[\\s?&;,(])((?:token|api[-_]?key|access[-_]?token|secret|password|passwd|pwd|pass)\\s*[=:]\\s*)${VALUE}`, 'gi'), replace: (m, [p = '', k = '']) => `${p}${k}${m}` },
  // AWS access key ids
  { re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g, replace: (m) => m },
  // well-known token shapes: GitHub, Slack, JWT
  {
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})\b/g,
    replace: (m) => m,
  },
];

/** Replaces every secret in `text` with `mask` (default `***`), keeping key names. */
export function redactSecrets(text: string, mask: string = REDACTION_MASK): string {
  let out = text;
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    out = out.replace(rule.re, (...args: unknown[]) => {
      const groups = args.slice(1).filter((x): x is string => typeof x === 'string');
      // the last string argument is the whole input: drop it
      groups.pop();
      return rule.replace(mask, groups);
    });
  }
  return out;
}
