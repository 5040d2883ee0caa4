// STUB: the cockpit screen; replaced by the TUI work.
import type { ICliContext } from './cli-context.js';

export async function runCockpit(ctx: ICliContext): Promise<number> {
  const root = await ctx.resolveRoot();
  ctx.out(`cockpit for ${root} is not built yet`);
  return 0;
}
