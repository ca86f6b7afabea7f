import { Stack, Validations, type App } from 'aws-cdk-lib';
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** AwsSolutions and HIPAA Security run on every synth; a new, unacknowledged finding fails it. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
}

/**
 * Acknowledges cdk-nag findings on a construct (and its children), each with the reason it is
 * right here. Kept beside the resource it is about, so the reason is read with the code.
 */
export function acknowledge(scope: IConstruct, findings: Record<string, string>): void {
  const validations = Validations.of(scope);
  for (const [id, reason] of Object.entries(findings)) validations.acknowledge({ id, reason });
}

/** CDK's singleton provider function behind every AwsCustomResource of the stack (deploy time only). */
export function acknowledgeCustomResourceProvider(scope: IConstruct): void {
  const provider = Stack.of(scope).node.tryFindChild(
    AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '').replace(/^/, 'AWS'),
  );
  if (!provider) return;
  acknowledge(provider, {
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
      "CDK's deploy-time provider function for custom resources; it handles no patient data.",
    'HIPAA.Security-LambdaConcurrency': 'Runs only during deployments, once per settings change.',
    'HIPAA.Security-LambdaDLQ': 'Invoked by CloudFormation, which reports and rolls back failures itself.',
    'HIPAA.Security-LambdaInsideVPC': 'Calls one AWS API over TLS at deploy time; no private resources.',
  });
}
