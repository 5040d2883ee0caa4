// `opsdeck backup [status|verify|restore-plan]` (issue 5).
import type { RegisterCommand } from './cli-context.js';

export const registerBackup: RegisterCommand = () => undefined;
