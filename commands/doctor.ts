// STUB: owned by a helper; replaced by the real command.
import type { RegisterCommand } from './cli-context.js';

export const registerDoctor: RegisterCommand = (program) => {
  program.command('doctor').description('(not built yet)');
};
