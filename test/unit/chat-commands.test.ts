import { describe, expect, it } from 'vitest';
import { insideTripleQuotes, isMultiLinePaste, normalizePaste, parseSubmission, recall, unfence } from '../../src/chat/commands.js';
import { conversation, liveTokensPerSecond, progressBar } from '../../src/chat/chat-state.js';
import { fitAskPrompt, preCut } from '../../src/chat/ask.js';
import { TRUNCATION_NOTE } from '../../src/llm/redact.js';

describe('parseSubmission', () => {
  it('tells messages from slash commands', () => {
    expect(parseSubmission('  ')).toEqual({ kind: 'empty' });
    expect(parseSubmission('why is it down?')).toEqual({ kind: 'message', text: 'why is it down?' });
    expect(parseSubmission('//etc/passwd is a path')).toEqual({ kind: 'message', text: '/etc/passwd is a path' });
    expect(parseSubmission('/save')).toEqual({ kind: 'command', command: { kind: 'save', name: undefined } });
    expect(parseSubmission('/save incident-42')).toEqual({ kind: 'command', command: { kind: 'save', name: 'incident-42' } });
    expect(parseSubmission('/LOAD x')).toEqual({ kind: 'command', command: { kind: 'load', name: 'x' } });
    expect(parseSubmission('/clear')).toEqual({ kind: 'command', command: { kind: 'clear' } });
    expect(parseSubmission('/model tiny')).toEqual({ kind: 'command', command: { kind: 'model', name: 'tiny' } });
    expect(parseSubmission('/system be  brief ')).toEqual({ kind: 'command', command: { kind: 'system', text: 'be  brief' } });
    expect(parseSubmission('/stats')).toEqual({ kind: 'command', command: { kind: 'stats' } });
    expect(parseSubmission('/help')).toEqual({ kind: 'command', command: { kind: 'help' } });
    expect(parseSubmission('/nope now')).toEqual({ kind: 'command', command: { kind: 'unknown', word: 'nope' } });
  });

  it('handles """ blocks', () => {
    expect(insideTripleQuotes('"""')).toBe(true);
    expect(insideTripleQuotes('"""\nline')).toBe(true);
    expect(insideTripleQuotes('"""\nline"""')).toBe(false);
    expect(insideTripleQuotes('plain')).toBe(false);
    expect(unfence('"""\na\nb\n"""')).toBe('a\nb');
    expect(parseSubmission('"""\n/not a command\n"""')).toEqual({ kind: 'message', text: '/not a command' });
  });
});

describe('recall', () => {
  it('walks back through earlier prompts and returns to the draft', () => {
    const h = ['one', 'two'];
    let r = recall(h, null, -1, 'draft');
    expect(r).toEqual({ index: 1, text: 'two' });
    r = recall(h, r.index, -1, 'draft');
    expect(r).toEqual({ index: 0, text: 'one' });
    expect(recall(h, 0, -1, 'draft')).toEqual({ index: 0, text: 'one' });
    expect(recall(h, 1, 1, 'draft')).toEqual({ index: null, text: 'draft' });
    expect(recall(h, null, 1, 'draft')).toEqual({ index: null, text: 'draft' });
    expect(recall([], null, -1, 'd')).toEqual({ index: null, text: 'd' });
  });
});

describe('chat state helpers', () => {
  it('computes live tokens/s, the conversation and the progress bar', () => {
    expect(liveTokensPerSecond(1, 0, 1000)).toBe(0);
    expect(liveTokensPerSecond(11, 1000, 2000)).toBe(10);
    expect(liveTokensPerSecond(5, null, 2000)).toBe(0);
    expect(conversation([{ role: 'system', content: 'note', at: 0 }, { role: 'user', content: 'q', at: 1 }])).toEqual([{ role: 'user', content: 'q' }]);
    expect(progressBar(0.5, 10)).toBe('[█████░░░░░] 50%');
    expect(progressBar(Number.NaN, 4)).toBe('[░░░░] 0%');
    expect(progressBar(2, 4)).toBe('[████] 100%');
  });
});

describe('fitAskPrompt', () => {
  it('tightens the cut until the tokenizer says it fits', () => {
    const text = 'x'.repeat(10_000);
    const perChar = (t: string) => t.length; // a byte-level tokenizer: 1 token a character
    const prompt = fitAskPrompt('log', text, 500, perChar);
    expect(perChar(prompt)).toBeLessThanOrEqual(500);
    expect(prompt).toContain(TRUNCATION_NOTE);
    // without a tokenizer: the ~4 characters a token estimate
    expect(fitAskPrompt('log', text, 500).length).toBeLessThanOrEqual(2100);
    expect(fitAskPrompt('log', 'short', 500)).toBe('About this log:\n\nshort');
  });
});

describe('preCut', () => {
  it('keeps the tail from a line boundary and drops a private key cut in half', () => {
    const text = `start\n-----BEGIN RSA PRIVATE KEY-----\n${'QUJD\n'.repeat(50)}-----END RSA PRIVATE KEY-----\nafter the key\nlast line`;
    const r = preCut(text, 100);
    expect(r.cut).toBe(true);
    expect(r.text).toBe('after the key\nlast line');
    expect(preCut('short', 100)).toEqual({ text: 'short', cut: false });
    const prompt = fitAskPrompt('log', `${'filler line\n'.repeat(500)}password=hunter2`, 100);
    expect(prompt).toContain(TRUNCATION_NOTE);
    expect(prompt).toContain('password=[REDACTED]');
  });
});

describe('multi-line paste', () => {
  it('tells a paste from fast typing and key sequences', () => {
    expect(isMultiLinePaste('line one\nline two')).toBe(true);
    expect(isMultiLinePaste('a\r\nb')).toBe(true);
    expect(isMultiLinePaste('hello\r')).toBe(false);
    expect(isMultiLinePaste('\r\u001b')).toBe(false);
    expect(isMultiLinePaste('\u001b[A\nx')).toBe(false);
    expect(normalizePaste('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });
});
