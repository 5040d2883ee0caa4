// `opsdeck kpi` (issue 6).
import type { RegisterCommand } from './cli-context.js';

export const registerKpi: RegisterCommand = () => undefined;
