// The key dispatcher: every key goes through here and reads state through get(), so fast
// keys (tmux send-keys "Down Down Enter", a paste, key repeat) never see a stale render.
import type { PaneId } from '../../models/config.js';
import type { ActionId, KeyScope } from '../../models/keys.js';
import { TILE_COLUMNS, TILE_IDS } from '../../models/ui.js';
import { actionFor } from '../keys/keymap.js';
import { completePalette, parsePalette } from '../keys/palette.js';
import { listHeight } from './layout.js';
import { nextPriority, priorityOf } from './task-rows.js';
import type { AppState, DispatchSlice, GetState, SliceCreator } from './types.js';

/** Scopes of each pane in normal mode, before the global ones. Later panes add theirs. */
const PANE_SCOPES: Record<PaneId, KeyScope[]> = {
  tasks: ['tasks', 'list'],
  deploy: [],
  backups: [],
  kpi: [],
  incidents: [],
  chat: [],
  gpu: [],
};

/** The scopes of a view in normal mode (no overlay), most specific first. */
export function viewScopes(view: AppState['view']): KeyScope[] {
  return view === 'dashboard' ? ['app', 'dashboard', 'global'] : ['app', ...PANE_SCOPES[view], 'global'];
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
      return viewScopes(state.view);
  }
}

type Handler = (get: GetState) => void | Promise<void>;

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
    return state.submitTaskPrompt(text, overlay.prompt);
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

const HANDLERS: Record<ActionId, Handler> = {
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
