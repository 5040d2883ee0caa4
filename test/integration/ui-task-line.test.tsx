// A task line fits the width it is given: the text is cut before its tags, tags go (elapsed
// first) when there is no room, and nothing ever passes the edge (it would spill into the
// next dashboard tile).
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { makeTheme } from '../../components/theme.js';
import { TaskLine } from '../../components/task-line.js';
import type { Task } from '../../models/todo.js';
import { displayWidth } from '../../src/sanitize/text-width.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const LONG: Task = {
  id: 'a1',
  text: 'Postmortem for INC-2291: webhook retry storm after the v1.2.2 deploy',
  state: 'started',
  project: ['Incident follow-ups'],
  tags: { critical: null, today: null, started: '26-11-25 19:00' },
  file: 'current',
  line: 2,
};

function line(width: number, compact = false): string {
  const theme = makeTheme(false);
  const { lastFrame, unmount } = render(<TaskLine task={LONG} focused={false} now={NOW} theme={theme} width={width} compact={compact} />);
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
}

describe('TaskLine', () => {
  it('keeps the tags and cuts the text when there is room for both', () => {
    const out = line(80);
    expect(out).toBe('  ☐ Postmortem for INC-2291: webhook retry stor… @critical @today started 17h00m');
    expect(displayWidth(out)).toBe(80);
  });

  it('drops the tags, elapsed time first, before the text gets shorter than 12 columns', () => {
    expect(line(40)).toBe('  ☐ Postmortem for INC… @critical @today');
    expect(line(34)).toBe('  ☐ Postmortem f… @critical @today');
    expect(line(30)).toBe('  ☐ Postmortem for … @critical');
    const tile = line(22, true);
    expect(tile).toBe('☐ Postmortem for INC-…');
    for (const width of [10, 22, 30, 50, 79]) expect(displayWidth(line(width, true))).toBeLessThanOrEqual(width);
  });

});
