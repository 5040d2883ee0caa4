import { describe, expect, it } from 'vitest';
import { cleanText, markdownLines, plainLines } from '../../src/chat/markdown.js';
import { lineText, lineWidth, wrapSpans } from '../../src/chat/wrap.js';
import type { MdLine } from '../../src/chat/wrap.js';

const texts = (lines: MdLine[]) => lines.map(lineText);
const styles = (line: MdLine | undefined) => (line ?? []).map((s) => s.style);

describe('markdownLines', () => {
  it('renders headings, emphasis, inline code, links, lists, code blocks, quotes and rules', () => {
    const md = '# Title\n\nHello *world* and **bold** `code` [docs](https://x.y/z)\n\n- one\n- two\n  - nested\n1. first\n2. second\n\n```sh\nls -la\n```\n> quoted\n\n---\n';
    const lines = markdownLines(md, 60);
    expect(texts(lines)).toEqual([
      'Title',
      '',
      'Hello world and bold code docs (https://x.y/z)',
      '',
      '• one',
      '• two',
      '  • nested',
      '',
      '1. first',
      '2. second',
      '',
      'sh',
      '  ls -la',
      '',
      '│ quoted',
      '',
      '─'.repeat(40),
    ]);
    expect(styles(lines[0])).toEqual(['heading']);
    expect(styles(lines[2])).toEqual(['text', 'italic', 'text', 'bold', 'text', 'code', 'text', 'link', 'dim']);
    expect(styles(lines[12])).toEqual(['codeblock']);
    expect(styles(lines[14])[0]).toBe('quote');
  });

  it('wraps to the width, keeping every line within it', () => {
    const md = 'word '.repeat(60) + '\n\n- ' + 'item '.repeat(30) + '\n\n' + 'x'.repeat(130);
    for (const width of [20, 33, 80]) {
      const lines = markdownLines(md, width);
      for (const l of lines) expect(lineWidth(l)).toBeLessThanOrEqual(width);
      expect(lines.map(lineText).join(' ').replace(/[•\s]+/g, ' ').match(/word/g)).toHaveLength(60);
    }
    // list continuation lines are indented under the text
    const list = markdownLines('- ' + 'item '.repeat(30), 20);
    expect(lineText(list[1] as MdLine).startsWith('  item')).toBe(true);
  });

  it('drops every escape sequence and control character from untrusted text', () => {
    const evil =
      'a \u001b]52;c;ZXZpbA==\u0007b \u001b[2J\u001b[3J\u001b[Hc \u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\ \u009b31md \u001b[31mred\u001b[0m \u0000\u0008e\r\n```\n\u001b]0;title\u0007code\n```';
    const all = texts(markdownLines(evil, 80)).join('\n');
    expect(all).toContain('link');
    expect(all).toContain('red');
    expect(all).toContain('code');
    // eslint-disable-next-line no-control-regex
    expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(cleanText('\u001b[31mx\u001b[0m\ty')).toBe('x  y');
  });

  it('renders nothing for blank text and plain text without markdown', () => {
    expect(markdownLines('   \n', 40)).toEqual([]);
    expect(texts(plainLines('*not* markdown\nline 2', 40, 'text'))).toEqual(['*not* markdown', 'line 2']);
  });
});

describe('wrapSpans', () => {
  it('breaks a word longer than the line and prefixes continuation lines', () => {
    const lines = wrapSpans([{ text: 'abcdefghij klm', style: 'text' }], 6, [{ text: '> ', style: 'dim' }], [{ text: '  ', style: 'dim' }]);
    expect(texts(lines)).toEqual(['> abcd', '  efgh', '  ij', '  klm']);
    expect(wrapSpans([{ text: '日本語のテキスト', style: 'text' }], 6).map(lineWidth).every((w) => w <= 6)).toBe(true);
  });
});
