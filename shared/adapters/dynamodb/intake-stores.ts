import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoClinicDirectory } from './clinic.ts';
import { DynamoPatientEventStore } from './patient-events.ts';
import { DynamoPlanPageStore } from './plan-pages.ts';
import { DynamoPlanRepository } from './plan-repository.ts';
import { DynamoRateLimiter } from './rate-limiter.ts';
import { DynamoSessionSlots } from './session-slots.ts';
import { DynamoVerificationStore } from './verification-store.ts';

/**
 * The table's adapters the intake use case takes (functions/intake/service.ts), built once for every
 * place that runs it: the intake and console functions, the local stack and the tests.
 */
export function intakeStores(db: DynamoDBDocumentClient, tableName: string) {
  return {
    repo: new DynamoPlanRepository(db, tableName),
    verifications: new DynamoVerificationStore(db, tableName),
    limiter: new DynamoRateLimiter(db, tableName),
    pages: new DynamoPlanPageStore(db, tableName),
    events: new DynamoPatientEventStore(db, tableName),
    slots: new DynamoSessionSlots(db, tableName),
    // The form's "Invited by" (the invite the browser's cookie names), and a cleared invite's clearance.
    invites: new DynamoClinicDirectory(db, tableName),
  };
}
