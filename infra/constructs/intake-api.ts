import { CfnOutput, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnRoute,
  CfnStage,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

export interface IntakeApiProps {
  readonly intakeFunction: IFunction;
  readonly logKey: IKey;
  /** @default 30 */
  readonly logRetentionDays?: number;
  /** Steady requests per second the patients' routes (the form and its API) take. @default 20 */
  readonly throttleRatePerSecond?: number;
  /** @default 40 */
  readonly throttleBurst?: number;
  /** The plan pages' routes (/p/…). @default 20 / 40 */
  readonly planPageThrottle?: Throttle;
}

export interface Throttle {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/**
 * The public HTTP API: the form and the intake routes, throttled per route (the stage's route
 * settings: patients' routes, plan pages, console each their own budget), with access logs.
 */
export class IntakeApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The API's own address (execute-api): the distribution's origin. */
  readonly url: string;
  private readonly routeSettings: Record<
    string,
    { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
  > = {};

  constructor(scope: Construct, id: string, props: IntakeApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Rehab reminders: assessment form and intake API',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: (props.logRetentionDays ?? 30) as RetentionDays,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRatePerSecond ?? 20, burstLimit: props.throttleBurst ?? 40 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No client IP or body in the access log: they are personal data and not needed to operate.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const integration = new HttpLambdaIntegration('Intake', props.intakeFunction);
    // $default sends every path to the function, which answers 404/405 itself with the API's error shape.
    const patientThrottle = {
      ratePerSecond: props.throttleRatePerSecond ?? 20,
      burst: props.throttleBurst ?? 40,
    };
    this.throttleRoutes(
      this.api.addRoutes({ path: '/', methods: [HttpMethod.GET], integration }),
      patientThrottle,
    );
    this.throttleRoutes(
      this.api.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.ANY], integration }),
      patientThrottle,
    );
    // The plan pages: a route of their own, so they have a throttle of their own.
    this.throttleRoutes(
      this.api.addRoutes({ path: '/p/{proxy+}', methods: [HttpMethod.ANY], integration }),
      props.planPageThrottle ?? { ratePerSecond: 20, burst: 40 },
    );
    acknowledge(this.api, {
      'AwsSolutions-APIG4':
        'A public form for patients: there is no user to authenticate. Stage throttling, per-phone and per-client limits and phone verification guard it.',
    });
    // The API's own address: CloudFront's origin. Requests that do not come through the distribution
    // are refused by the functions (functions/wiring/origin-guard.ts).
    this.url = `${this.api.apiEndpoint}/`;
    (this.stage.node.defaultChild as CfnStage).routeSettings = this.routeSettings;
    new CfnOutput(this, 'ApiUrl', {
      value: this.url,
      description:
        "The API's own address: CloudFront's origin (it refuses requests that do not come through the distribution)",
    });
  }

  /**
   * Gives routes a throttle of their own in the stage's route settings (by route key, "ANY
   * /p/{proxy+}"): a flood on them never uses another group's budget. The stage waits for the
   * routes (CloudFormation refuses settings for a route key that does not exist yet).
   */
  throttleRoutes(routes: readonly HttpRoute[], throttle: Throttle): void {
    for (const route of routes) {
      const key = (route.node.defaultChild as CfnRoute).routeKey;
      this.routeSettings[key] = {
        ThrottlingRateLimit: throttle.ratePerSecond,
        ThrottlingBurstLimit: throttle.burst,
      };
      this.stage.node.addDependency(route);
    }
  }
}
