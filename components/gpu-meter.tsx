// The header's compact GPU meter: `GPU 37% 5.1/80G`; nothing when there is no GPU. It selects
// the displayed string, so a new sample re-renders it only when the text changes.
import { Text } from 'ink';
import { meterText } from '../src/gpu/gpu-format.js';
import { useAppStore, useTheme } from './store-context.js';

export function GpuMeter() {
  const theme = useTheme();
  const text = useAppStore((s) => meterText(s.gpu));
  const lost = useAppStore((s) => s.gpu?.status.kind === 'lost');
  if (!text) return null;
  return <Text {...(lost ? theme.warn : theme.dim)}>{`${text} · `}</Text>;
}
