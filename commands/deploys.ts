// `opsdeck deploys` (issue 4).
import type { RegisterCommand } from './cli-context.js';

export const registerDeploys: RegisterCommand = () => undefined;
