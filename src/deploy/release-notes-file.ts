// Saves drafted release notes to `.orchestration/releases/VERSION.md` (atomic write).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { checkVersion } from './template.js';

export const RELEASES_DIR = '.orchestration/releases';

/** Writes the notes; returns the path relative to the root. The version is validated first. */
export async function saveReleaseNotes(root: string, version: string, text: string): Promise<string> {
  const checked = checkVersion(version);
  await mkdir(join(root, RELEASES_DIR), { recursive: true });
  const rel = `${RELEASES_DIR}/${checked}.md`;
  await writeFileAtomic(join(root, rel), text.endsWith('\n') ? text : `${text}\n`);
  return rel;
}
