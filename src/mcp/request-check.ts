// Requests for a known MCP method whose params do not fit its schema get a JSON-RPC -32602
// Invalid params naming the field, instead of the SDK's -32603 Internal error with a zod dump.
import { ClientRequestSchema } from '@modelcontextprotocol/sdk/types.js';

type Checker = { safeParse(value: unknown): { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };

let byMethod: Map<string, Checker> | undefined;

function schemas(): Map<string, Checker> {
  byMethod ??= new Map(
    ClientRequestSchema.options.map((o) => [String((o.shape.method as unknown as { value: string }).value), o as unknown as Checker]),
  );
  return byMethod;
}

/** The problem with a request's params (`params.name: expected string`), or undefined when it fits or the method is unknown. */
export function paramsProblem(message: { method?: unknown; id?: unknown }): string | undefined {
  if (typeof message.method !== 'string' || message.id === undefined) return undefined;
  const schema = schemas().get(message.method);
  if (!schema) return undefined;
  const result = schema.safeParse(message);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  return `Invalid params for ${message.method}: ${where}${issue?.message ?? 'does not fit the schema'}`;
}
