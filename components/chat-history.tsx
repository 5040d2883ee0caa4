// The conversation: finished messages pre-wrapped once (cached per message and width) and only
// the visible tail rendered; the live reply re-renders as its 33 ms flushes arrive.
// Not <Static>: the cockpit draws in the alternate screen with a rows-1 frame and switches panes,
// and <Static> output is written above the frame once and never redrawn, so it would be lost or
// left behind when the pane changes. A windowed view costs the same and behaves.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { liveLines, visibleLines } from '../src/chat/history-lines.js';
import { MarkdownLine } from './markdown-text.js';
import { useAppStore, useTheme } from './store-context.js';

export function ChatHistory({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const entries = useAppStore((s) => s.chat.entries);
  const live = useAppStore((s) => s.chat.live);
  const scroll = useAppStore((s) => s.chat.scroll);
  const model = useAppStore((s) => s.chat.model?.name ?? 'model');
  const live_ = useMemo(() => (live ? liveLines(live, model, width) : []), [live, model, width]);
  const { lines, more } = visibleLines(entries, live_, width, height, scroll);
  if (entries.length === 0 && !live) {
    return (
      <Box height={height} flexShrink={0} flexDirection="column">
        <Text {...theme.dim} wrap="truncate-end">
          Type a message and press Enter. /help lists the commands.
        </Text>
      </Box>
    );
  }
  return (
    <Box height={height} flexShrink={0} flexDirection="column" overflow="hidden">
      {lines.map((line, i) => (
        <Box key={i} height={1} flexShrink={0}>
          {i === 0 && scroll > 0 && more ? <Text {...theme.dim}>{`↑ more (PgUp/PgDn) `}</Text> : <MarkdownLine line={line} theme={theme} />}
        </Box>
      ))}
    </Box>
  );
}
