/**
 * What every operator script shares (scripts/ops/): the stack's outputs read from CloudFormation by
 * the keys the stack writes (infra/outputs.ts), so nobody copies an ARN by hand; the AWS error as
 * the operator needs it; and the `--stack-name` argument.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_STACK_NAME, OPTIONAL_STACK_OUTPUT, STACK_OUTPUT } from '../../infra/outputs.ts';
import { redactPhones } from '../../shared/domain/security/privacy.ts';
import { namedError } from '../../shared/domain/named-error.ts';

export type OutputName = keyof typeof STACK_OUTPUT;
export type StackOutputs<N extends OutputName> = { [K in N]: string };

/**
 * The named outputs of the stack, from DescribeStacks; an error names the ones an older stack
 * lacks (deploy this version first).
 */
export async function readStackOutputs<N extends OutputName>(
  cfn: CloudFormationClient,
  stackName: string,
  names: readonly N[],
): Promise<StackOutputs<N>> {
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
  const outputs = new Map((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  const entries = names.map((name) => [name, STACK_OUTPUT[name], outputs.get(STACK_OUTPUT[name])] as const);
  const missing = entries.filter(([, , value]) => !value).map(([, key]) => key);
  if (missing.length) {
    throw new Error(
      `stack ${stackName} has no output ${missing.join(', ')}: deploy this version of the stack first`,
    );
  }
  return Object.fromEntries(entries.map(([name, , value]) => [name, value])) as StackOutputs<N>;
}

export type OptionalOutputName = keyof typeof OPTIONAL_STACK_OUTPUT;

/** The outputs only some stacks have (a simulator number, recorded deliveries): those that are there. */
export async function readOptionalStackOutputs<N extends OptionalOutputName>(
  cfn: CloudFormationClient,
  stackName: string,
  names: readonly N[],
): Promise<Partial<Record<N, string>>> {
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
  const outputs = new Map((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  const found: Partial<Record<N, string>> = {};
  for (const name of names) {
    const value = outputs.get(OPTIONAL_STACK_OUTPUT[name]);
    if (value) found[name] = value;
  }
  return found;
}

/** The AWS error as the operator needs it: its code and message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}

/** A wrong command line: the CLI prints the message and exits 2. */
export class UsageError extends namedError('UsageError') {}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `--stack-name <name>` (default the app's) and the script's own options; positionals are
 * allowed where the script takes them (a phone number). Anything else is a UsageError.
 */
export function parseOpsArgs(argv: readonly string[], options: Options, usage: string) {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, 'stack-name': { type: 'string', default: DEFAULT_STACK_NAME } },
      allowPositionals: true,
      strict: true,
    });
    const named = values as Record<string, string | boolean | undefined>;
    return { values: named, positionals, stackName: named['stack-name'] as string };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: ${usage}`);
  }
}

/**
 * Runs a CLI's main and exits: its own code, 2 on a UsageError, 1 on any other error (AWS's, with
 * any phone-like digits masked: some AWS messages repeat the number they were given).
 */
export async function runCli(main: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (error) {
    // Usage messages mask the number themselves (and show an example number whole).
    console.error(error instanceof UsageError ? error.message : redactPhones(`FAIL ${describeError(error)}`));
    code = error instanceof UsageError ? 2 : 1;
  }
  process.exit(code);
}
