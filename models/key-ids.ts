// Keybinding ids and key names as plain constants, without zod: the key dispatcher and the
// remap check need them at start-up, and loading them from the zod models (models/keys.ts,
// which builds its schemas from these) would load zod before the first frame.
import { BACKUP_ACTION_IDS, BACKUP_KEY_SCOPES } from './backup-keys.js';
import { CHAT_ACTION_IDS, CHAT_KEY_SCOPES } from './chat-keys.js';
import { DEPLOY_ACTION_IDS, DEPLOY_KEY_SCOPES } from './deploy-keys.js';
import { INCIDENT_ACTION_IDS, INCIDENT_KEY_SCOPES } from './incident-keys.js';
import { KPI_ACTION_IDS, KPI_KEY_SCOPES } from './kpi-keys.js';

/**
 * Where a binding is live. The dispatcher tries the scopes of the current mode in order:
 * - app: always, even while typing in a prompt (Ctrl-C);
 * - global: whenever no overlay is open;
 * - dashboard / tasks / list: on the dashboard, in the Tasks pane, in any pane with a list;
 * - input: while typing in the palette, the filter or a prompt;
 * - help: while the help overlay is open; confirm: while a y/N question is open.
 * Each pane adds its own scopes (models/<pane>-keys.ts).
 */
export const CORE_KEY_SCOPES = ['app', 'global', 'dashboard', 'list', 'tasks', 'input', 'help', 'confirm'] as const;
export type CoreKeyScope = (typeof CORE_KEY_SCOPES)[number];
export const KEY_SCOPES = [
  ...CORE_KEY_SCOPES,
  ...DEPLOY_KEY_SCOPES,
  ...BACKUP_KEY_SCOPES,
  ...KPI_KEY_SCOPES,
  ...INCIDENT_KEY_SCOPES,
  ...CHAT_KEY_SCOPES,
] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export const CORE_ACTION_IDS = [
  // app + global
  'force-quit',
  'quit',
  'help',
  'palette',
  'back',
  'next-pane',
  'prev-pane',
  'open-tasks',
  'open-deploy',
  'open-backups',
  'open-kpi',
  'open-incidents',
  'open-chat',
  'open-gpu',
  // dashboard
  'tile-next',
  'tile-prev',
  'tile-down',
  'tile-up',
  'open-tile',
  // any list
  'cursor-down',
  'cursor-up',
  'cursor-top',
  'cursor-bottom',
  'page-down',
  'page-up',
  'filter',
  // tasks pane
  'toggle-all',
  'task-start',
  'task-done',
  'task-cancel',
  'task-reopen',
  'task-add',
  'task-edit',
  'task-priority',
  'task-move',
  // text input (palette, filter, prompt)
  'input-submit',
  'input-cancel',
  'input-complete',
  'input-erase',
  // help overlay
  'help-close',
  // y/N confirmation
  'confirm-yes',
  'confirm-no',
] as const;
export type CoreActionId = (typeof CORE_ACTION_IDS)[number];
export const ACTION_IDS = [
  ...CORE_ACTION_IDS,
  ...DEPLOY_ACTION_IDS,
  ...BACKUP_ACTION_IDS,
  ...KPI_ACTION_IDS,
  ...INCIDENT_ACTION_IDS,
  ...CHAT_ACTION_IDS,
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

/**
 * A key name as resolveKey() produces it: one printable character ("j", "G", "?", "1"),
 * or a named key ("down", "pageup", "return", "escape", "tab", "shift+tab", "space",
 * "backspace", "delete", "home", "end", "left", "right", "up"), or "ctrl+<letter>".
 */
export const NAMED_KEYS = [
  'up',
  'down',
  'left',
  'right',
  'pageup',
  'pagedown',
  'home',
  'end',
  'return',
  'escape',
  'tab',
  'shift+tab',
  'space',
  'backspace',
  'delete',
] as const;

/** Whether `name` is a key name (see NAMED_KEYS). */
export function isKeyName(name: string): boolean {
  return (NAMED_KEYS as readonly string[]).includes(name) || /^ctrl\+[a-z]$/.test(name) || /^[^\s\p{C}]$/u.test(name);
}
