import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import type { RuntimeConfig } from '../../shared/config.ts';
import { ENV, type EnvName } from '../../shared/env.ts';
import { METRICS_NAMESPACE } from '../../shared/metrics.ts';
import { LAMBDA_BUNDLING, LAZY_PACKAGES, lambdaAliases, lambdaEsbuildArgs } from '../bundling.ts';
import { acknowledge } from '../nag.ts';

/** The DynamoDB actions a function may be granted (TransactWriteItems is authorised per item action). */
export type DynamoAction =
  | 'GetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'ConditionCheckItem'
  | 'Query'
  | 'BatchWriteItem'
  | 'BatchGetItem';

export interface BaseFunctionProps {
  /** Folder under functions/ holding index.ts. */
  readonly entryFolder: string;
  readonly description: string;
  /** The checked runtime config, passed as one JSON env var. */
  readonly runtimeConfig: RuntimeConfig;
  /** Encrypts the function's log group. */
  readonly logKey: IKey;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default 30 */
  readonly logRetentionDays?: number;
  /**
   * Where Lambda puts events of asynchronous invocations (SNS) that failed every retry.
   * @default none: the function is invoked synchronously or by an event source mapping
   */
  readonly asyncFailureQueue?: IQueue;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Every function of the service: Node.js 24 on arm64, X-Ray tracing, JSON logs in an encrypted log
 * group with retention, a role of its own that may write only to that log group, bundled and
 * minified by esbuild with the AWS SDK inside (pins its version; the bundle-size and cold-start
 * figures measure exactly this), source maps on.
 */
export class BaseFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: BaseFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: (props.logRetentionDays ?? 30) as RetentionDays,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Instead of the managed AWSLambdaBasicExecutionRole (logs:* on every log group).
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    const lazy = LAZY_PACKAGES[props.entryFolder] ?? [];
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    super(scope, id, {
      entry: `${ROOT}functions/${props.entryFolder}/index.ts`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      role,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      ...(props.asyncFailureQueue ? { deadLetterQueue: props.asyncFailureQueue } : {}),
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      environment: {
        [ENV.config]: JSON.stringify(props.runtimeConfig),
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.entryFolder,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
      // One definition with the benchmarks (infra/bundling.ts), so they measure what deploys.
      bundling: {
        ...LAMBDA_BUNDLING,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        format: OutputFormat.ESM,
        // The SDK's credential chain trimmed; the phone metadata cut to the deployment's countries.
        esbuildArgs: lambdaEsbuildArgs(lambdaAliases(props.runtimeConfig.allowedCountries)),
        // Lazy packages stay out of the bundle and ship beside it (infra/bundling.ts).
        ...(lazy.length
          ? {
              externalModules: [...lazy],
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_input: string, outputDir: string) => [
                  `node --import tsx infra/build-lazy-packages.ts "${outputDir}" ${lazy.join(' ')}`,
                ],
              },
            }
          : {}),
      },
    });
    // Lambda writes a failed async event to the DLQ with the function's role: through its key too.
    props.asyncFailureQueue?.encryptionMasterKey?.grant(this, 'kms:GenerateDataKey', 'kms:Decrypt');
    acknowledge(role, {
      'AwsSolutions-IAM5[Resource::*]':
        'X-Ray PutTraceSegments/PutTelemetryRecords, SNS Publish to a phone number (topics explicitly denied) and DynamoDB ListStreams have no resource-level permissions.',
      'AwsSolutions-IAM5[Resource::<StorageTableB43FDCE7.Arn>/index/*]':
        "The table's own indexes (one GSI, gsi1); the grant cannot name an index that is not a separate resource.",
      'HIPAA.Security-IAMNoInlinePolicy':
        'One policy per role, created with the function and scoped to exactly what it uses; nothing is shared between roles.',
    });
    acknowledge(this, {
      'HIPAA.Security-LambdaConcurrency':
        'Reserved concurrency fails deploys on new accounts (quota 10); the sender is bounded by its SQS maximum concurrency, intake by stage throttling.',
      'HIPAA.Security-LambdaInsideVPC':
        'No private resources to reach: DynamoDB, SQS, SNS and Secrets Manager are reached over TLS with IAM; a VPC would add NAT cost and cold start.',
      ...(props.asyncFailureQueue
        ? {}
        : {
            'HIPAA.Security-LambdaDLQ':
              'Invoked synchronously (API Gateway) or by an event source mapping that has its own on-failure queue or redrive; an async DLQ never applies.',
          }),
    });
  }

  /**
   * Sets TABLE_NAME and grants exactly the DynamoDB actions the function uses, together (the
   * Powertools example's bindTable pattern, narrowed to named actions). `Query` also covers the
   * table's indexes unless `queryIndexes` is false (a function that queries only the table itself).
   */
  bindTable(
    table: ITableV2,
    actions: readonly DynamoAction[],
    options: { queryIndexes?: boolean } = {},
  ): this {
    this.addEnvironment(ENV.tableName, table.tableName);
    const indexes = actions.includes('Query') && (options.queryIndexes ?? true);
    const resources = [table.tableArn, ...(indexes ? [`${table.tableArn}/index/*`] : [])];
    this.addToRolePolicy(new PolicyStatement({ actions: actions.map((a) => `dynamodb:${a}`), resources }));
    return this;
  }

  /**
   * Lets the function text phone numbers: SNS accepts only "*" as the resource of a text (a phone
   * number has no ARN), so an explicit deny keeps that "*" from reaching any topic in any account.
   */
  allowTexting(): this {
    this.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: ['sns:Publish'],
        resources: [`arn:${Stack.of(this).partition}:sns:*:*:*`],
      }),
    );
    return this;
  }

  /** Sets an env var to the secret's ARN and grants reading it, together. */
  bindSecret(envName: EnvName, secret: ISecret): this {
    this.addEnvironment(envName, secret.secretArn);
    secret.grantRead(this);
    return this;
  }
}
