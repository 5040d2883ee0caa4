// Turns YAML positions and zod issues into what a person needs: the key path
// (`environments[1].healthUrl`), the 1-based line in the file, and a short detail.
import { isMap, isNode, isScalar, isSeq } from 'yaml';
import type { z } from 'zod';
import { ConfigSchema } from '../../models/config.js';

export type PathSegment = string | number;

export type ConfigProblem = { path: PathSegment[]; line: number | undefined; detail: string };

const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

/** `environments[1].healthUrl`; odd keys are quoted: `keys["a b"]`. */
export function formatKeyPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function keyOf(key: unknown): PathSegment {
  return isScalar(key) ? String(key.value) : String(key);
}

function startOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

function endOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[2] : undefined;
}

/**
 * The key path and start offset of the deepest node that spans `offset` (end inclusive, so
 * an error at the end of an unclosed quote still finds its scalar). For YAML syntax errors.
 */
export function locatePath(contents: unknown, offset: number): { path: PathSegment[]; start: number | undefined } {
  const path: PathSegment[] = [];
  let current: unknown = contents;
  let start = startOf(contents);
  const spans = (node: unknown, from: unknown = node): boolean => {
    const a = startOf(from);
    const b = endOf(node);
    return a !== undefined && b !== undefined && offset >= a && offset <= b;
  };
  for (;;) {
    let next: unknown;
    if (isMap(current)) {
      const pair = current.items.find((p) => spans(p.value ?? p.key, p.key));
      if (pair) {
        path.push(keyOf(pair.key));
        next = pair.value ?? undefined;
      }
    } else if (isSeq(current)) {
      const index = current.items.findIndex((item) => spans(item));
      if (index >= 0) {
        path.push(index);
        next = current.items[index];
      }
    }
    if (next === undefined) return { path, start };
    start = startOf(next) ?? start;
    current = next;
  }
}

/**
 * The offset where `path` is written: the key of the deepest pair found (a person reads a
 * mapping entry at its key), or the sequence item; falls back to the deepest node found.
 */
export function locateOffset(contents: unknown, path: readonly PathSegment[]): number | undefined {
  let offset = startOf(contents);
  let current: unknown = contents;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => String(keyOf(p.key)) === String(segment));
      if (!pair) break;
      offset = startOf(pair.key) ?? offset;
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment];
      if (item === undefined) break;
      offset = startOf(item) ?? offset;
      current = item;
    } else {
      break;
    }
  }
  return offset;
}

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; keyType?: z.ZodType; entries?: Record<string, unknown> };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); (def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault') && def.innerType; def = defOf(current)) {
    current = def.innerType;
  }
  return current;
}

/** The keys the schema allows at `path` (an object's shape or an enum-keyed record). */
export function knownKeysAt(path: readonly PathSegment[], root: z.ZodType = ConfigSchema): string[] {
  let schema = unwrap(root);
  for (const segment of path) {
    const def = defOf(schema);
    if (def.type === 'object' && def.shape && typeof segment === 'string' && def.shape[segment]) schema = unwrap(def.shape[segment]);
    else if (def.type === 'array' && def.element && typeof segment === 'number') schema = unwrap(def.element);
    else return [];
  }
  const def = defOf(schema);
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def.type === 'record' && def.keyType) {
    const keyDef = defOf(unwrap(def.keyType));
    if (keyDef.type === 'enum' && keyDef.entries) return Object.keys(keyDef.entries);
  }
  return [];
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

function unknownKeyDetail(key: string, known: string[]): string {
  const close = known.find((k) => k.toLowerCase() === key.toLowerCase()) ?? known.find((k) => editDistance(k, key) <= 2);
  if (close) return `unknown key (did you mean ${close}?)`;
  if (known.length > 0 && known.length <= 12) return `unknown key (expected one of: ${known.join(', ')})`;
  return 'unknown key';
}

function expectedOf(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_type') return issue.expected;
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  return undefined;
}

function detailOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
    return `required key missing (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_union') {
    const expected = issue.errors.map((branch) => (branch[0] ? expectedOf(branch[0]) : undefined));
    if (expected.every((e) => e !== undefined)) return `Invalid input: expected ${expected.join(' or ')}`;
  }
  return issue.message;
}

/** One zod issue as a problem: where it is in the file and what is wrong. */
export function describeIssue(issue: z.core.$ZodIssue, contents: unknown, lineAt: (offset: number) => number): ConfigProblem {
  let path: PathSegment[] = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
  let detail = detailOf(issue);
  if (issue.code === 'unrecognized_keys') {
    const [key = ''] = issue.keys;
    const others = issue.keys.slice(1);
    detail = unknownKeyDetail(key, knownKeysAt(path));
    if (others.length > 0) detail += `; also unknown: ${others.join(', ')}`;
    path = [...path, key];
  }
  const offset = locateOffset(contents, path);
  return { path, line: offset === undefined ? undefined : lineAt(offset), detail };
}
