import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { RUNTIME_CONFIG_ENV, type RuntimeConfig } from '../../shared/config.ts';

export interface BaseFunctionProps {
  /** Folder under functions/ holding index.ts. */
  readonly entryFolder: string;
  readonly description: string;
  /** The checked runtime config, passed as one JSON env var. */
  readonly runtimeConfig: RuntimeConfig;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default 30 */
  readonly logRetentionDays?: number;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Every function of the service: Node.js 22 on arm64, X-Ray tracing, JSON logs in a log group with
 * retention, bundled and minified by esbuild with the AWS SDK inside (pins its version and is what
 * the bundle-size and cold-start figures measure), source maps on.
 */
export class BaseFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: BaseFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: (props.logRetentionDays ?? 30) as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: `${ROOT}functions/${props.entryFolder}/index.ts`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      environment: {
        [RUNTIME_CONFIG_ENV]: JSON.stringify(props.runtimeConfig),
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.entryFolder,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        bundleAwsSDK: true,
        mainFields: ['module', 'main'],
        // ESM bundles of CommonJS dependencies need a require().
        banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
  }

  /** Sets TABLE_NAME and grants read/write on the table, together (the Powertools example's pattern). */
  bindTable(table: ITableV2, access: 'read' | 'readWrite' = 'readWrite'): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    if (access === 'read') table.grantReadData(this);
    else table.grantReadWriteData(this);
    return this;
  }
}
