import { z } from 'zod';
import { ConfigError, describeZodError, runtimeConfigSchema } from '../shared/config.ts';

/**
 * What an operator sets in cdk.json under the "rehab" context key. The runtime part is the same
 * schema the functions read; the rest only shapes the deployment. Checked at synth: a bad setting
 * stops the synth with the setting's name and the reason.
 */
export const operatorConfigSchema = z.strictObject({
  runtime: runtimeConfigSchema.default(() => runtimeConfigSchema.parse({})),
  /** Days of CloudWatch log retention for every function and the API access log. @default 30 */
  logRetentionDays: z.number().int().min(1).max(3653).default(30),
  /** Keep the table when the stack is deleted; false only for throwaway test stacks. @default true */
  retainData: z.boolean().default(true),
});

export type OperatorConfig = z.output<typeof operatorConfigSchema>;

export function parseOperatorConfig(input: unknown): OperatorConfig {
  const result = operatorConfigSchema.safeParse(input ?? {});
  if (!result.success) {
    throw new ConfigError(`Invalid "rehab" settings in cdk.json: ${describeZodError(result.error, 'rehab')}`);
  }
  return result.data;
}
