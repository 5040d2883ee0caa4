// The MCP server's tools (issue 7): the zod input shapes the server registers (the SDK turns
// them into the JSON Schemas `tools/list` shows) and the shapes of the structured results.
// Names and fields follow the SOP §1.5 `neural-processing` bridge (snake_case arguments).
import { z } from 'zod';
import { ChatMessageSchema } from './llm.js';
import { TaskStateSchema } from './todo.js';

/** The six tools the SOP's neural-processing server offers, with exactly these names. */
export const LLM_TOOL_NAMES = ['chat_completion', 'stream_chat', 'benchmark_model', 'validate_model', 'get_system_info', 'list_available_models'] as const;
/** Read-only ops tools over the repo (--root or the current directory). */
export const OPS_TOOL_NAMES = ['list_tasks', 'backup_status', 'kpi_report', 'deploy_history', 'incident_status', 'explain_run'] as const;
/** Task-editing tools: only registered when `mcp.allowWrite: true` (and not --readonly). */
export const WRITE_TOOL_NAMES = ['add_task', 'set_task_state', 'update_task'] as const;
/** Deploy and rollback, also behind `mcp.allowWrite`, for the non-production environments only. */
export const DEPLOY_TOOL_NAMES = ['deploy', 'rollback'] as const;

export const MAX_GENERATED_TOKENS = 32_768;

export const ChatInputShape = {
  model: z.string().min(1).optional().describe('model name from list_available_models, or a .gguf path; default: llm.model from the config, else the first chat-capable model'),
  messages: z
    .array(ChatMessageSchema)
    .min(1)
    .describe('the conversation so far, oldest first; the last message must be the user turn to answer. Roles: system, user, assistant'),
  max_tokens: z.number().int().positive().max(MAX_GENERATED_TOKENS).optional().describe('stop after generating this many tokens'),
  temperature: z.number().min(0).max(2).optional().describe('sampling temperature, 0 = greedy (deterministic); default: the model default'),
  system: z.string().optional().describe('system prompt; overrides any system message in messages'),
};
export const ChatInputSchema = z.object(ChatInputShape);
export type ChatInput = z.infer<typeof ChatInputSchema>;

export const ChatOutputShape = {
  text: z.string().describe('the full reply'),
  model: z.string(),
  stop_reason: z.string().describe('eogToken (finished), maxTokens, abort, ...'),
  usage: z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int(), total_tokens: z.number().int() }),
  timings: z.object({ total_ms: z.number(), tokens_per_second: z.number().describe('generation speed') }),
};

export const BenchmarkInputShape = {
  model: z.string().min(1).describe('model name from list_available_models, or a .gguf path'),
  n_prompt: z.number().int().positive().max(8192).optional().describe('prompt tokens evaluated at once (llama-bench pp), default 512'),
  n_gen: z.number().int().positive().max(4096).optional().describe('tokens generated one by one (llama-bench tg), default 128'),
  repetitions: z.number().int().positive().max(50).optional().describe('runs; the result is the median, default 5'),
};

export const BenchmarkOutputShape = {
  model: z.string(),
  backend: z.string(),
  threads: z.number().int(),
  gpu_layers: z.number().int(),
  n_prompt: z.number().int(),
  n_gen: z.number().int(),
  repetitions: z.number().int(),
  pp_tokens_per_second: z.number().describe('median prompt-processing speed'),
  tg_tokens_per_second: z.number().describe('median generation speed'),
  runs: z.array(z.object({ pp_tokens_per_second: z.number(), tg_tokens_per_second: z.number() })),
};

export const ValidateInputShape = {
  path: z.string().min(1).describe('the .gguf file: absolute, ~/..., relative to the repo root, or a model name from list_available_models'),
};

export const ValidateOutputShape = {
  path: z.string(),
  valid: z.boolean(),
  reason: z.string().optional().describe('why the file is invalid'),
  vocab_only: z.boolean().optional(),
  architecture: z.string().optional(),
};

export const ListTasksInputShape = {
  state: z
    .union([TaskStateSchema, z.enum(['open', 'all'])])
    .optional()
    .describe('pending, started, done, cancelled, open (pending or started; the default) or all'),
  file: z.enum(['current', 'backlog']).optional().describe('only tasks of current.todo or backlog.todo; default both'),
};

export const KpiInputShape = {
  window: z.enum(['30d', '90d']).optional().describe('the window: 30d or 90d (default: kpis.windowDays, 30d)'),
  env: z.string().min(1).optional().describe('the environment; default kpis.environment (production)'),
};

export const DeployHistoryInputShape = {
  env: z.string().min(1).optional().describe('only runs for this environment, e.g. production'),
  limit: z.number().int().positive().max(500).optional().describe('newest first, at most this many (default 20)'),
};

export const ExplainRunInputShape = {
  run_id: z.string().min(1).describe('a run id from deploy_history (or a unique prefix of one)'),
};

export const AddTaskInputShape = {
  text: z.string().min(1).describe('the task text'),
  project: z.string().optional().describe('project path, "Outer/Inner"; created when missing'),
  backlog: z.boolean().optional().describe('add to backlog.todo instead of current.todo'),
};

export const SetTaskStateInputShape = {
  task: z.string().min(1).describe('a task id (from list_tasks) or a unique fragment of its text'),
  state: z.enum(['start', 'done', 'cancel', 'reopen']).describe('what to do with the task'),
};

export const UpdateTaskInputShape = {
  task: z.string().min(1).describe('a task id (from list_tasks) or a unique fragment of its text'),
  text: z.string().min(1).optional().describe("new text (the task's tags are kept)"),
  priority: z.enum(['critical', 'high', 'low', 'none']).optional().describe('new priority; none clears it'),
  move_to: z.enum(['current', 'backlog']).optional().describe('move the task to this file'),
};
