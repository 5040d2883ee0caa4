// The line above the footer: the text being typed (palette, filter, prompt) or the message.
import { Box, Text } from 'ink';
import { paletteCandidates } from '../src/keys/palette.js';
import { useAppStore, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';

const CARET = '█';

export function StatusLine() {
  const theme = useTheme();
  const overlay = useAppStore((s) => s.overlay);
  const input = useAppStore((s) => s.input);
  const message = useAppStore((s) => s.message);
  const typed = cleanLine(input, false);

  if (overlay.kind === 'palette') {
    const candidates = paletteCandidates(input);
    return (
      <Box height={1} flexShrink={0}>
        <Box flexShrink={1}>
          <Text wrap="truncate-start" {...theme.accent}>{`:${typed}${CARET}`}</Text>
        </Box>
        <Text wrap="truncate-end" {...theme.dim}>
          {candidates.length === 0 ? '  no such command' : `  ${candidates.map((c) => `:${c}`).join(' ')}`}
        </Text>
      </Box>
    );
  }
  if (overlay.kind === 'filter' || overlay.kind === 'prompt') {
    const label =
      overlay.kind === 'filter'
        ? '/'
        : overlay.prompt.purpose === 'pane'
          ? `${overlay.prompt.label}: `
          : overlay.prompt.purpose === 'edit'
            ? 'Edit task: '
            : `Add to ${overlay.prompt.file}${overlay.prompt.project.length > 0 ? ` › ${cleanLine(overlay.prompt.project.join(' / '), false)}` : ''}: `;
    return (
      <Box height={1} flexShrink={0}>
        <Text {...theme.accent}>{label}</Text>
        <Box flexShrink={1}>
          <Text wrap="truncate-start">{`${typed}${CARET}`}</Text>
        </Box>
      </Box>
    );
  }
  if (!message) return <Box height={1} flexShrink={0} />;
  const tone = message.tone === 'error' ? theme.error : message.tone === 'warn' ? theme.warn : theme.info;
  const prefix = theme.color ? '' : message.tone === 'error' ? 'error: ' : message.tone === 'warn' ? 'warning: ' : '';
  return (
    <Box height={1} flexShrink={0}>
      <Text wrap="truncate-end" {...tone}>
        {prefix}
        {cleanLine(message.text, false)}
      </Text>
    </Box>
  );
}
