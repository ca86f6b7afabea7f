/**
 * The clinic console API's request bodies and queries, as schemas (zod/mini), and how the
 * authorizer's claims become a staff member. Pure: the console's routes validate with these.
 */
import { AUDIT_KINDS, groupsClaim, PATIENT_ID_PATTERN, roleOf, type Staff } from './roster.ts';
import { ALERT_ID_PATTERN } from './alerts.ts';
import { MAX_REFERENCE_LENGTH } from './secrets.ts';
import * as z from '../zod.ts';

/** A clinic's reference: a name or a record number, printable, no control characters. */
export const referenceSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(MAX_REFERENCE_LENGTH, { error: `must be at most ${MAX_REFERENCE_LENGTH} characters` }),
    z.regex(/^[^\p{Cc}\p{Cf}]+$/u, { error: 'must be plain text on one line' }),
  );

export const referenceBodySchema = z.strictObject({ reference: referenceSchema });

export const actionBodySchema = z.strictObject({
  action: z.enum(['pause', 'resume', 'stop', 'resend-code', 'erase']),
  /** The patient's id, typed by the person who erases (erase only). */
  confirm: z.optional(z.string().check(z.maxLength(40))),
});

export const patientIdSchema = z
  .string()
  .check(z.regex(PATIENT_ID_PATTERN, { error: 'is not a patient id' }));
export const alertIdSchema = z.string().check(z.regex(ALERT_ID_PATTERN, { error: 'is not an alert id' }));
/** The audit log's filters as the query gives them. */
export const auditFilterSchema = z.strictObject({
  month: z.optional(z.string()),
  kind: z.optional(z.enum(AUDIT_KINDS, { error: `must be one of ${AUDIT_KINDS.join(', ')}` })),
  patientId: z.optional(z.string().check(z.regex(PATIENT_ID_PATTERN, { error: 'is not a patient id' }))),
  by: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});

export const monthSchema = z
  .string()
  .check(z.regex(/^20\d\d-(0[1-9]|1[0-2])$/, { error: 'must be YYYY-MM' }));

/**
 * The staff member an access token names, from the claims the JWT authorizer checked (API Gateway
 * in AWS, the local stack's stand-in locally): only access tokens (an ID token carries the groups
 * too, but is not meant for APIs). Undefined without claims or with another kind of token; the role
 * is undefined for a user in no staff group.
 */
export function staffFromClaims(
  claims: Record<string, unknown> | undefined,
): { staff: Omit<Staff, 'role'> & { role: Staff['role'] | undefined } } | undefined {
  if (!claims || claims.token_use !== 'access' || typeof claims.sub !== 'string') return undefined;
  const username = claims.username ?? claims['cognito:username'] ?? claims.sub;
  return {
    staff: {
      sub: claims.sub,
      username: String(username).slice(0, 128),
      role: roleOf(groupsClaim(claims['cognito:groups'])),
    },
  };
}
