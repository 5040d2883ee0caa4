// The incidents pane (issue 6).
import { PlaceholderPane } from './placeholder-pane.js';

export function IncidentsPane() {
  return <PlaceholderPane pane="incidents" />;
}
