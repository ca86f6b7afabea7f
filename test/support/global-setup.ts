import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

let engine: DynamoDbLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  engine = await startDynamoDbLocal({ log: (m) => console.log(m) });
  project.provide('dynamoDbEndpoint', engine.endpoint);
}

export async function teardown(): Promise<void> {
  await engine?.stop();
}
