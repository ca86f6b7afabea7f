import { Validations, type App } from 'aws-cdk-lib';
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
