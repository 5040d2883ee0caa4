// The deploy pane (issue 4).
import { PlaceholderPane } from './placeholder-pane.js';

export function DeployPane() {
  return <PlaceholderPane pane="deploy" />;
}
