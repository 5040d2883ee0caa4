// The chat pane (issue 3).
import { PlaceholderPane } from './placeholder-pane.js';

export function ChatPane() {
  return <PlaceholderPane pane="chat" />;
}
