// Key scopes and action ids of the Chat and GPU panes (issue 3). models/keys.ts joins every pane's lists.
// - chat: the Chat pane with the input not focused (global keys live);
// - chat-input: typing a message (global keys are NOT live, so q, 1-7, ? type text);
// - chat-picker: choosing a model; gpu: the GPU pane.
export const CHAT_KEY_SCOPES = ['chat', 'chat-input', 'chat-picker', 'gpu'] as const;
export const CHAT_ACTION_IDS = [
  'chat-focus',
  'chat-escape',
  'chat-pick-model',
  'chat-scroll-up',
  'chat-scroll-down',
  'chat-send',
  'chat-input-escape',
  'chat-recall-prev',
  'chat-recall-next',
  'chat-erase',
  'chat-picker-down',
  'chat-picker-up',
  'chat-picker-select',
  'chat-picker-cancel',
  'gpu-open-chat',
] as const;
export type ChatActionId = (typeof CHAT_ACTION_IDS)[number];
