// What the Incidents keys do (issue 6), and the pane's key scopes. Declaring is two prompts
// (priority, then title); note, resolve and priority ask through the one-line prompt overlay,
// whose id carries the incident id so a reload in between never retargets the answer.
import type { INCIDENT_ACTION_IDS } from '../../models/incident-keys.js';
import type { Handler, PaneKeys } from './pane-keys.js';
import type { GetState } from './types.js';

type IncidentActionId = (typeof INCIDENT_ACTION_IDS)[number];

const PROMPT = { purpose: 'pane', pane: 'incidents' } as const;
/** Timeline entries one PgUp/PgDn moves. */
const TIMELINE_PAGE = 5;

function ask(get: GetState, id: string, label: string, initial = ''): void {
  get().openOverlay({ kind: 'prompt', prompt: { ...PROMPT, id, label } }, initial);
}

/** The selected incident, or a message saying there is none. */
function selected(get: GetState) {
  const incident = get().selectedIncident();
  if (!incident) get().showMessage(get().incident.snapshot?.incidents.length ? 'no incident selected' : 'no incidents yet; press i to declare one');
  return incident;
}

function openOnly(get: GetState) {
  const incident = selected(get);
  if (incident?.status === 'resolved') {
    get().showMessage(`${incident.id} is already resolved`, 'warn');
    return undefined;
  }
  return incident;
}

export const INCIDENT_HANDLERS: Record<IncidentActionId, Handler> = {
  'incident-declare': (get) => {
    get().setIncidentDraft(null);
    ask(get, 'declare-priority', 'Declare incident: priority P1-P4');
  },
  'incident-down': (get) => get().selectIncident(1, true),
  'incident-up': (get) => get().selectIncident(-1, true),
  'incident-top': (get) => get().selectIncident('top', false),
  'incident-bottom': (get) => get().selectIncident('bottom', false),
  'incident-older': (get) => get().scrollIncidentTimeline(TIMELINE_PAGE),
  'incident-newer': (get) => get().scrollIncidentTimeline(-TIMELINE_PAGE),
  'incident-note': (get) => {
    const incident = selected(get);
    if (incident) ask(get, `note:${incident.id}`, `Note on ${incident.id}`);
  },
  'incident-ack': (get) => {
    const incident = openOnly(get);
    if (!incident) return;
    return get().runIncidentAction((a) => a.acknowledge(incident.id), (r) => `acknowledged ${r.incident.id}`);
  },
  'incident-resolve': (get) => {
    const incident = openOnly(get);
    if (incident) ask(get, `resolve:${incident.id}`, `Resolve ${incident.id}: cause run id (Enter: none)`);
  },
  'incident-priority': (get) => {
    const incident = openOnly(get);
    if (incident) ask(get, `priority:${incident.id}`, `New priority for ${incident.id} (P1-P4)`, incident.priority);
  },
  'incident-export': (get) => {
    const incident = selected(get);
    if (!incident) return;
    return get().runIncidentAction(
      async (a) => {
        const result = await a.exportPostmortem(incident.id);
        get().showMessage(`wrote ${result.path}`);
      },
    );
  },
  'incident-ask': async (get) => {
    const incident = selected(get);
    const snapshot = get().incident.snapshot;
    if (!incident || !snapshot) return;
    const { describeForChat } = await import('../incident/incident-chat.js');
    get().askAboutThis({ label: `incident ${incident.id}`, text: describeForChat(incident, snapshot, get().now()) });
  },
};

async function submit(get: GetState, id: string, text: string): Promise<void> {
  const { parsePriority } = await import('../incident/incident-actions.js');
  const [kind, incidentId = ''] = id.split(/:(.*)/s);
  const state = get();
  try {
    switch (kind) {
      case 'declare-priority': {
        const priority = parsePriority(text);
        state.setIncidentDraft(priority);
        ask(get, 'declare-title', `Declare ${priority} incident: title`);
        return;
      }
      case 'declare-title': {
        const priority = state.incident.draftPriority;
        state.setIncidentDraft(null);
        if (!priority) return;
        await state.runIncidentAction((a) => a.open(priority, text), (r) => `declared ${r.incident.priority} ${r.incident.id}`);
        return;
      }
      case 'note':
        await state.runIncidentAction((a) => a.note(incidentId, text), (r) => `note added to ${r.incident.id}`);
        return;
      case 'resolve':
        await state.runIncidentAction(
          (a) => a.resolve(incidentId, text.trim() === '' ? null : text.trim()),
          (r) => `resolved ${r.incident.id}${r.incident.cause ? ` (cause ${r.incident.cause})` : ''}`,
        );
        return;
      case 'priority': {
        const priority = parsePriority(text);
        await state.runIncidentAction((a) => a.setPriority(incidentId, priority), (r) => `${r.incident.id} is now ${r.incident.priority}`);
        return;
      }
    }
  } catch (error) {
    state.showMessage(error instanceof Error ? error.message : String(error), 'error');
  }
}

export const INCIDENTS_PANE_KEYS: PaneKeys = {
  scopes: () => ['incidents', 'global'],
  submitPrompt: submit,
};
