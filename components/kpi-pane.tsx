// The kpi pane (issue 6).
import { PlaceholderPane } from './placeholder-pane.js';

export function KpiPane() {
  return <PlaceholderPane pane="kpi" />;
}
