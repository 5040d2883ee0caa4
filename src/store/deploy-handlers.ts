// What the Deploy pane's keys do (issue 4), and its key scopes per mode.
import type { DEPLOY_ACTION_IDS } from '../../models/deploy-keys.js';
import type { Handler, PaneKeys } from './pane-keys.js';

export const DEPLOY_HANDLERS: Record<(typeof DEPLOY_ACTION_IDS)[number], Handler> = {};

export const DEPLOY_PANE_KEYS: PaneKeys = {
  scopes: () => ['deploy', 'global'],
};
