import { describe, expect, it } from 'vitest';
import { COMMANDS, cockpitOnlyOptions, commandsFor, firstOperand } from '../../commands/index.js';

describe('which command modules a command line needs', () => {
  it('finds the first operand past the global options and their values', () => {
    expect(firstOperand([])).toBeUndefined();
    expect(firstOperand(['--demo', '--readonly'])).toBeUndefined();
    expect(firstOperand(['--root', 'tasks', 'kpi'])).toBe('kpi');
    expect(firstOperand(['-r', '/srv/x', 'deploy', 'staging'])).toBe('deploy');
    expect(firstOperand(['--', 'tasks'])).toBe('tasks');
  });

  it('loads none for the cockpit, one for a command, all for help and typos', () => {
    expect(commandsFor([])).toEqual([]);
    expect(commandsFor(['--demo'])).toEqual([]);
    expect(commandsFor(['incidents', '--open']).map((c) => c.names)).toEqual([['incident', 'incidents']]);
    expect(commandsFor(['--help'])).toBe(COMMANDS);
    expect(commandsFor(['help', 'tasks'])).toBe(COMMANDS);
    expect(commandsFor(['taks'])).toBe(COMMANDS);
  });

  it('every command module registers the names it is listed under', async () => {
    const { Command } = await import('commander');
    for (const entry of COMMANDS) {
      const program = new Command('opsdeck');
      const register = await entry.load();
      register(program, { globals: () => ({ color: true, readonly: false }), out: () => undefined, err: () => undefined, resolveRoot: async () => '/', setExitCode: () => undefined });
      const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
      for (const name of entry.names) expect(names, `${entry.names.join('/')}`).toContain(name);
    }
  });
});

describe('starting the cockpit without commander', () => {
  it('takes only the global options', () => {
    expect(cockpitOnlyOptions([])).toEqual({ color: true, readonly: false });
    expect(cockpitOnlyOptions(['--demo', '--no-color', '--readonly'])).toEqual({ demo: true, color: false, readonly: true });
    expect(cockpitOnlyOptions(['-r', '/srv/payments-api'])).toEqual({ root: '/srv/payments-api', color: true, readonly: false });
    expect(cockpitOnlyOptions(['--root=/srv/x'])).toMatchObject({ root: '/srv/x' });
  });

  it('leaves commands, help, version, unknown and malformed options to commander', () => {
    for (const argv of [['tasks'], ['--help'], ['-V'], ['--bogus'], ['--root'], ['--root', '--demo'], ['--root='], ['x']]) expect(cockpitOnlyOptions(argv), argv.join(' ')).toBeUndefined();
  });
});
