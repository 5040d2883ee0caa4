import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../models/config.js';
import { SECTION_NOTES, commentedDefaultsText } from '../../src/config/default-config-text.js';
import { defaultConfig, parseConfigText } from '../../src/config/load-config.js';

/** What an editor's toggle-comment does: remove one `# ` (or a lone `#`) from each line. */
function uncomment(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^# ?/, ''))
    .join('\n');
}

describe('the commented defaults that opsdeck init writes', () => {
  const text = commentedDefaultsText();

  it('parses as is and means the defaults', () => {
    expect(parseConfigText(text, 'opsdeck.yaml')).toEqual(defaultConfig());
  });

  it('uncommented, is valid YAML equal to the defaults', () => {
    const uncommented = uncomment(text);
    expect(uncommented).toContain('environments:\n');
    expect(parseConfigText(uncommented, 'opsdeck.yaml')).toEqual(defaultConfig());
  });

  it('shows every section of the schema, each with a note', () => {
    for (const key of Object.keys(ConfigSchema.shape)) {
      expect(text).toContain(`\n# ${key}:`);
      expect(SECTION_NOTES[key as keyof typeof SECTION_NOTES]).toBeTruthy();
    }
  });

  it('changes when the defaults change (generated, not a copy)', () => {
    const changed = { ...defaultConfig(), ui: { ...defaultConfig().ui, clock: false } };
    expect(commentedDefaultsText(changed)).toContain('#   clock: false');
    expect(text).toContain('#   clock: true');
  });

  it('fits 80 columns', () => {
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
