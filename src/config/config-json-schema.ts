// The JSON Schema of `.orchestration/opsdeck.yaml`, generated from the zod schema (what a
// user may write, so defaults make keys optional), for editor completion.
import { z } from 'zod';
import { ConfigSchema } from '../../models/config.js';

export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: 'input' }),
    title: 'opsdeck config (.orchestration/opsdeck.yaml)',
  };
}
