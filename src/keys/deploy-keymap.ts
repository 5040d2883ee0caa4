// The Deploy pane's keybindings (issue 4). DEFAULT_KEYMAP joins every pane's rows.
import type { Keymap } from '../../models/keys.js';
import type { DEPLOY_KEY_SCOPES } from '../../models/deploy-keys.js';
import { bind } from './bind.js';

export const DEPLOY_KEYMAP: Keymap = [
  bind('deploy-start', ['d'], 'deploy', 'deploy', { footer: true, mutates: true }),
  bind('deploy-rollback', ['r'], 'deploy', 'rollback', { footer: true, mutates: true }),
  bind('deploy-open-log', ['return'], 'deploy', 'log', { footer: true }),
  bind('deploy-command-log', ['@'], 'deploy', 'commands', { footer: true }),
  bind('deploy-plan', ['p'], 'deploy', 'plan', { footer: true }),
  bind('deploy-abort', ['x'], 'deploy', 'abort run', { mutates: true }),
  bind('deploy-down', ['j', 'down'], 'deploy', 'next env'),
  bind('deploy-up', ['k', 'up'], 'deploy', 'prev env'),

  bind('deploy-wiz-next', ['return'], 'deploy-wizard', 'next', { footer: true }),
  bind('deploy-wiz-back', ['escape'], 'deploy-wizard', 'back', { footer: true }),
  bind('deploy-wiz-down', ['j', 'down'], 'deploy-wizard', 'down'),
  bind('deploy-wiz-up', ['k', 'up'], 'deploy-wizard', 'up'),
  bind('deploy-wiz-push', ['P'], 'deploy-wizard', 'push tag'),
  bind('deploy-wiz-new-version', ['n'], 'deploy-wizard', 'other version'),

  bind('deploy-wiz-toggle', ['space'], 'deploy-checklist', 'tick', { footer: true }),
  bind('deploy-wiz-tick-all', ['a'], 'deploy-checklist', 'tick all', { footer: true }),
  bind('deploy-wiz-override', ['o'], 'deploy-checklist', 'override', { footer: true, mutates: true }),

  bind('deploy-wiz-log', ['l', 'return'], 'deploy-running', 'full log', { footer: true }),
  bind('deploy-wiz-rollback-now', ['r'], 'deploy-running', 'roll back now', { footer: true, mutates: true }),
  bind('deploy-abort', ['x'], 'deploy-running', 'abort run', { footer: true, mutates: true }),
  bind('deploy-wiz-back', ['escape'], 'deploy-running', 'hide (run goes on)', { footer: true }),

  bind('deploy-confirm-submit', ['return'], 'deploy-confirm', 'confirm', { footer: true }),
  bind('deploy-confirm-cancel', ['escape'], 'deploy-confirm', 'cancel', { footer: true }),
  bind('deploy-confirm-erase', ['backspace', 'delete'], 'deploy-confirm', 'erase'),

  bind('deploy-log-close', ['escape', 'q'], 'deploy-log', 'close', { footer: true }),
  bind('deploy-log-top', ['g', 'home'], 'deploy-log', 'top', { footer: true }),
  bind('deploy-log-bottom', ['G', 'end'], 'deploy-log', 'bottom + follow', { footer: true }),
  bind('deploy-log-search', ['/'], 'deploy-log', 'search', { footer: true }),
  bind('deploy-log-next', ['n'], 'deploy-log', 'older match'),
  bind('deploy-log-prev', ['N'], 'deploy-log', 'newer match'),
  bind('deploy-log-follow', ['f'], 'deploy-log', 'follow on/off'),
  bind('deploy-log-down', ['j', 'down'], 'deploy-log', 'down'),
  bind('deploy-log-up', ['k', 'up'], 'deploy-log', 'up'),
  bind('deploy-log-page-down', ['pagedown', 'ctrl+d', 'space'], 'deploy-log', 'page down'),
  bind('deploy-log-page-up', ['pageup', 'ctrl+u'], 'deploy-log', 'page up'),

  bind('deploy-log-close', ['escape', 'q', '@'], 'deploy-commands', 'close', { footer: true }),
  bind('deploy-commands-down', ['j', 'down'], 'deploy-commands', 'newer', { footer: true }),
  bind('deploy-commands-up', ['k', 'up'], 'deploy-commands', 'older', { footer: true }),
  bind('deploy-commands-top', ['g', 'home'], 'deploy-commands', 'oldest'),
  bind('deploy-commands-bottom', ['G', 'end'], 'deploy-commands', 'newest'),

  bind('deploy-abort-yes', ['y'], 'deploy-abort', 'yes, abort', { footer: true, mutates: true }),
  bind('deploy-abort-no', ['n', 'escape', 'return'], 'deploy-abort', 'no', { footer: true }),
];

export const DEPLOY_SCOPE_TITLES: Record<(typeof DEPLOY_KEY_SCOPES)[number], string> = {
  deploy: 'Deploy',
  'deploy-wizard': 'Deploy wizard',
  'deploy-checklist': 'Pre-deployment checklist',
  'deploy-running': 'Run in progress',
  'deploy-confirm': 'Deploy confirmation',
  'deploy-log': 'Run log',
  'deploy-commands': 'Command log',
  'deploy-abort': 'Abort question',
};
