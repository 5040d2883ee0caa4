// `opsdeck doctor`: checks the repo layout, the config, the SOP scripts and the tools, and
// says what to do about each problem. Exit 1 when something required is missing.
import type { RegisterCommand } from './cli-context.js';
import { shouldUseColor, paint } from '../src/cli/color.js';
import { doctorExitCode, runDoctorChecks } from '../src/cli/doctor-checks.js';
import { renderDoctorTable } from '../src/cli/doctor-table.js';
import { resolveExplicitRoot, searchRepoRoot } from '../src/cli/find-root.js';

export const registerDoctor: RegisterCommand = (program, ctx) => {
  program
    .command('doctor')
    .description('check the layout, config, SOP scripts and tools')
    .option('--json', 'print the checks as a JSON array')
    .action(async (options: { json?: boolean }) => {
      const globals = ctx.globals();
      // doctor reports a missing .orchestration/ as a failed check instead of refusing to run
      const root = globals.demo
        ? await ctx.resolveRoot()
        : globals.root !== undefined
          ? await resolveExplicitRoot(process.cwd(), globals.root)
          : ((await searchRepoRoot(process.cwd())) ?? process.cwd());
      const checks = await runDoctorChecks(root);
      if (options.json) {
        ctx.out(JSON.stringify(checks, null, 2));
      } else {
        const columns = process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 80;
        ctx.out(renderDoctorTable(root, checks, paint(shouldUseColor(globals.color)), Math.min(columns, 80)));
      }
      ctx.setExitCode(doctorExitCode(checks));
    });
};
