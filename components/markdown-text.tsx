// One pre-wrapped line of a chat message: styled spans (from src/chat/markdown.ts, already
// sanitized and wrapped to the width) as nested <Text>. Styles never come from the text itself.
import { Text } from 'ink';
import type { TextProps } from 'ink';
import type { MdLine, MdStyle } from '../src/chat/wrap.js';
import type { Theme } from './theme.js';

type Style = Pick<TextProps, 'color' | 'bold' | 'italic' | 'dimColor' | 'strikethrough' | 'underline'>;

function styleOf(style: MdStyle, theme: Theme): Style {
  if (!theme.color) return style === 'bold' || style === 'heading' ? { bold: true } : {};
  switch (style) {
    case 'bold':
      return { bold: true };
    case 'italic':
      return { italic: true };
    case 'heading':
      return { bold: true, color: 'cyan' };
    case 'code':
    case 'codeblock':
      return { color: 'yellow' };
    case 'quote':
    case 'dim':
    case 'note':
      return { dimColor: true };
    case 'link':
      return { underline: true, color: 'blue' };
    case 'strike':
      return { strikethrough: true };
    case 'user':
      return { color: 'green' };
    default:
      return {};
  }
}

export function MarkdownLine({ line, theme }: { line: MdLine; theme: Theme }) {
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((span, i) => (
        <Text key={i} {...styleOf(span.style, theme)}>
          {span.text}
        </Text>
      ))}
    </Text>
  );
}
