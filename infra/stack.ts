import { Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BaseFunction } from './constructs/base-function.ts';
import { IntakeApi } from './constructs/intake-api.ts';
import { Storage } from './constructs/storage.ts';
import type { OperatorConfig } from './config.ts';

export interface RehabStackProps extends StackProps {
  readonly config: OperatorConfig;
}

/** The whole service in one stack; each concern is a construct of its own. */
export class RehabStack extends Stack {
  constructor(scope: Construct, id: string, props: RehabStackProps) {
    super(scope, id, props);
    const { config } = props;
    const storage = new Storage(this, 'Storage', { retainData: config.retainData });

    const intake = new BaseFunction(this, 'IntakeFunction', {
      entryFolder: 'intake',
      description: 'Assessment form and intake API',
      runtimeConfig: config.runtime,
      logRetentionDays: config.logRetentionDays,
    }).bindTable(storage.table);

    new IntakeApi(this, 'Intake', { intakeFunction: intake });
  }
}
