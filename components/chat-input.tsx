// The message being typed: the last lines of a multi-line input, with a caret while focused.
import { Box, Text } from 'ink';
import { cleanLine } from './theme.js';
import { useAppStore, useTheme } from './store-context.js';

export const INPUT_MAX_LINES = 3;
const CARET = '█';

export function ChatInput({ width }: { width: number }) {
  const theme = useTheme();
  const input = useAppStore((s) => s.chat.input);
  const focused = useAppStore((s) => s.chat.focused && s.chat.phase === 'ready');
  const lines = input.split('\n');
  const shown = lines.slice(-INPUT_MAX_LINES);
  if (!focused && input === '') {
    return (
      <Box height={1} flexShrink={0}>
        <Text {...theme.dim} wrap="truncate-end">
          › i or Enter to type · m model · Esc back
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={shown.length} flexShrink={0}>
      {shown.map((line, i) => {
        const last = i === shown.length - 1;
        const prefix = i === 0 ? (lines.length > INPUT_MAX_LINES ? '…' : '›') : ' ';
        return (
          <Box key={i} height={1} flexShrink={0} width={width}>
            <Text {...(focused ? theme.accent : theme.dim)}>{`${prefix} `}</Text>
            <Box flexShrink={1}>
              <Text wrap="truncate-start">{`${cleanLine(line, false)}${last && focused ? CARET : ''}`}</Text>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

/** How many lines the input takes. */
export function inputHeight(input: string): number {
  return Math.min(INPUT_MAX_LINES, input.split('\n').length);
}
