// Loads `.orchestration/opsdeck.yaml`: YAML (the `yaml` package, with a LineCounter so every
// error can name its line) validated by the strict zod schema in models/config.ts. A missing
// file means all defaults. Every error is one ConfigError line: `file:line: key.path: detail`.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigSchema } from '../../models/config.js';
import type { Config } from '../../models/config.js';
import { ConfigError } from '../errors.js';
import { DEFAULT_KEYMAP } from '../keys/default-keymap.js';
import { applyKeyOverrides } from '../keys/keymap.js';
import { configPath } from '../paths.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { describeIssue, formatKeyPath, locateOffset, locatePath } from './config-issues.js';
import type { PathSegment } from './config-issues.js';

/** The defaults: what an empty or missing opsdeck.yaml means. */
export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}

/** `file` relative to the cwd when it lies inside it, else as given. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function configError(file: string, line: number | undefined, path: readonly PathSegment[], detail: string): ConfigError {
  return new ConfigError(sanitizeLine(file), line, formatKeyPath(path), sanitizeLine(detail));
}

/**
 * Parses and validates config text. `file` is only used in error messages. Throws
 * ConfigError (exit 2) naming the file, the 1-based line and the key path.
 */
export function parseConfigText(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;

  const yamlError = doc.errors[0];
  if (yamlError) {
    const located = locatePath(doc.contents, yamlError.pos[0]);
    // an unclosed quote is reported at the end of the file; point at where it opened
    const offset = yamlError.code === 'MISSING_CHAR' && located.start !== undefined ? located.start : yamlError.pos[0];
    const detail = yamlError.message.split('\n')[0] ?? yamlError.code;
    throw configError(file, lineAt(offset), located.path, `YAML syntax error: ${detail}`);
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw configError(file, undefined, [], `YAML error: ${error instanceof Error ? error.message : String(error)}`);
  }
  // An empty file, or one with only comments (the `opsdeck init` template), means defaults.
  const result = ConfigSchema.safeParse(data ?? {});
  if (result.success) {
    // key remaps are checked against the keymap too (unknown action, bad key, clash), so
    // `opsdeck config` and `doctor` catch what would otherwise stop the cockpit
    if (Object.keys(result.data.keys).length > 0) {
      applyKeyOverrides(DEFAULT_KEYMAP, result.data.keys, sanitizeLine(file), (keyPath) => {
        const [head = '', ...rest] = keyPath.split('.');
        const offset = locateOffset(doc.contents, [head, rest.join('.')]);
        return offset === undefined ? undefined : lineAt(offset);
      });
    }
    return result.data;
  }

  const problems = result.error.issues.map((issue: z.core.$ZodIssue) => describeIssue(issue, doc.contents, lineAt));
  // report the first problem in document order; the rest are counted
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const first = problems[0];
  if (!first) throw configError(file, undefined, [], 'invalid config');
  const more = problems.length - 1;
  const suffix = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '';
  throw configError(file, first.line, first.path, `${first.detail}${suffix}`);
}

/**
 * The effective config of the repo at `root`: defaults when `.orchestration/opsdeck.yaml` is
 * missing. Throws ConfigError (exit 2) on any problem, naming the file relative to the cwd.
 */
export async function loadConfig(root: string): Promise<Config> {
  const file = configPath(root);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return defaultConfig();
    throw configError(displayPath(file), undefined, [], `cannot read: ${code ?? String(error)}`);
  }
  return parseConfigText(text, displayPath(file));
}
