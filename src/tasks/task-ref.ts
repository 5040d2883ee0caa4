// Finds the task a user means: an id, a unique id prefix, or a unique fragment of its text.
import type { Task } from '../../models/todo.js';
import { UserError } from '../errors.js';

const MAX_LISTED = 10;
const MIN_ID_PREFIX = 4;
const HEX = /^[0-9a-f]+$/;

function describe(task: Task): string {
  const where = task.project.length ? `${task.file}: ${task.project.join(' > ')}` : task.file;
  return `  ${task.id}  ${task.text}  (${where}, ${task.state})`;
}

/** Every task the reference could mean. */
export function matchTaskRef(tasks: readonly Task[], ref: string): Task[] {
  const needle = ref.trim().toLowerCase();
  if (!needle) return [];
  const byId = tasks.filter((t) => t.id === needle);
  if (byId.length > 0) return byId;
  const byPrefix = needle.length >= MIN_ID_PREFIX && HEX.test(needle) ? tasks.filter((t) => t.id.startsWith(needle)) : [];
  if (byPrefix.length === 1) return byPrefix;
  const byText = tasks.filter((t) => t.text.toLowerCase().includes(needle));
  const exact = byText.filter((t) => t.text.toLowerCase() === needle);
  if (exact.length === 1) return exact;
  return [...new Set([...byPrefix, ...byText])];
}

/**
 * The one task `ref` names. Throws UserError (exit 2) when nothing matches or when the
 * fragment is ambiguous; the latter lists the candidates, one per line.
 */
export function resolveTaskRef(tasks: readonly Task[], ref: string): Task {
  const matches = matchTaskRef(tasks, ref);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new UserError(`no task matches "${ref}" (give an id or a fragment of the task text)`);
  const listed = matches.slice(0, MAX_LISTED).map(describe);
  if (matches.length > MAX_LISTED) listed.push(`  … and ${matches.length - MAX_LISTED} more`);
  throw new UserError(`"${ref}" matches ${matches.length} tasks; give the id or a longer fragment:\n${listed.join('\n')}`);
}
