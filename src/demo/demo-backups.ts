// The demo's backups (issue 5): files under `.demo-state/backups/` (git-ignored) whose names
// carry UTC stamps relative to now, so `opsdeck --demo` shows realistic status offline: the
// database full and WAL backups are fresh, the daily files backup stopped three days ago
// (overdue). Files are sparse: realistic sizes, no disk cost.
import { mkdir, open, utimes } from 'node:fs/promises';
import { join } from 'node:path';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';
}

/** The latest `hour:minute` UTC slot at least `lag` ms before now. */
function lastDaily(now: Date, hour: number, lag: number): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  return now.getTime() - slot.getTime() >= lag ? slot : new Date(slot.getTime() - DAY);
}

async function sparseFile(path: string, size: number, time: Date): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.truncate(size);
  } finally {
    await handle.close();
  }
  await utimes(path, time, time);
}

export type DemoBackupFile = { dir: string; name: string; size: number; time: Date };

/** What the demo writes, relative to `.demo-state/backups/`. */
export function demoBackupFiles(now: Date): DemoBackupFile[] {
  const files: DemoBackupFile[] = [];
  const full = lastDaily(now, 2, 40 * 60_000);
  for (let i = 0; i < 30; i += 1) {
    const time = new Date(full.getTime() - i * DAY + 38 * 60_000);
    files.push({ dir: 'database', name: `payments-db-full-${stamp(new Date(full.getTime() - i * DAY))}.dump`, size: Math.round(1.84 * 1024 ** 3 - i * 7.3 * 1024 ** 2), time });
  }
  const hourSlot = Math.floor((now.getTime() - 60_000) / HOUR) * HOUR;
  for (let i = 0; i < 7 * 24; i += 1) {
    const slot = new Date(hourSlot - i * HOUR);
    files.push({ dir: 'database', name: `payments-db-wal-${stamp(slot)}.dump`, size: 38 * 1024 ** 2 + ((i * 7919) % 23) * 1024 ** 2, time: new Date(slot.getTime() + 45_000) });
  }
  // The daily files backup has been failing silently for three days: overdue.
  const filesSlot = lastDaily(now, 3, 0);
  for (let i = 3; i < 30; i += 1) {
    const slot = new Date(filesSlot.getTime() - i * DAY);
    files.push({ dir: 'files', name: `payments-files-incr-${stamp(slot)}.tar.zst`, size: 420 * 1024 ** 2 + ((i * 104729) % 97) * 1024 ** 2, time: new Date(slot.getTime() + 21 * 60_000) });
  }
  return files;
}

/** Writes the demo backups into the workspace at `root`. */
export async function createDemoBackups(root: string, now: Date): Promise<void> {
  const base = join(root, '.demo-state', 'backups');
  const files = demoBackupFiles(now);
  for (const dir of new Set(files.map((f) => f.dir))) await mkdir(join(base, dir), { recursive: true });
  for (const file of files) await sparseFile(join(base, file.dir, file.name), file.size, file.time);
}
