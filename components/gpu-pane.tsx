// The gpu pane (issue 3).
import { PlaceholderPane } from './placeholder-pane.js';

export function GpuPane() {
  return <PlaceholderPane pane="gpu" />;
}
