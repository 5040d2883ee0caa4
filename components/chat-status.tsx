// The chat's status line: model, live tokens/s, prompt and generated tokens, % of context,
// backend and GPU layers.
import { Box, Text } from 'ink';
import { cleanLine } from './theme.js';
import { useAppStore, useTheme } from './store-context.js';

export function ChatStatus() {
  const theme = useTheme();
  const model = useAppStore((s) => s.chat.model);
  const live = useAppStore((s) => s.chat.live);
  const stats = useAppStore((s) => s.chat.lastStats);
  const contextPercent = useAppStore((s) => s.chat.contextPercent);
  if (!model) return <Box height={1} flexShrink={0} />;
  const tps = live ? live.tokensPerSecond : (stats?.tokensPerSecond ?? 0);
  const parts = [
    cleanLine(model.name, false),
    `${tps.toFixed(1)} tok/s`,
    live ? `gen ${live.chunks}` : stats ? `prompt ${stats.promptTokens} · gen ${stats.completionTokens}` : 'no reply yet',
    `ctx ${contextPercent.toFixed(0)}%`,
    model.backend,
    `${model.gpuLayers} GPU layers`,
  ];
  return (
    <Box height={1} flexShrink={0}>
      <Text wrap="truncate-end" {...theme.dim}>
        {parts.join(' · ')}
        {live ? ' · Esc stops' : ''}
      </Text>
    </Box>
  );
}
