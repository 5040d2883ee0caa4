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

export const COMMANDS: RegisterCommand[] = [registerTasks, registerInit, registerDoctor, registerConfig, registerGpu, registerChat, registerModels, registerBench];
