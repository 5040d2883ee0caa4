// Config command templates (`./scripts/deploy.sh {env} {version}`) into argv, with no shell:
// the template is split into words first and each placeholder is filled inside its word, so a
// value can never add a word, an option or a shell operator. Values are validated as well.
import { UserError } from '../errors.js';
import { normalizeVersion } from './versions.js';

const SHELL_OPERATORS = /[|&;<>`$]/;
const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/** Splits a command template into words: whitespace separates, '…' and "…" group. */
export function splitWords(template: string, key: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (const ch of template) {
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      if (SHELL_OPERATORS.test(ch)) throw new UserError(`${key}: "${ch}" needs a shell, but commands run without one; put the pipeline in a script`);
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new UserError(`${key}: unclosed ${quote} quote`);
  if (inWord) words.push(word);
  if (words.length === 0) throw new UserError(`${key}: the command is empty`);
  return words;
}

/** Fills `{name}` placeholders word by word. An unknown placeholder is an error naming `key`. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>, key: string): string[] {
  return splitWords(template, key).map((word) =>
    word.replace(PLACEHOLDER, (_all, name: string) => {
      const value = values[name];
      if (value === undefined) throw new UserError(`${key}: unknown placeholder {${name}} (known: ${Object.keys(values).map((k) => `{${k}}`).join(' ')})`);
      return value;
    }),
  );
}

/** A version argument: `vX.Y.Z` (a leading v is added), else a usage error. */
export function checkVersion(input: string): string {
  const version = normalizeVersion(input);
  if (version === null) throw new UserError(`"${input.slice(0, 40)}" is not a release version (expected vMAJOR.MINOR.PATCH, e.g. v1.2.3)`);
  return version;
}

/** A migration name: letters, digits, `.`, `_` and `-`, not starting with `-`. */
export function checkMigration(input: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(input)) throw new UserError(`"${input.slice(0, 40)}" is not a migration name (letters, digits, . _ -)`);
  return input;
}

/** argv as a person would type it in a shell: words with special characters single-quoted. */
export function formatArgv(argv: readonly string[]): string {
  return argv.map((word) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}
