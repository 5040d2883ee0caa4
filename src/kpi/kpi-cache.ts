// The last KPI reports, cached in `.orchestration/.cache/kpi.json` (one per environment and
// window) so that opening the pane is answered at once; recomputation runs in the background.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { KpiCacheSchema } from '../../models/kpi-report.js';
import type { KpiCache, KpiReport } from '../../models/kpi-report.js';
import { ORCHESTRATION_DIR } from '../paths.js';

export const KPI_CACHE_FILE = join(ORCHESTRATION_DIR, '.cache', 'kpi.json');

export const cacheKey = (environment: string, windowDays: number): string => `${environment}:${windowDays}`;

/** The cached reports; an unreadable or invalid cache is an empty one (it is only a cache). */
export async function readKpiCache(root: string): Promise<KpiCache> {
  try {
    const parsed = KpiCacheSchema.safeParse(JSON.parse(await readFile(join(root, KPI_CACHE_FILE), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // missing or not JSON
  }
  return { v: 1, reports: {} };
}

/** Stores one report next to the others. */
export async function writeKpiCache(root: string, report: KpiReport): Promise<void> {
  const path = join(root, KPI_CACHE_FILE);
  const cache = await readKpiCache(root);
  cache.reports[cacheKey(report.environment, report.windowDays)] = report;
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, JSON.stringify(cache) + '\n');
}
