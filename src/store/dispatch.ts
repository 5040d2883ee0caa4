// The key dispatcher: every key goes through here and reads state through get(), so fast
// keys (tmux send-keys "Down Down Enter", a paste, key repeat) never see a stale render.
import type { PaneId } from '../../models/config.js';
import type { CoreActionId } from '../../models/key-ids.js';
import type { ActionId, KeyScope } from '../../models/keys.js';
import { TILE_COLUMNS, TILE_IDS } from '../../models/panes.js';
import { actionFor } from '../keys/keymap.js';
import { completePalette, parsePalette } from '../keys/palette.js';
import { BACKUP_HANDLERS, BACKUPS_PANE_KEYS } from './backup-handlers.js';
import { CHAT_HANDLERS, CHAT_PANE_KEYS, GPU_PANE_KEYS } from './chat-handlers.js';
import { DEPLOY_HANDLERS, DEPLOY_PANE_KEYS } from './deploy-handlers.js';
import { INCIDENT_HANDLERS, INCIDENTS_PANE_KEYS } from './incident-handlers.js';
import { KPI_HANDLERS, KPI_PANE_KEYS } from './kpi-handlers.js';
import { listHeight } from './layout.js';
import type { Handler, PaneKeys } from './pane-keys.js';
import { nextPriority, priorityOf } from './task-rows.js';
import type { AppState, DispatchSlice, GetState, SliceCreator } from './types.js';

const TASKS_PANE_KEYS: PaneKeys = { scopes: () => ['tasks', 'list', 'global'] };

/** Each pane's key scopes, typed-text and prompt hooks (src/store/<pane>-handlers.ts). */
const PANE_KEYS: Record<PaneId, PaneKeys> = {
  tasks: TASKS_PANE_KEYS,
  deploy: DEPLOY_PANE_KEYS,
  backups: BACKUPS_PANE_KEYS,
  kpi: KPI_PANE_KEYS,
  incidents: INCIDENTS_PANE_KEYS,
  chat: CHAT_PANE_KEYS,
  gpu: GPU_PANE_KEYS,
};

/** The scopes of the current view in normal mode (no overlay), most specific first. */
export function viewScopes(state: AppState): KeyScope[] {
  return state.view === 'dashboard' ? ['app', 'dashboard', 'global'] : ['app', ...PANE_KEYS[state.view].scopes(state)];
}

export function activeScopes(state: AppState): KeyScope[] {
  switch (state.overlay.kind) {
    case 'help':
      return ['app', 'help'];
    case 'confirm-quit':
      return ['confirm', 'app'];
    case 'palette':
    case 'filter':
    case 'prompt':
      return ['app', 'input'];
    case 'none':
      return viewScopes(state);
  }
}

function taskEdit(get: GetState, make: (task: NonNullable<ReturnType<AppState['focusedTask']>>) => Parameters<AppState['applyEdit']>[0]): Promise<void> | void {
  const task = get().focusedTask();
  if (!task) {
    get().showMessage('no task selected');
    return;
  }
  return get().applyEdit(make(task));
}

function openPane(pane: PaneId): Handler {
  return (get) => get().openView(pane);
}

function submitInput(get: GetState): void | Promise<void> {
  const state = get();
  const overlay = state.overlay;
  const text = state.input;
  if (overlay.kind === 'filter') {
    state.closeOverlay();
    return;
  }
  if (overlay.kind === 'prompt') {
    state.closeOverlay();
    const prompt = overlay.prompt;
    if (prompt.purpose === 'pane') return PANE_KEYS[prompt.pane].submitPrompt?.(get, prompt.id, text);
    return state.submitTaskPrompt(text, prompt);
  }
  if (overlay.kind !== 'palette') return;
  const command = parsePalette(text);
  state.closeOverlay();
  if (!command) {
    state.showMessage(text.trim() === '' ? 'no command typed' : `unknown command ":${text.trim()}" (try Tab to complete)`, 'error');
  } else if (command.pane) {
    state.openView(command.pane);
  } else if (command.run === 'quit') {
    state.requestQuit(false);
  } else if (command.run === 'help') {
    state.openOverlay({ kind: 'help' });
  } else {
    state.openView('dashboard');
  }
}

function cancelInput(get: GetState): void {
  const state = get();
  if (state.overlay.kind === 'filter' && state.view !== 'dashboard') state.setFilter(state.view, '');
  state.closeOverlay();
}

function editInput(get: GetState, text: string): void {
  const state = get();
  state.setInput(text);
  if (state.overlay.kind === 'filter' && state.view !== 'dashboard') state.setFilter(state.view, text);
}

function pageStep(get: GetState): number {
  return Math.max(1, listHeight(get().size.rows) - 1);
}

const CORE_HANDLERS: Record<CoreActionId, Handler> = {
  'force-quit': (get) => get().requestQuit(get().overlay.kind === 'confirm-quit'),
  quit: (get) => get().requestQuit(false),
  help: (get) => get().openOverlay({ kind: 'help' }),
  palette: (get) => get().openOverlay({ kind: 'palette' }),
  back: (get) => get().back(),
  'next-pane': (get) => get().cyclePane(1),
  'prev-pane': (get) => get().cyclePane(-1),
  'open-tasks': openPane('tasks'),
  'open-deploy': openPane('deploy'),
  'open-backups': openPane('backups'),
  'open-kpi': openPane('kpi'),
  'open-incidents': openPane('incidents'),
  'open-chat': openPane('chat'),
  'open-gpu': openPane('gpu'),

  'tile-next': (get) => get().moveTile(1),
  'tile-prev': (get) => get().moveTile(-1),
  'tile-down': (get) => get().moveTile(TILE_COLUMNS),
  'tile-up': (get) => get().moveTile(-TILE_COLUMNS),
  'open-tile': (get) => get().openView(TILE_IDS[get().focusedTile] ?? 'tasks'),

  'cursor-down': (get) => get().moveTaskCursor(1, true),
  'cursor-up': (get) => get().moveTaskCursor(-1, true),
  'cursor-top': (get) => get().moveTaskCursor('top', false),
  'cursor-bottom': (get) => get().moveTaskCursor('bottom', false),
  'page-down': (get) => get().moveTaskCursor(pageStep(get), true),
  'page-up': (get) => get().moveTaskCursor(-pageStep(get), true),
  filter: (get) => {
    const { view, filters } = get();
    if (view === 'dashboard') return;
    get().openOverlay({ kind: 'filter' }, filters[view] ?? '');
  },

  'toggle-all': (get) => get().toggleShowAll(),
  'task-start': (get) => taskEdit(get, (t) => ({ kind: 'start', id: t.id })),
  'task-done': (get) => taskEdit(get, (t) => ({ kind: 'done', id: t.id })),
  'task-cancel': (get) => taskEdit(get, (t) => ({ kind: 'cancel', id: t.id })),
  'task-reopen': (get) => taskEdit(get, (t) => ({ kind: 'reopen', id: t.id })),
  'task-priority': (get) => taskEdit(get, (t) => ({ kind: 'priority', id: t.id, priority: nextPriority(priorityOf(t)) })),
  'task-move': (get) => taskEdit(get, (t) => ({ kind: 'move', id: t.id, to: t.file === 'current' ? 'backlog' : 'current' })),
  'task-add': (get) => {
    const task = get().focusedTask();
    get().openOverlay({ kind: 'prompt', prompt: { purpose: 'add', file: task?.file ?? 'current', project: task?.project ?? [] } });
  },
  'task-edit': (get) => {
    const task = get().focusedTask();
    if (!task) {
      get().showMessage('no task selected');
      return;
    }
    get().openOverlay({ kind: 'prompt', prompt: { purpose: 'edit', taskId: task.id } }, task.text);
  },

  'input-submit': submitInput,
  'input-cancel': cancelInput,
  'input-complete': (get) => {
    if (get().overlay.kind === 'palette') get().setInput(completePalette(get().input));
  },
  'input-erase': (get) => editInput(get, [...get().input].slice(0, -1).join('')),

  'help-close': (get) => get().closeOverlay(),

  'confirm-yes': (get) => get().requestQuit(true),
  'confirm-no': (get) => {
    get().closeOverlay();
    get().showMessage('quit cancelled');
  },
};

const HANDLERS: Record<ActionId, Handler> = {
  ...CORE_HANDLERS,
  ...DEPLOY_HANDLERS,
  ...BACKUP_HANDLERS,
  ...KPI_HANDLERS,
  ...INCIDENT_HANDLERS,
  ...CHAT_HANDLERS,
};

/** Text a key types into an input overlay, or undefined when it is not a character. */
function typedText(keyName: string): string | undefined {
  if (keyName === 'space') return ' ';
  return [...keyName].length === 1 ? keyName : undefined;
}

export const createDispatchSlice: SliceCreator<DispatchSlice> = (_set, get) => ({
  activeScopes: () => activeScopes(get()),

  dispatch: async (keyName) => {
    const state = get();
    const scopes = activeScopes(state);
    const binding = actionFor(state.keymap, scopes, keyName);
    if (state.message !== null && state.overlay.kind !== 'confirm-quit') state.clearMessage();
    if (!binding) {
      const isTyping = scopes.includes('input');
      const text = typedText(keyName);
      if (isTyping && text !== undefined) editInput(get, state.input + text);
      else if (text !== undefined && state.overlay.kind === 'none' && state.view !== 'dashboard') PANE_KEYS[state.view].typeText?.(get, text);
      else if (state.overlay.kind === 'confirm-quit') HANDLERS['confirm-no'](get);
      return;
    }
    if (binding.mutates && state.readonly) {
      state.showMessage(`read-only: "${binding.label}" is disabled (opsdeck was started with --readonly)`, 'warn');
      return;
    }
    await HANDLERS[binding.action](get);
  },
});
