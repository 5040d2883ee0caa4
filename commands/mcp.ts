// `opsdeck mcp` (issue 7).
import type { RegisterCommand } from './cli-context.js';

export const registerMcp: RegisterCommand = () => undefined;
