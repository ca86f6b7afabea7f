import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { AWS_CALL_LOG_DIR_ENV } from '../../local/aws-calls.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../tools/dynamodb-local.ts';
import { writeStaticFiles } from '../../scripts/build-web-assets.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

let engine: DynamoDbLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  // This run's recordings only: the IAM proof (run after this project) must not judge stale calls.
  const callLog = project.config.env?.[AWS_CALL_LOG_DIR_ENV];
  if (callLog) rmSync(callLog, { recursive: true, force: true });
  // The static files the local stack serves and the stack deploys (dist/web/), fresh for this run.
  writeStaticFiles();
  engine = await startDynamoDbLocal({ log: (m) => console.log(m) });
  project.provide('dynamoDbEndpoint', engine.endpoint);
}

export async function teardown(): Promise<void> {
  await engine?.stop();
}
