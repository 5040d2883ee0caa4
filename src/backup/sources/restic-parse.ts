// Reading `restic snapshots --json`: validated with zod, filtered by the component's tags. Kept
// apart from restic.ts so zod loads while restic derives its key, not before restic starts.
import { RESTIC_SNAPSHOTS_SCHEMA } from '../../../models/backup-status.js';
import type { BackupListing, ResticSnapshots } from '../../../models/backup-status.js';
import { normalizeType } from '../entry-type.js';
import { firstLine } from './capture.js';

/** restic's snapshot list, validated; throws a one-line reason for output that is not one. */
export function readSnapshots(stdout: string): ResticSnapshots {
  let raw: unknown;
  try {
    raw = JSON.parse(stdout);
  } catch {
    throw new Error(`malformed JSON from restic snapshots: ${firstLine(stdout, 60) || '(empty output)'}`);
  }
  const parsed = RESTIC_SNAPSHOTS_SCHEMA.safeParse(raw ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`unexpected JSON from restic snapshots: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The component's listing: the snapshots carrying all of `wantTags`. */
export function snapshotListing(snapshots: ResticSnapshots, wantTags: readonly string[]): BackupListing {
  const entries = snapshots
    .filter((s) => wantTags.every((tag) => (s.tags ?? []).includes(tag)))
    .filter((s) => Number.isFinite(Date.parse(s.time)))
    .map((s) => {
      const tags = s.tags ?? [];
      const type = tags.map((tag) => normalizeType(tag)).find((t) => t === 'full' || t === 'incremental');
      return { time: new Date(Date.parse(s.time)).toISOString(), ok: true, id: s.short_id ?? s.id.slice(0, 8), type, where: (s.paths ?? []).join(' ') || undefined };
    });
  return { entries };
}

export function parseResticSnapshots(stdout: string, wantTags: readonly string[]): BackupListing {
  return snapshotListing(readSnapshots(stdout), wantTags);
}

/** Whether restic's stdout is a snapshot list worth keeping in the listing cache. */
export function isSnapshotList(stdout: string): boolean {
  try {
    readSnapshots(stdout);
    return true;
  } catch {
    return false;
  }
}
