// Key scopes and action ids of the Deploy pane (issue 4). models/keys.ts joins every pane's lists.
export const DEPLOY_KEY_SCOPES = ['deploy'] as const;
export const DEPLOY_ACTION_IDS = [] as const;
