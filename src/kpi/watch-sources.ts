// Watches the KPI sources in `.orchestration/` (deploy journal, incidents, sop.md, config)
// with one fs.watch on the folder: no polling, nothing to do while nothing changes. The KPI
// slice debounces the recompute itself, so events pass through at once.
import { join } from 'node:path';
import { ORCHESTRATION_DIR } from '../paths.js';
import { watchFolder } from '../watch/watch-folder.js';

export const KPI_SOURCE_FILES = new Set(['deploys.jsonl', 'incidents.jsonl', 'sop.md', 'opsdeck.yaml']);

export function watchKpiSources(root: string, onChange: () => void): () => void {
  return watchFolder(join(root, ORCHESTRATION_DIR), KPI_SOURCE_FILES, { ms: 0, mode: 'throttle' }, onChange);
}
