import type { App } from 'aws-cdk-lib';
import type { OperatorConfig } from './config.ts';
import { EdgeWafStack, edgeWafStackName } from './edge-waf-stack.ts';
import { DEFAULT_STACK_NAME } from './outputs.ts';
import { RehabStack } from './stack.ts';

/**
 * The app's one stack, chosen by context: the service (`-c stackName=…`, default RehabReminders),
 * or with `-c edgeWaf=true` the us-east-1 web ACL stack alone, which a main stack in another
 * region attaches by ARN. One stack either way, so a plain `cdk deploy` needs no stack name.
 */
export function addStacks(app: App, config: OperatorConfig): RehabStack | EdgeWafStack {
  const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? DEFAULT_STACK_NAME;
  if (String(app.node.tryGetContext('edgeWaf')) === 'true') {
    return new EdgeWafStack(app, edgeWafStackName(stackName), {
      waf: config.waf,
      description: "Rehab reminders: the CloudFront distribution's WAF web ACL (us-east-1)",
    });
  }
  return new RehabStack(app, stackName, {
    config,
    description: 'Rehab reminders: back-pain rehab plans and SMS/push reminders',
  });
}
