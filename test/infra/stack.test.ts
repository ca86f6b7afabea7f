import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parseOperatorConfig } from '../../infra/config.ts';
import { RehabStack } from '../../infra/stack.ts';

function synth(settings: unknown = {}) {
  // Skip asset bundling: these tests read the template only.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new RehabStack(app, 'Test', { config: parseOperatorConfig(settings) });
  return Template.fromStack(stack);
}

describe('the table', () => {
  const template = synth();

  it('is built from the one table definition: keys, GSI, TTL, stream, PITR, encryption, on demand', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      SSESpecification: { SSEEnabled: true },
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });

  it('is retained by default and destroyable when the operator says so', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    synth({ retainData: false }).hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
  });
});

describe('the intake function', () => {
  it('runs Node.js 22 on arm64 with tracing, the checked config and the table name', () => {
    synth().hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          REHAB_CONFIG: Match.serializedJson(
            Match.objectLike({ planLengthDays: 14, allowedCountries: ['US'] }),
          ),
        }),
      },
    });
  });
});

describe('operator settings', () => {
  it('are refused at synth with the setting named', () => {
    expect(() => synth({ runtime: { planLengthDays: 0 } })).toThrow(/rehab\.runtime\.planLengthDays/);
    expect(() => synth({ runtime: { allowedCountries: ['usa'] } })).toThrow(
      /rehab\.runtime\.allowedCountries\.0/,
    );
    expect(() => synth({ retainData: 'yes' })).toThrow(/rehab\.retainData/);
    expect(() => synth({ unknownSetting: 1 })).toThrow(/unknownSetting/);
  });
});
