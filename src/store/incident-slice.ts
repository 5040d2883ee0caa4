// The Incidents pane's part of the app store (issue 6): the incident snapshot (journal, SLA
// rules, run journals), the selected incident, and the actions the keys start. The I/O
// adapters (src/incident/incident-repo.ts, incident-actions.ts) are imported lazily so the
// cockpit's first frame never pays for them; the watcher costs nothing while nothing changes.
import type { Priority } from '../../models/incident.js';
import type { IncidentSnapshot } from '../incident/incident-snapshot.js';
import type { ActionResult, IncidentActions } from '../incident/incident-actions.js';
import { errorMessage } from '../errors.js';
import type { AppStore, SliceCreator } from './types.js';

/** Adapters tests may inject instead of the real ones. */
export type IncidentDeps = {
  /** `user@host` written into events (default: the real user and host). */
  who?: string;
};

export type IncidentState = {
  snapshot: IncidentSnapshot | null;
  error: string | null;
  /** The selected incident's id; kept across reloads. */
  selectedId: string | null;
  /** The priority typed in the first step of declaring one. */
  draftPriority: Priority | null;
  /** Timeline entries hidden below the view (0: the newest are shown); reset on selection. */
  scroll: number;
};

export type IncidentSlice = {
  incident: IncidentState;
  loadIncidents(): Promise<void>;
  /** Watches the journal, the SOP and the run journals; idempotent; returns stop. */
  watchIncidents(): () => void;
  /** Runs one action with fresh actions over the repo; its refusal becomes the message. */
  runIncidentAction(run: (actions: IncidentActions) => Promise<ActionResult | void>, done?: (result: ActionResult) => string): Promise<void>;
  selectIncident(to: number | 'top' | 'bottom', relative: boolean): void;
  selectedIncident(): IncidentSnapshot['incidents'][number] | undefined;
  setIncidentDraft(priority: Priority | null): void;
  /** Positive: towards older entries. The pane clamps it to what exists. */
  scrollIncidentTimeline(step: number): void;
};

const INITIAL: IncidentState = { snapshot: null, error: null, selectedId: null, draftPriority: null, scroll: 0 };

export const createIncidentSlice: SliceCreator<IncidentSlice> = (set, get, deps) => {
  const patch = (next: Partial<IncidentState>) => set({ incident: { ...get().incident, ...next } });
  let stopWatch: (() => void) | undefined;
  let loading: Promise<void> | undefined;
  let again = false;

  const actions = async (): Promise<IncidentActions> => {
    const { createIncidentActions } = await import('../incident/incident-actions.js');
    return createIncidentActions({ root: deps.root, sla: deps.config.incidents.sla, now: deps.now, who: deps.services.incidents?.who });
  };

  const apply = (snapshot: IncidentSnapshot, selectedId?: string) => {
    const current = selectedId ?? get().incident.selectedId;
    const keep = current !== null && snapshot.incidents.some((i) => i.id === current);
    const selected = keep ? current : (snapshot.incidents[0]?.id ?? null);
    patch({ snapshot, error: null, selectedId: selected, ...(selected !== get().incident.selectedId ? { scroll: 0 } : {}) });
  };

  let reader: { load(): Promise<IncidentSnapshot> } | undefined;
  const loadOnce = async (): Promise<void> => {
    try {
      if (!reader) {
        const { createIncidentReader } = await import('../incident/incident-repo.js');
        reader = createIncidentReader(deps.root, deps.config.incidents.sla);
      }
      apply(await reader.load());
    } catch (error) {
      patch({ error: errorMessage(error) });
    }
  };

  return {
    incident: INITIAL,

    // One load at a time; a change during a load triggers exactly one more.
    loadIncidents: async () => {
      if (loading) {
        again = true;
        return loading;
      }
      loading = (async () => {
        do {
          again = false;
          await loadOnce();
        } while (again);
      })().finally(() => {
        loading = undefined;
      });
      return loading;
    },

    watchIncidents: () => {
      if (stopWatch) return stopWatch;
      let stop: (() => void) | undefined;
      let stopped = false;
      void import('../incident/incident-repo.js').then(({ watchIncidentFiles }) => {
        if (!stopped) stop = watchIncidentFiles(deps.root, () => void get().loadIncidents());
      });
      stopWatch = () => {
        stopped = true;
        stop?.();
        stopWatch = undefined;
      };
      return stopWatch;
    },

    runIncidentAction: async (run, done) => {
      try {
        const result = await run(await actions());
        if (!result) return;
        apply(result.snapshot, result.incident.id);
        if (done) get().showMessage(done(result));
      } catch (error) {
        get().showMessage(errorMessage(error), 'error');
      }
    },

    selectIncident: (to, relative) => {
      const list = get().incident.snapshot?.incidents ?? [];
      if (list.length === 0) return;
      const at = Math.max(0, list.findIndex((i) => i.id === get().incident.selectedId));
      const target = to === 'top' ? 0 : to === 'bottom' ? list.length - 1 : relative ? at + to : to;
      const index = Math.min(list.length - 1, Math.max(0, target));
      const selectedId = list[index]?.id ?? null;
      if (selectedId !== get().incident.selectedId) patch({ selectedId, scroll: 0 });
    },

    selectedIncident: () => {
      const { snapshot, selectedId } = get().incident;
      return snapshot?.incidents.find((i) => i.id === selectedId);
    },

    setIncidentDraft: (priority) => patch({ draftPriority: priority }),

    scrollIncidentTimeline: (step) => {
      const selected = get().selectedIncident();
      if (!selected) return;
      // at most the number of timeline-worthy events, so PgUp past the top stops there
      const bound = selected.notes.length + selected.priorityChanges.length + 3 + (get().incident.snapshot?.runs.events.length ?? 0);
      patch({ scroll: Math.min(bound, Math.max(0, get().incident.scroll + step)) });
    },
  };
};

/** Starts the pane's background work after the first frame: one load, then the watcher. */
export function startIncident(store: AppStore): () => Promise<void> {
  const loaded = store.getState().loadIncidents();
  const stop = store.getState().watchIncidents();
  // the watcher's module is the reader's: both have loaded once it has
  const ready = Promise.all([loaded, import('../incident/incident-repo.js')]).then(() => undefined, () => undefined);
  return () => {
    stop();
    return ready;
  };
}
