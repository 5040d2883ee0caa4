// The KPI pane's part of the app store (issue 6). Opening the pane is answered from the last
// report (memory, then `.orchestration/.cache/kpi.json`); recomputation runs in the
// background when the journal, incidents, sop.md or config change, or on `r`. Its I/O
// adapters are imported lazily (dynamic import) so the cockpit's first frame never pays for them.
import type { KpiCache, KpiReport } from '../../models/kpi-report.js';
import { errorMessage } from '../errors.js';
import { watchKpiSources } from '../kpi/watch-sources.js';
import type { AppStore, SliceCreator } from './types.js';

/** Adapters tests may inject instead of the real ones. */
export type KpiDeps = {
  compute?(options: { windowDays: number; environment: string }): Promise<KpiReport>;
  readCache?(): Promise<KpiCache>;
  writeCache?(report: KpiReport): Promise<void>;
  /** Calls onChange when a KPI source file changes; returns stop. */
  watch?(onChange: () => void): () => void;
};

export type KpiSlice = {
  kpiWindow: number;
  kpiEnvironment: string;
  /** Reports by `environment:windowDays`. */
  kpiReports: Record<string, KpiReport>;
  kpiComputing: boolean;
  kpiError: string | null;
  kpiCursor: number;
  /** The row drilled into, or null. */
  kpiDrill: number | null;
  kpiDrillCursor: number;
  kpiReport(): KpiReport | undefined;
  kpiLoadCache(): Promise<void>;
  /** Recomputes the current window in the background; a second call while one runs queues one more. */
  kpiRecompute(): Promise<void>;
  kpiToggleWindow(): void;
  kpiMove(step: number, rowCount: number): void;
  kpiOpenDrill(): void;
  kpiCloseDrill(): void;
  kpiMoveDrill(step: number, itemCount: number): void;
  /** Calls onChange when a KPI source changes; returns stop. */
  kpiWatch(onChange: () => void): () => void;
  /** Whether metrics sources are configured (they are refreshed on a timer). */
  kpiHasMetrics: boolean;
};

const key = (environment: string, windowDays: number): string => `${environment}:${windowDays}`;

export const createKpiSlice: SliceCreator<KpiSlice> = (set, get, deps) => {
  const injected = deps.services.kpi ?? {};
  const kpis = deps.config.kpis;
  let running: Promise<void> | null = null;
  let again = false;

  const adapters = {
    compute: async (options: { windowDays: number; environment: string }): Promise<KpiReport> => {
      if (injected.compute) return injected.compute(options);
      const { computeKpiReport } = await import('../kpi/compute.js');
      return computeKpiReport({ root: deps.root, kpis, ...options });
    },
    readCache: async (): Promise<KpiCache> => {
      if (injected.readCache) return injected.readCache();
      const { readKpiCache } = await import('../kpi/kpi-cache.js');
      return readKpiCache(deps.root);
    },
    writeCache: async (report: KpiReport): Promise<void> => {
      if (injected.writeCache) return injected.writeCache(report);
      if (deps.readonly) return;
      const { writeKpiCache } = await import('../kpi/kpi-cache.js');
      await writeKpiCache(deps.root, report);
    },
  };

  const computeOnce = async (): Promise<void> => {
    const { kpiWindow, kpiEnvironment } = get();
    set({ kpiComputing: true });
    try {
      const report = await adapters.compute({ windowDays: kpiWindow, environment: kpiEnvironment });
      set((s) => ({ kpiReports: { ...s.kpiReports, [key(report.environment, report.windowDays)]: report }, kpiError: null }));
      await adapters.writeCache(report).catch(() => undefined);
    } catch (error) {
      set({ kpiError: errorMessage(error) });
    }
  };

  return {
    kpiWindow: kpis.windowDays,
    kpiEnvironment: kpis.environment,
    kpiReports: {},
    kpiComputing: false,
    kpiError: null,
    kpiCursor: 0,
    kpiDrill: null,
    kpiDrillCursor: 0,

    kpiReport: () => {
      const s = get();
      return s.kpiReports[key(s.kpiEnvironment, s.kpiWindow)];
    },

    kpiLoadCache: async () => {
      try {
        const cache = await adapters.readCache();
        // Reports computed in this session are newer than the cache: keep them.
        set((s) => ({ kpiReports: { ...cache.reports, ...s.kpiReports } }));
      } catch {
        // no cache: the first recompute fills the pane
      }
    },

    kpiRecompute: async () => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await computeOnce();
        } while (again);
      })().finally(() => {
        running = null;
        set({ kpiComputing: false });
      });
      return running;
    },

    kpiToggleWindow: () => {
      const next = get().kpiWindow === 30 ? 90 : 30;
      set({ kpiWindow: next, kpiDrill: null, kpiDrillCursor: 0 });
      void get().kpiRecompute();
    },

    kpiMove: (step, rowCount) => {
      if (rowCount <= 0) return;
      set((s) => ({ kpiCursor: Math.min(rowCount - 1, Math.max(0, s.kpiCursor + step)) }));
    },

    kpiWatch: (onChange) => (injected.watch ? injected.watch(onChange) : watchKpiSources(deps.root, onChange)),
    kpiHasMetrics: kpis.prometheusUrl !== undefined || Object.values(kpis.metrics).some(Boolean),

    kpiOpenDrill: () => set((s) => ({ kpiDrill: s.kpiCursor, kpiDrillCursor: 0 })),
    kpiCloseDrill: () => set({ kpiDrill: null, kpiDrillCursor: 0 }),
    kpiMoveDrill: (step, itemCount) => {
      if (itemCount <= 0) return;
      set((s) => ({ kpiDrillCursor: Math.min(itemCount - 1, Math.max(0, s.kpiDrillCursor + step)) }));
    },
  };
};

const DEBOUNCE_MS = 400;
/** Metrics (Prometheus, commands) change without any file changing: refresh them this often. */
export const KPI_METRICS_REFRESH_MS = 10 * 60_000;

/** Starts the pane's background work after the first frame: cache, first recompute, file watch; returns stop. */
export function startKpi(store: AppStore): () => Promise<void> {
  let stopped = false;
  let stopWatch: (() => void) | undefined;
  let debounce: NodeJS.Timeout | undefined;
  const recompute = (): void => {
    if (stopped) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => void store.getState().kpiRecompute(), DEBOUNCE_MS);
    debounce.unref?.();
  };
  const ready = store
    .getState()
    .kpiLoadCache()
    .then(() => {
      if (stopped) return;
      // not awaited by stop: a compute can take long (a slow Prometheus); its result is dropped
      void store.getState().kpiRecompute();
      stopWatch = store.getState().kpiWatch(recompute);
    })
    .catch(() => undefined);
  const refresh = store.getState().kpiHasMetrics ? setInterval(recompute, KPI_METRICS_REFRESH_MS) : undefined;
  refresh?.unref?.();
  return () => {
    stopped = true;
    clearTimeout(debounce);
    if (refresh) clearInterval(refresh);
    stopWatch?.();
    return ready;
  };
}
