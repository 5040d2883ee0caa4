// The model picker: ink-select-input drawn from the store. Its own key handling is off
// (isFocused false): keys go through the dispatcher, which moves `pickIndex`, so fast keys
// (Down Down Enter in one read) never hit a stale handler.
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import type { ModelInfo } from '../models/llm.js';
import { cleanLine } from './theme.js';
import { useAppStore, useTheme } from './store-context.js';

function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function formatParams(n: number | undefined): string {
  if (n === undefined) return '?';
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  return `${Math.round(n / 1e3)}K`;
}

export function modelLabel(m: ModelInfo): string {
  const parts = [m.architecture ?? '?', formatParams(m.parameters), m.quantization ?? '?', formatSize(m.sizeBytes), m.contextLength ? `ctx ${m.contextLength}` : ''].filter(Boolean);
  return cleanLine(`${m.name}  ${parts.join(' · ')}`, false);
}

export function ModelPicker({ height }: { height: number }) {
  const theme = useTheme();
  const models = useAppStore((s) => s.chat.models);
  const index = useAppStore((s) => s.chat.pickIndex);
  const items = models.map((m) => ({ key: m.path, label: modelLabel(m), value: m.path }));
  return (
    <Box flexDirection="column" height={height} flexShrink={0} overflow="hidden">
      <Text {...theme.heading}>Pick a model (↑/↓, Enter loads it, Esc cancels)</Text>
      <SelectInput key={index} items={items} initialIndex={index} isFocused={false} limit={Math.max(1, height - 1)} />
    </Box>
  );
}
