// STUB: owned by a helper; replaced by the real command.
import type { RegisterCommand } from './cli-context.js';

export const registerConfig: RegisterCommand = (program) => {
  program.command('config').description('(not built yet)');
};
