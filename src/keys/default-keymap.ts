// The default keybindings. Every key the cockpit reacts to is listed here; the dispatcher,
// the help overlay and the footer all read this table.
import type { CoreKeyScope } from '../../models/key-ids.js';
import type { KeyScope, Keymap } from '../../models/keys.js';
import { BACKUP_KEYMAP, BACKUP_SCOPE_TITLES } from './backup-keymap.js';
import { bind } from './bind.js';
import { CHAT_KEYMAP, CHAT_SCOPE_TITLES } from './chat-keymap.js';
import { DEPLOY_KEYMAP, DEPLOY_SCOPE_TITLES } from './deploy-keymap.js';
import { INCIDENT_KEYMAP, INCIDENT_SCOPE_TITLES } from './incident-keymap.js';
import { KPI_KEYMAP, KPI_SCOPE_TITLES } from './kpi-keymap.js';

export const CORE_KEYMAP: Keymap = [
  bind('force-quit', ['ctrl+c'], 'app', 'quit (asks)'),

  bind('help', ['?'], 'global', 'help', { footer: true }),
  bind('quit', ['q'], 'global', 'quit', { footer: true }),
  bind('palette', [':'], 'global', 'command', { footer: true }),
  bind('back', ['escape'], 'global', 'back'),
  bind('next-pane', ['tab'], 'global', 'next pane'),
  bind('prev-pane', ['shift+tab'], 'global', 'prev pane'),
  bind('open-tasks', ['1'], 'global', 'Tasks'),
  bind('open-deploy', ['2'], 'global', 'Deploy'),
  bind('open-backups', ['3'], 'global', 'Backups'),
  bind('open-kpi', ['4'], 'global', 'KPIs'),
  bind('open-incidents', ['5'], 'global', 'Incidents'),
  bind('open-chat', ['6'], 'global', 'Chat'),
  bind('open-gpu', ['7'], 'global', 'GPU'),

  bind('open-tile', ['return'], 'dashboard', 'open', { footer: true }),
  bind('tile-next', ['tab', 'l', 'right'], 'dashboard', 'next tile', { footer: true }),
  bind('tile-prev', ['shift+tab', 'h', 'left'], 'dashboard', 'prev tile'),
  bind('tile-down', ['j', 'down'], 'dashboard', 'tile below'),
  bind('tile-up', ['k', 'up'], 'dashboard', 'tile above'),

  bind('cursor-down', ['j', 'down'], 'list', 'down', { footer: true }),
  bind('cursor-up', ['k', 'up'], 'list', 'up', { footer: true }),
  bind('cursor-top', ['g', 'home'], 'list', 'top'),
  bind('cursor-bottom', ['G', 'end'], 'list', 'bottom'),
  bind('page-down', ['pagedown', 'ctrl+d'], 'list', 'page down'),
  bind('page-up', ['pageup', 'ctrl+u'], 'list', 'page up'),
  bind('filter', ['/'], 'list', 'filter', { footer: true }),

  bind('toggle-all', ['v'], 'tasks', 'show all', { footer: true }),
  bind('task-start', ['s'], 'tasks', 'start', { footer: true, mutates: true }),
  bind('task-done', ['d', 'space'], 'tasks', 'done', { footer: true, mutates: true }),
  bind('task-cancel', ['x'], 'tasks', 'cancel', { footer: true, mutates: true }),
  bind('task-reopen', ['o'], 'tasks', 'reopen', { mutates: true }),
  bind('task-add', ['a'], 'tasks', 'add', { footer: true, mutates: true }),
  bind('task-edit', ['e'], 'tasks', 'edit text', { footer: true, mutates: true }),
  bind('task-priority', ['p'], 'tasks', 'priority', { footer: true, mutates: true }),
  bind('task-move', ['m'], 'tasks', 'move file', { mutates: true }),

  bind('input-submit', ['return'], 'input', 'accept', { footer: true }),
  bind('input-cancel', ['escape'], 'input', 'cancel', { footer: true }),
  bind('input-complete', ['tab'], 'input', 'complete', { footer: true }),
  bind('input-erase', ['backspace', 'delete'], 'input', 'erase'),

  bind('help-close', ['escape', '?', 'q'], 'help', 'close', { footer: true }),

  bind('confirm-yes', ['y'], 'confirm', 'yes', { footer: true }),
  bind('confirm-no', ['n', 'escape', 'return'], 'confirm', 'no', { footer: true }),
];

export const DEFAULT_KEYMAP: Keymap = [...CORE_KEYMAP, ...DEPLOY_KEYMAP, ...BACKUP_KEYMAP, ...KPI_KEYMAP, ...INCIDENT_KEYMAP, ...CHAT_KEYMAP];

/** Headings of the help overlay, one per scope. */
const CORE_SCOPE_TITLES: Record<CoreKeyScope, string> = {
  app: 'Everywhere',
  global: 'Navigation',
  dashboard: 'Dashboard',
  list: 'Lists',
  tasks: 'Tasks',
  input: 'Typing',
  help: 'Help',
  confirm: 'Questions',
};

export const SCOPE_TITLES: Record<KeyScope, string> = {
  ...CORE_SCOPE_TITLES,
  ...DEPLOY_SCOPE_TITLES,
  ...BACKUP_SCOPE_TITLES,
  ...KPI_SCOPE_TITLES,
  ...INCIDENT_SCOPE_TITLES,
  ...CHAT_SCOPE_TITLES,
};
