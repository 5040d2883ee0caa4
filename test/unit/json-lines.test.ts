import { describe, expect, it } from 'vitest';
import { jsonLines } from '../../src/json-lines.js';

describe('jsonLines', () => {
  it('numbers lines from 1 (or firstLine), skips blank ones and keeps bad JSON as json: false', () => {
    const text = '{"a":1}\n\n  \nnot json\r\n[2]\n{"torn":';
    expect([...jsonLines(text)]).toEqual([
      { line: 1, value: { a: 1 }, json: true, text: '{"a":1}', unterminated: false },
      { line: 4, value: undefined, json: false, text: 'not json', unterminated: false },
      { line: 5, value: [2], json: true, text: '[2]', unterminated: false },
      { line: 6, value: undefined, json: false, text: '{"torn":', unterminated: true },
    ]);
    expect([...jsonLines('1\n2\n', { firstLine: 40 })].map((l) => [l.line, l.value, l.unterminated])).toEqual([
      [40, 1, false],
      [41, 2, false],
    ]);
  });

  it('leaves out lines holding the skip text, unparsed', () => {
    const text = '{"event":"step-started","x":{broken\n{"event":"finished"}\n';
    expect([...jsonLines(text, { skip: '"event":"step-started"' })].map((l) => l.value)).toEqual([{ event: 'finished' }]);
    expect([...jsonLines('')]).toEqual([]);
  });
});
