// `opsdeck init`: scaffolds .orchestration/ (current.todo, backlog.todo, opsdeck.yaml with
// commented defaults) in the current folder or --root. Never overwrites a file.
import type { RegisterCommand } from './cli-context.js';
import { resolveExplicitRoot } from '../src/cli/find-root.js';
import { scaffoldRepo } from '../src/cli/init-scaffold.js';

export const registerInit: RegisterCommand = (program, ctx) => {
  program
    .command('init')
    .description('scaffold .orchestration/ here (never overwrites a file)')
    .action(async () => {
      const globals = ctx.globals();
      const root = globals.demo
        ? await ctx.resolveRoot()
        : globals.root !== undefined
          ? await resolveExplicitRoot(process.cwd(), globals.root)
          : process.cwd();
      const results = await scaffoldRepo(root);
      for (const result of results) {
        ctx.out(result.status === 'created' ? `created ${result.path}` : `kept ${result.path} (exists)`);
      }
      if (results.some((r) => r.status === 'created')) ctx.out('next: `opsdeck doctor` checks the scripts and tools');
    });
};
