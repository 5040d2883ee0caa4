// Key scopes and action ids of the Chat and GPU panes (issue 3). models/keys.ts joins every pane's lists.
export const CHAT_KEY_SCOPES = ['chat', 'gpu'] as const;
export const CHAT_ACTION_IDS = [] as const;
