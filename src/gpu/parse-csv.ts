// Pure parsing of nvidia-smi's `--format=csv,noheader,nounits` rows into the zod-checked
// shapes of models/gpu.ts. Untrusted text (GPU and process names) is sanitized here, so
// every consumer gets one clean line.
import { ComputeAppRowSchema, GPU_QUERY_FIELDS, GpuCsvRowSchema } from '../../models/gpu.js';
import type { ComputeAppRow, GpuSample } from '../../models/gpu.js';
import { sanitizeLine } from '../sanitize/sanitize.js';

/** The longest GPU or process name kept (columns). */
const MAX_NAME_WIDTH = 120;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Splits a CSV row on commas (nvidia-smi neither quotes nor escapes). */
function cells(line: string): string[] {
  return line.replace(/\r$/, '').split(',');
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid row';
  const at = issue.path.length > 0 ? `field ${String(issue.path[0])}: ` : '';
  return `${at}${issue.message}`;
}

/**
 * One `--query-gpu` row (the fields of {@link GPU_QUERY_FIELDS}, in order). A name that
 * itself holds commas is put back together: the name is everything between the uuid and
 * the last nine numeric cells.
 */
export function parseGpuLine(line: string): ParseResult<GpuSample> {
  const parts = cells(line);
  const expected = GPU_QUERY_FIELDS.length;
  if (parts.length < expected) return { ok: false, error: `expected ${expected} fields, got ${parts.length}` };
  const extra = parts.length - expected;
  const row = [...parts.slice(0, 2), parts.slice(2, 3 + extra).join(','), ...parts.slice(3 + extra)];
  const parsed = GpuCsvRowSchema.safeParse(row);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  return { ok: true, value: { ...parsed.data, name: sanitizeLine(parsed.data.name, MAX_NAME_WIDTH) } };
}

/** One `--query-compute-apps` row: pid, process name (may hold commas), used MiB, GPU uuid. */
export function parseComputeAppLine(line: string): ParseResult<ComputeAppRow> {
  const parts = cells(line);
  if (parts.length < 4) return { ok: false, error: `expected 4 fields, got ${parts.length}` };
  const row = [parts[0] ?? '', parts.slice(1, -2).join(','), parts[parts.length - 2] ?? '', parts[parts.length - 1] ?? ''];
  const parsed = ComputeAppRowSchema.safeParse(row);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  return { ok: true, value: { ...parsed.data, name: sanitizeLine(parsed.data.name, MAX_NAME_WIDTH) } };
}

/** Every parseable row of a `--query-compute-apps` output; other lines are skipped. */
export function parseComputeApps(output: string): ComputeAppRow[] {
  const rows: ComputeAppRow[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = parseComputeAppLine(line);
    if (parsed.ok) rows.push(parsed.value);
  }
  return rows;
}

const NO_DEVICE_PATTERN = /no devices were found|couldn't communicate with the nvidia driver/i;

/**
 * Why nvidia-smi says there is no GPU (exit code 6, "No devices were found", or no driver
 * loaded), as one sanitized line; null when its output says something else.
 */
export function noDeviceReason(exitCode: number | null, output: string): string | null {
  const line = output.split('\n').find((l) => NO_DEVICE_PATTERN.test(l));
  if (line !== undefined) return sanitizeLine(line, 200);
  return exitCode === 6 ? 'nvidia-smi exited with code 6 (no devices)' : null;
}
