import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from '../../models/config.js';

const DEMO = fileURLToPath(new URL('../../examples/demo', import.meta.url));

describe('examples/demo/.orchestration/opsdeck.yaml', () => {
  const raw: unknown = parse(readFileSync(join(DEMO, '.orchestration', 'opsdeck.yaml'), 'utf8'));
  const result = ConfigSchema.safeParse(raw);

  it('is valid against ConfigSchema', () => {
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('has staging and production, production flagged', () => {
    const config = ConfigSchema.parse(raw);
    expect(config.environments.map((e) => [e.name, e.production])).toEqual([
      ['staging', false],
      ['production', true],
    ]);
  });

  it('points every check and script at an executable script of the workspace', () => {
    const config = ConfigSchema.parse(raw);
    const commands = [...config.checks.map((c) => c.command), ...Object.values(config.scripts)];
    for (const command of commands) {
      const script = command.split(' ')[0]!;
      expect(script, command).toMatch(/^\.\/scripts\/[a-z-]+\.sh$/);
      const path = join(DEMO, script);
      expect(existsSync(path), path).toBe(true);
      expect(statSync(path).mode & 0o111, path).not.toBe(0);
    }
  });

  it('lists the SOP §4.1 backup schedule and the §4.3 objectives', () => {
    const config = ConfigSchema.parse(raw);
    expect(config.backups.components.map((c) => c.schedule)).toEqual(['Daily 02:00 UTC', 'Hourly', 'Daily 03:00 UTC', 'Weekly Sunday', 'On change']);
    expect([config.backups.rpo, config.backups.rto]).toEqual(['1 hour', '4 hours']);
  });
});

describe('examples/demo/scripts/README.md', () => {
  it('documents every step name each script declares', () => {
    const readme = readFileSync(join(DEMO, 'scripts', 'README.md'), 'utf8');
    const scripts = readdirSync(join(DEMO, 'scripts')).filter((name) => name.endsWith('.sh') && name !== 'lib.sh');
    expect(scripts.length).toBeGreaterThanOrEqual(7);
    for (const name of scripts) {
      const source = readFileSync(join(DEMO, 'scripts', name), 'utf8');
      const declared = /^declare_steps (.+)$/m.exec(source);
      expect(declared, name).not.toBeNull();
      for (const step of declared![1]!.split(' ')) expect(readme, `${name} ${step}`).toContain(`\`${name.replace(/\.sh$/, '')}:${step}\``);
    }
  });
});

describe('examples/demo/.orchestration/sop.md', () => {
  it('keeps the SOP section numbers the panes read', () => {
    const sop = readFileSync(join(DEMO, '.orchestration', 'sop.md'), 'utf8');
    for (const heading of ['### 2.1 ', '### 2.2 ', '### 2.3 ', '### 4.1 Backup Schedule', '### 4.2 ', '### 4.3 ', '### 6.1 ', '### 6.2 ', '### 6.3 ']) {
      expect(sop, heading).toContain(heading);
    }
    expect(sop).toContain('| Component | Frequency       | Type        | Retention | Location |');
    expect(sop).toMatch(/#### RTO \(Recovery Time Objective\): 4 hours/);
    expect(sop.match(/SLA: /g)).toHaveLength(4);
  });
});
