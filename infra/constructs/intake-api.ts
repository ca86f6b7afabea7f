import { CfnOutput } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface IntakeApiProps {
  readonly intakeFunction: IFunction;
}

/** The public HTTP API in front of the intake function. */
export class IntakeApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: IntakeApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Rehab reminders: assessment form and intake API',
    });
    const integration = new HttpLambdaIntegration('Intake', props.intakeFunction);
    for (const [method, path] of [
      [HttpMethod.GET, '/'],
      [HttpMethod.GET, '/movements'],
      [HttpMethod.POST, '/assessments'],
      [HttpMethod.POST, '/verifications'],
    ] as const) {
      this.api.addRoutes({ path, methods: [method], integration });
    }
    new CfnOutput(this, 'FormUrl', { value: this.api.apiEndpoint + '/', description: 'The assessment form' });
  }
}
