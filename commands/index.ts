// Every subcommand, in the order `opsdeck --help` lists them.
import type { RegisterCommand } from './cli-context.js';
import { registerTasks } from './tasks.js';
import { registerInit } from './init.js';
import { registerDoctor } from './doctor.js';
import { registerConfig } from './config.js';
import { registerChat } from './chat.js';
import { registerModels } from './models.js';
import { registerBench } from './bench-model.js';
import { registerGpu } from './gpu.js';
import { registerDeploy } from './deploy.js';
import { registerRollback } from './rollback.js';
import { registerRuns } from './runs.js';
import { registerDeploys } from './deploys.js';
import { registerBackup } from './backup.js';
import { registerKpi } from './kpi.js';
import { registerIncident } from './incident.js';
import { registerMcp } from './mcp.js';

export const COMMANDS: RegisterCommand[] = [
  registerTasks,
  registerDeploy,
  registerRollback,
  registerRuns,
  registerDeploys,
  registerBackup,
  registerKpi,
  registerIncident,
  registerInit,
  registerDoctor,
  registerConfig,
  registerGpu,
  registerChat,
  registerModels,
  registerBench,
  registerMcp,
];
