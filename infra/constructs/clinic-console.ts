import { HttpMethod, type HttpApi, type HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import { CONSOLE_GATEWAY_ROUTES } from '../../functions/console/routes.ts';
import type { BaseFunction } from './base-function.ts';
import type { ClinicAuth } from './clinic-auth.ts';

export interface ClinicConsoleProps {
  /** The public HTTP API (the form's): the console lives on the same domain, under /console. */
  readonly api: HttpApi;
  readonly consoleFunction: BaseFunction;
  readonly auth: ClinicAuth;
  /** Gives the console's routes their own throttle (IntakeApi's route settings). */
  readonly throttle: (routes: readonly HttpRoute[]) => void;
}

/**
 * The console's routes on the HTTP API: its API (/console/api/…) behind a JWT authorizer that
 * accepts only tokens of the staff user pool issued to the console's app client (API Gateway checks
 * issuer, signature, audience and expiry before the function runs; the function checks the role);
 * its pages and the patients' invite links without one (they hold no data).
 */
export class ClinicConsole extends Construct {
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: ClinicConsoleProps) {
    super(scope, id);
    this.authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', props.auth.userPool, {
      userPoolClients: [props.auth.client],
      identitySource: ['$request.header.Authorization'],
    });
    const integration = new HttpLambdaIntegration('Console', props.consoleFunction);
    for (const route of CONSOLE_GATEWAY_ROUTES) {
      // The API answers 404/405 itself, in its error shape, for what it does not serve.
      const methods = route.auth ? [HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT] : [HttpMethod.GET];
      props.throttle(
        props.api.addRoutes({
          path: route.path,
          methods,
          integration,
          ...(route.auth ? { authorizer: this.authorizer } : {}),
        }),
      );
    }
  }
}
