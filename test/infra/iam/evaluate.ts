/**
 * One request, evaluated as AWS would: the caller's identity policies, the resource's policy (a
 * role's trust policy for sts:AssumeRole, a key policy for kms:*, a queue, topic or function policy)
 * and the request context, by @cloud-copilot/iam-simulate (AGPL-3.0: a devDependency of the tests
 * only, never imported by anything that is bundled or deployed).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { ACCOUNT, type PolicyDocument, type ResolvedTemplate, type Statement } from './template.ts';

export type Principal = { role: string } | { service: string } | { arn: string };

export interface IamRequest {
  /** What the request is, as the proof lists it. */
  name: string;
  principal: Principal;
  action: string;
  /** An ARN, or "*" for actions with no resource type. */
  resource: string;
  context?: Record<string, string | string[]>;
  /** The AWS page the principal and context keys rest on. */
  source?: string;
}

export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied' | `invalid: ${string}`;

/**
 * iam-simulate does not match `kms:EncryptionContext:<key>` condition keys (its variable-key
 * matching needs a "/"), so those conditions are decided here, with the operator's own semantics,
 * and the statement goes to the simulator without them (or not at all when they do not hold).
 */
const ENCRYPTION_CONTEXT = 'kms:EncryptionContext:';

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

function conditionHolds(operator: string, expected: unknown, actual: string | string[] | undefined): boolean {
  if (actual === undefined) return operator.endsWith('IfExists');
  const values = Array.isArray(actual) ? actual : [actual];
  const patterns = (Array.isArray(expected) ? expected : [expected]).map(String);
  const op = operator.replace(/IfExists$/, '');
  const match = (value: string, pattern: string) => {
    if (op === 'StringEquals' || op === 'ArnEquals') return value === pattern;
    if (op === 'StringLike' || op === 'ArnLike') return likeToRegExp(pattern).test(value);
    throw new Error(`condition operator ${operator} on ${ENCRYPTION_CONTEXT}* is not decided here: add it`);
  };
  return values.some((v) => patterns.some((p) => match(v, p)));
}

function withEncryptionContextDecided(
  policy: PolicyDocument,
  context: Record<string, string | string[]>,
): PolicyDocument {
  const Statement: Statement[] = [];
  for (const statement of policy.Statement) {
    let holds = true;
    const Condition: NonNullable<Statement['Condition']> = {};
    for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
      const kept: Record<string, unknown> = {};
      for (const [key, expected] of Object.entries(keys)) {
        if (key.startsWith(ENCRYPTION_CONTEXT)) holds &&= conditionHolds(operator, expected, context[key]);
        else kept[key] = expected;
      }
      if (Object.keys(kept).length) Condition[operator] = kept;
    }
    if (!holds) continue;
    const { Condition: _dropped, ...rest } = statement;
    Statement.push(Object.keys(Condition).length ? { ...rest, Condition } : rest);
  }
  return { ...policy, Statement };
}

export function principalArn(template: ResolvedTemplate, principal: Principal): string {
  if ('role' in principal) return template.getAtt(principal.role, 'Arn');
  if ('service' in principal) return principal.service;
  return principal.arn;
}

export async function evaluate(template: ResolvedTemplate, request: IamRequest): Promise<Decision> {
  const context = { 'aws:SecureTransport': 'true', ...request.context };
  const decide = (p: PolicyDocument) => withEncryptionContextDecided(p, context);
  const identityPolicies =
    'role' in request.principal
      ? template
          .identityPolicies(request.principal.role)
          .map(({ name, policy }) => ({ name, policy: decide(policy) }))
      : [];
  const resourcePolicy =
    request.action === 'sts:AssumeRole'
      ? trustPolicyOf(template, request.resource)
      : template.resourcePolicy(request.resource);
  const response = await runSimulation(
    {
      request: {
        principal: principalArn(template, request.principal),
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: context,
      },
      identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy: decide(resourcePolicy) } : {}),
    },
    {},
  );
  if (response.resultType === 'error') return `invalid: ${JSON.stringify(response.errors)}`;
  return response.overallResult as Decision;
}

function trustPolicyOf(template: ResolvedTemplate, roleArn: string): PolicyDocument {
  const roleId = template.idsOfType('AWS::IAM::Role').find((id) => template.getAtt(id, 'Arn') === roleArn);
  if (!roleId) throw new Error(`no role ${roleArn} in the template`);
  return template.trustPolicy(roleId);
}
