import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTodo, serializeTodo } from '../../src/tasks/todo-parse.js';
import { foldSpaces, parseLine, scanTags } from '../../src/tasks/todo-line.js';

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/todo/${name}`, import.meta.url)), 'utf8');

describe('parseTodo round-trip', () => {
  const cases: Record<string, string> = {
    'LF with final newline': 'P:\n  ☐ a\n',
    'CRLF': 'P:\r\n  ☐ a\r\n  ✔ b @done(25-01-01 10:00)\r\n',
    'BOM': '\uFEFF☐ a\n',
    'tabs': 'P:\n\t☐ a\n\tQ:\n\t\t☐ b\n',
    'trailing spaces': 'P:   \n  ☐ a   \n   \n',
    'unicode': '日本:\n  ☐ café ☕ 👩‍💻 text\n',
    'blank lines': '\n\n☐ a\n\n\n',
    'notes': 'P:\n  just a note\n  ☐ a\n    note under a\n',
    'no final newline': 'P:\n  ☐ a',
    'mixed markers': '☐ a\n❍ b\n- c\n✔ d\n✓ e\n✘ f\n- [ ] g\n- [x] h\n* [ ] i\n* [X] j\n',
    'mixed line endings': 'a:\r\n  ☐ b\n  ☐ c\r\n',
    'lone CR kept in content': 'a\rb\n☐ c\n',
    'empty file': '',
    'only newline': '\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`is byte-identical: ${name}`, () => {
      expect(serializeTodo(parseTodo(text, 'current'))).toBe(text);
    });
  }
  it('is byte-identical for the fixtures', () => {
    for (const name of ['mixed.todo', 'crlf-bom-tabs.todo', 'markdown.todo']) {
      const text = fixture(name);
      expect(serializeTodo(parseTodo(text, 'current'))).toBe(text);
    }
  });
});

describe('parseTodo structure', () => {
  it('finds projects, nesting, states and tags in the mixed fixture', () => {
    const parsed = parseTodo(fixture('mixed.todo'), 'current');
    expect(parsed.projects.map((p) => p.path.join(' > '))).toEqual(['Deploy pipeline', 'Deploy pipeline > Canary', 'Backups']);
    const byText = new Map(parsed.tasks.map((t) => [t.text, t]));
    expect(byText.get('Write rollback runbook')).toMatchObject({ state: 'pending', tags: { high: null }, project: ['Deploy pipeline'], line: 2 });
    expect(byText.get('Add smoke tests to deploy.sh')?.tags).toEqual({ est: '2h' });
    expect(byText.get('Tag release v1.2.3')?.state).toBe('done');
    expect(byText.get('Try blue/green on staging')?.state).toBe('cancelled');
    expect(byText.get('Verify health endpoint')).toMatchObject({ state: 'pending', tags: { today: null } });
    expect(byText.get('Update status page script')?.state).toBe('started');
    expect(byText.get('Canary at 5%')?.project).toEqual(['Deploy pipeline', 'Canary']);
    expect(byText.get('Check error rate dashboard')?.state).toBe('pending');
    expect(byText.get('Ship canary config')?.state).toBe('done');
    expect(byText.get('Page the DB team')?.tags).toEqual({ owner: 'alice' });
    expect(byText.get('Restore drill')).toMatchObject({ state: 'done', project: ['Backups'] });
    expect(byText.get('A top-level task with unicode: café ☕ 日本語')?.project).toEqual([]);
    expect(parsed.tasks).toHaveLength(13);
    expect(parsed.lines.filter((l) => l.kind === 'note')).toHaveLength(2);
    expect(parsed.eol).toBe('\n');
    expect(parsed.bom).toBe(false);
    expect(parsed.indentUnit).toBe('  ');
  });

  it('handles BOM, CRLF and tab indentation', () => {
    const parsed = parseTodo(fixture('crlf-bom-tabs.todo'), 'backlog');
    expect(parsed.bom).toBe(true);
    expect(parsed.eol).toBe('\r\n');
    expect(parsed.indentUnit).toBe('\t');
    expect(parsed.tasks.map((t) => [t.text, t.project.join('/'), t.state, t.file])).toEqual([
      ['First task', 'Ops', 'pending', 'backlog'],
      ['Second task', 'Ops', 'pending', 'backlog'],
      ['Done thing', 'Ops/Inner', 'done', 'backlog'],
      ['Nested pending', 'Ops/Inner', 'pending', 'backlog'],
    ]);
    expect(parsed.lines.at(-1)).toMatchObject({ kind: 'note', eol: '' });
  });

  it('ends a project at a line indented no deeper than it', () => {
    const parsed = parseTodo('A:\n  ☐ in a\n☐ top\nB:\n  ☐ in b\n', 'current');
    expect(parsed.tasks.map((t) => t.project)).toEqual([['A'], [], ['B']]);
  });

  it('gives ids that ignore marker, tags and line number but tell identical siblings apart', () => {
    const a = parseTodo('P:\n  ☐ same\n  ☐ same\n  ☐ other @high\n', 'current');
    const b = parseTodo('intro note\n\nP:\n  ✔ same @done(25-01-01 10:00)\n  ☐ same @started(25-01-01 09:00)\n  ☐ other\n', 'current');
    expect(a.tasks.map((t) => t.id)).toEqual(b.tasks.map((t) => t.id));
    expect(new Set(a.tasks.map((t) => t.id)).size).toBe(3);
    expect(a.tasks[0]!.id).toMatch(/^[0-9a-f]{8}$/);
    const c = parseTodo('Q:\n  ☐ same\n', 'current');
    expect(c.tasks[0]!.id).not.toBe(a.tasks[0]!.id);
  });

  it('treats lines that only look like tasks or projects as notes', () => {
    expect(parseLine('--- separator ---').kind).toBe('note');
    expect(parseLine('-no space').kind).toBe('note');
    expect(parseLine('☐x').kind).toBe('note');
    expect(parseLine('Note: with text after').kind).toBe('note');
    expect(parseLine(':').kind).toBe('note');
    expect(parseLine('   ').kind).toBe('blank');
    expect(parseLine('Project: @high @est(1d)  ').kind).toBe('project');
    expect(parseLine('- task ending in colon:').kind).toBe('task');
    expect(parseLine('✔️ emoji check').task?.marker).toBe('✔\uFE0F');
  });

  it('scans tags with values and ignores e-mail addresses', () => {
    const tags = scanTags('mail bob@example.com @due(25-01-02 10:00) @x @unterminated(');
    expect(tags.map((t) => [t.name, t.value])).toEqual([
      ['due', '25-01-02 10:00'],
      ['x', null],
      ['unterminated', null],
    ]);
  });

  it('parses 20,000 tasks in time linear in the size (all tasks found)', () => {
    const lines: string[] = [];
    for (let p = 0; p < 200; p += 1) {
      lines.push(`Project ${p}:`);
      for (let t = 0; t < 100; t += 1) lines.push(`  ☐ task ${p}-${t} @high @est(1h)`);
    }
    const text = `${lines.join('\n')}\n`;
    const parsed = parseTodo(text, 'current');
    expect(parsed.tasks).toHaveLength(20_000);
    expect(new Set(parsed.tasks.map((t) => t.id)).size).toBe(20_000);
    expect(serializeTodo(parsed)).toBe(text);
  });
});

describe('foldSpaces', () => {
  it('folds and trims exactly as /\\s+/g -> " " then trim(), fast path or not', () => {
    const pieces = ['a', 'Zz', '1', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', 'é', '☐', '🚀', '\u007f', '\u0001', '@x', '(', ')'];
    let seed = 7;
    const next = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let i = 0; i < 5000; i += 1) {
      let text = '';
      for (let k = next(9); k > 0; k -= 1) text += pieces[next(pieces.length)];
      expect(foldSpaces(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' ').trim());
    }
  });

  it('returns a plain single-spaced line itself', () => {
    const line = 'deploy payments-api to staging';
    expect(foldSpaces(line)).toBe(line);
  });
});
