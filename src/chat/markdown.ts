// Markdown replies as styled terminal lines (pure): marked's lexer plus a small renderer for
// headings, paragraphs, emphasis, inline code, code blocks, lists, quotes and rules. Model
// output is untrusted: it goes through the shared sanitizer first with keepSgr off, so no escape
// sequence at all (OSC 52, CSI 2J, OSC 8 hyperlinks, even colours) survives; styles come from
// our own renderer (Ink <Text> props), never from the text.
import { Lexer } from 'marked';
import type { Token, Tokens } from 'marked';
import { sanitize } from '../sanitize/sanitize.js';
import { pushSpan, wrapSpans } from './wrap.js';
import type { MdLine, MdSpan, MdStyle } from './wrap.js';

export type { MdLine, MdSpan, MdStyle } from './wrap.js';

/** Untrusted text to plain printable text: no escapes, no control characters, tabs as spaces. */
export function cleanText(text: string): string {
  return sanitize(text, { keepSgr: false }).replace(/\t/g, '  ');
}

/** Inline tokens to spans; `\n` inside a span means a line break. */
function inlineSpans(tokens: readonly Token[] | undefined, style: MdStyle, out: MdSpan[] = []): MdSpan[] {
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        inlineSpans((t as Tokens.Strong).tokens, style === 'heading' ? 'heading' : 'bold', out);
        break;
      case 'em':
        inlineSpans((t as Tokens.Em).tokens, style === 'heading' ? 'heading' : 'italic', out);
        break;
      case 'del':
        inlineSpans((t as Tokens.Del).tokens, 'strike', out);
        break;
      case 'codespan':
        out.push({ text: (t as Tokens.Codespan).text, style: 'code' });
        break;
      case 'br':
        out.push({ text: '\n', style });
        break;
      case 'link': {
        const link = t as Tokens.Link;
        inlineSpans(link.tokens, 'link', out);
        const label = link.tokens?.map((x) => x.raw).join('') ?? '';
        // the address is shown as text, never as an OSC 8 hyperlink
        if (link.href && link.href !== label) out.push({ text: ` (${link.href})`, style: 'dim' });
        break;
      }
      case 'image':
        out.push({ text: `[image: ${(t as Tokens.Image).text}]`, style: 'dim' });
        break;
      case 'text': {
        const text = t as Tokens.Text;
        if (text.tokens && text.tokens.length > 0) inlineSpans(text.tokens, style, out);
        else out.push({ text: decodeEntities(text.text), style });
        break;
      }
      case 'escape':
        out.push({ text: (t as Tokens.Escape).text, style });
        break;
      default:
        out.push({ text: decodeEntities(t.raw), style });
    }
  }
  return out;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
}

/** Splits spans at `\n` into logical lines. */
function splitLines(spans: readonly MdSpan[]): MdSpan[][] {
  const lines: MdSpan[][] = [[]];
  for (const span of spans) {
    const parts = span.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      pushSpan(lines[lines.length - 1] as MdSpan[], { text: part, style: span.style });
    });
  }
  return lines;
}

function wrapInline(spans: readonly MdSpan[], width: number, first: MdSpan[], rest: MdSpan[]): MdLine[] {
  const out: MdLine[] = [];
  splitLines(spans).forEach((line, i) => out.push(...wrapSpans(line, width, i === 0 ? first : rest, rest)));
  return out;
}

function blockLines(token: Token, width: number, prefix: MdSpan[]): MdLine[] {
  const indent = prefix.map((s) => ({ ...s }));
  switch (token.type) {
    case 'heading': {
      const h = token as Tokens.Heading;
      return wrapInline(inlineSpans(h.tokens, 'heading'), width, indent, indent);
    }
    case 'paragraph':
      return wrapInline(inlineSpans((token as Tokens.Paragraph).tokens, 'text'), width, indent, indent);
    case 'text': {
      const t = token as Tokens.Text;
      return wrapInline(t.tokens ? inlineSpans(t.tokens, 'text') : [{ text: t.text, style: 'text' }], width, indent, indent);
    }
    case 'code': {
      const code = token as Tokens.Code;
      const lines: MdLine[] = [];
      if (code.lang) lines.push([...indent, { text: code.lang, style: 'dim' }]);
      for (const line of code.text.split('\n')) lines.push(...wrapSpans([{ text: line || ' ', style: 'codeblock' }], width, [...indent, { text: '  ', style: 'codeblock' }], [...indent, { text: '  ', style: 'codeblock' }]));
      return lines;
    }
    case 'blockquote': {
      const inner = [...indent, { text: '│ ', style: 'quote' as const }];
      return blocksLines((token as Tokens.Blockquote).tokens, width, inner);
    }
    case 'list': {
      const list = token as Tokens.List;
      const lines: MdLine[] = [];
      const start = typeof list.start === 'number' ? list.start : 1;
      list.items.forEach((item, i) => {
        const bullet = list.ordered ? `${start + i}. ` : item.task ? (item.checked ? '☑ ' : '☐ ') : '• ';
        const pad = ' '.repeat(bullet.length);
        const itemLines = blocksLines(item.tokens, width, [...indent, { text: pad, style: 'text' }], false);
        const first = itemLines[0];
        // swap the first line's indent and padding for the indent and the bullet
        if (first) itemLines[0] = [...indent.map((s) => ({ ...s })), { text: bullet, style: 'dim' }, ...dropColumns(first, prefixLength(indent) + pad.length)];
        lines.push(...itemLines);
      });
      return lines;
    }
    case 'hr':
      return [[...indent, { text: '─'.repeat(Math.max(1, Math.min(40, width - 2))), style: 'dim' }]];
    case 'space':
      return [];
    case 'table': {
      const raw = token.raw.replace(/\n+$/, '');
      return raw.split('\n').flatMap((l) => wrapSpans([{ text: l, style: 'text' }], width, indent, indent));
    }
    default:
      return token.raw.replace(/\n+$/, '').split('\n').flatMap((l) => wrapSpans([{ text: decodeEntities(l), style: 'text' }], width, indent, indent));
  }
}

function prefixLength(prefix: readonly MdSpan[]): number {
  return prefix.reduce((n, s) => n + s.text.length, 0);
}

/** The line without its first `n` characters (the prefix, which is plain ASCII). */
function dropColumns(line: MdLine, n: number): MdLine {
  const out: MdLine = [];
  let left = n;
  for (const span of line) {
    if (left >= span.text.length) {
      left -= span.text.length;
      continue;
    }
    out.push({ text: span.text.slice(left), style: span.style });
    left = 0;
  }
  return out;
}

function blocksLines(tokens: readonly Token[], width: number, prefix: MdSpan[], spaced = true): MdLine[] {
  const out: MdLine[] = [];
  for (const token of tokens) {
    const lines = blockLines(token, width, prefix);
    if (lines.length === 0) continue;
    if (spaced && out.length > 0) out.push(prefix.length ? prefix.map((s) => ({ ...s })) : []);
    out.push(...lines);
  }
  return out;
}

/** Renders untrusted markdown to lines of at most `width` columns. */
export function markdownLines(markdown: string, width: number): MdLine[] {
  const clean = cleanText(markdown);
  if (!clean.trim()) return [];
  let tokens: Token[];
  try {
    tokens = new Lexer({ gfm: true }).lex(clean);
  } catch {
    return plainLines(clean, width, 'text');
  }
  return blocksLines(tokens, Math.max(4, width), []);
}

/** Plain (not markdown) untrusted text as wrapped lines in one style. */
export function plainLines(text: string, width: number, style: MdStyle): MdLine[] {
  return cleanText(text)
    .split('\n')
    .flatMap((l) => wrapSpans([{ text: l, style }], Math.max(4, width)));
}
