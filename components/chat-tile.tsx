// The chat tile's body on the dashboard: the model (or how to get one), the last reply's last
// line, and the GPU summary.
import { Text } from 'ink';
import { tileGpuText } from '../src/gpu/gpu-format.js';
import { paneKey } from '../src/keys/keymap.js';
import { useAppStore, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';

function lastReplyLine(content: string | undefined): string {
  if (!content) return '';
  const lines = content.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? '';
}

function lastAssistant(entries: readonly { role: string; content: string }[]): string | undefined {
  for (let i = entries.length - 1; i >= 0; i -= 1) if (entries[i]?.role === 'assistant') return entries[i]?.content;
  return undefined;
}

export function ChatTileBody({ lines }: { lines: number }) {
  const theme = useTheme();
  const keymap = useAppStore((s) => s.keymap);
  const model = useAppStore((s) => s.chat.model?.name ?? null);
  const phase = useAppStore((s) => s.chat.phase);
  const streaming = useAppStore((s) => s.chat.live !== null);
  const last = useAppStore((s) => lastReplyLine(lastAssistant(s.chat.entries)));
  // slow-changing text only (the header meter has the live utilisation): an idle dashboard stays quiet
  const gpu = useAppStore((s) => tileGpuText(s.gpu));
  const rows: { text: string; style: object }[] = [];
  if (model) rows.push({ text: `model ${cleanLine(model, false)}${streaming ? ' · answering…' : ''}`, style: {} });
  else if (phase === 'loading') rows.push({ text: 'loading a model…', style: theme.dim });
  else rows.push({ text: `no model loaded · ${paneKey(keymap, 'chat')} opens the chat`, style: theme.dim });
  if (last) rows.push({ text: `‹ ${cleanLine(last, false)}`, style: theme.dim });
  rows.push({ text: gpu || `${paneKey(keymap, 'gpu')} GPU stats`, style: theme.dim });
  return (
    <>
      {rows.slice(0, Math.max(1, lines)).map((r, i) => (
        <Text key={i} wrap="truncate-end" {...r.style}>
          {r.text}
        </Text>
      ))}
    </>
  );
}
