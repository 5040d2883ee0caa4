// `opsdeck incident open|note|ack|resolve|export and opsdeck incidents` (issue 6).
import type { RegisterCommand } from './cli-context.js';

export const registerIncident: RegisterCommand = () => undefined;
