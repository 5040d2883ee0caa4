// `opsdeck runs [follow]` (issue 4).
import type { RegisterCommand } from './cli-context.js';

export const registerRuns: RegisterCommand = () => undefined;
