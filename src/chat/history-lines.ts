// The chat history as pre-wrapped lines (pure), cached per message and width so a long
// restored session is wrapped once and only the visible tail is ever rendered.
import type { ChatEntry } from '../../models/chat-session.js';
import type { ChatLive } from './chat-state.js';
import { markdownLines, plainLines } from './markdown.js';
import type { MdLine } from './wrap.js';

const cache = new WeakMap<ChatEntry, { width: number; lines: MdLine[] }>();

function statsText(entry: ChatEntry): string {
  const s = entry.stats;
  if (!s) return '';
  return ` · ${s.tokensPerSecond.toFixed(1)} tok/s · ${s.completionTokens} tokens${s.stopped ? ' · stopped' : ''}`;
}

/** A message's lines: a heading line, then its body (markdown for replies, plain otherwise). */
export function entryLines(entry: ChatEntry, width: number): MdLine[] {
  const hit = cache.get(entry);
  if (hit && hit.width === width) return hit.lines;
  let lines: MdLine[];
  if (entry.role === 'system') {
    lines = plainLines(entry.content, width - 2, 'note').map((l) => [{ text: '· ', style: 'note' }, ...l]);
  } else if (entry.role === 'user') {
    const head: MdLine = [{ text: `› ${entry.title ?? 'you'}`, style: 'user' }];
    lines = [head, ...plainLines(entry.content, width - 2, 'text').map((l): MdLine => [{ text: '  ', style: 'text' }, ...l])];
  } else {
    const head: MdLine = [{ text: `‹ ${entry.model ?? 'model'}`, style: 'heading' }, { text: statsText(entry), style: 'dim' }];
    lines = [head, ...markdownLines(entry.content, width)];
  }
  lines.push([]);
  cache.set(entry, { width, lines });
  return lines;
}

export function liveLines(live: ChatLive, model: string, width: number): MdLine[] {
  const head: MdLine = [{ text: `‹ ${model}`, style: 'heading' }, { text: live.text ? ' · streaming…' : ' · thinking…', style: 'dim' }];
  return [head, ...markdownLines(live.text, width)];
}

/**
 * The `height` lines that end `scroll` lines above the bottom, wrapping messages from the last
 * one backwards only as far as needed. Returns the lines and the largest useful scroll.
 */
export function visibleLines(entries: readonly ChatEntry[], live: MdLine[], width: number, height: number, scroll: number): { lines: MdLine[]; maxScroll: number; more: boolean } {
  const need = height + scroll;
  const collected: MdLine[][] = [live];
  let count = live.length;
  let i = entries.length - 1;
  for (; i >= 0 && count < need + 1; i -= 1) {
    const lines = entryLines(entries[i] as ChatEntry, width);
    collected.unshift(lines);
    count += lines.length;
  }
  const all = collected.flat();
  const maxScroll = Math.max(0, all.length - height);
  const s = Math.min(scroll, maxScroll);
  const end = all.length - s;
  return { lines: all.slice(Math.max(0, end - height), end), maxScroll: i >= 0 ? Number.POSITIVE_INFINITY : maxScroll, more: i >= 0 || end - height > 0 };
}
