export const DYNAMODB_LOCAL_PACKAGE: string;
export const DYNAMODB_LOCAL_DIR: string;
export function dynamoDbLocalJar(dir?: string): string;
export function ensureDynamoDbLocal(options?: { dir?: string; log?: (message: string) => void }): string;
