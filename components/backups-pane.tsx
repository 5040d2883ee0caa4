// The backups pane (issue 5).
import { PlaceholderPane } from './placeholder-pane.js';

export function BackupsPane() {
  return <PlaceholderPane pane="backups" />;
}
