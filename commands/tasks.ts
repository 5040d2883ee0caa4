// STUB: owned by a helper; replaced by the real command.
import type { RegisterCommand } from './cli-context.js';

export const registerTasks: RegisterCommand = (program) => {
  program.command('tasks').description('(not built yet)');
};
