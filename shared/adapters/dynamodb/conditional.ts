import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/**
 * A conditional write: true when it happened, false when its condition failed (a repeat, a race
 * lost, or the item erased meanwhile); any other error is thrown. The one place the adapters read
 * ConditionalCheckFailed as an answer rather than a failure.
 */
export async function conditionally(send: Promise<unknown>): Promise<boolean> {
  try {
    await send;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
