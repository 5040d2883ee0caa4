// `opsdeck deploy ENV VERSION` (issue 4).
import type { RegisterCommand } from './cli-context.js';

export const registerDeploy: RegisterCommand = () => undefined;
