// `opsdeck rollback` (issue 4).
import type { RegisterCommand } from './cli-context.js';

export const registerRollback: RegisterCommand = () => undefined;
