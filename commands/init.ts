// STUB: owned by a helper; replaced by the real command.
import type { RegisterCommand } from './cli-context.js';

export const registerInit: RegisterCommand = (program) => {
  program.command('init').description('(not built yet)');
};
