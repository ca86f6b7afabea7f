/**
 * The clinic's secrets at rest (pure, node:crypto only): the clinic's reference of a patient (a
 * name or a record number) is personal data, so the table keeps it sealed, and invite links are
 * tokens the table never holds.
 *
 * References. AES-256-GCM with a key derived from the service's hash key (the Secrets Manager secret
 * every function that meets phones already reads) by HKDF-SHA256 with a label of its own
 * ("clinic-reference/v1"): a key separate from every HMAC made with the hash key, no second secret
 * to create, retain and grant, and the same retention as the table it protects (both are kept by
 * `retainData`). A random 96-bit IV per seal; the GCM tag proves the text unaltered, and the
 * associated data binds it to its owner (the patient's id, or the invite's until it is used). A table dump or
 * a backup alone reveals no reference; a stolen hash key reveals them, as it already lets phone
 * numbers be tested against their hashes (docs/SECURITY.md). The stored form names its version, so
 * a later key can be introduced beside this one.
 *
 * Invites. Like the plan page's link (plan-page.ts): the token is HMAC(hash key, invite id, nonce)
 * cut to 128 bits, so staff can be shown an invite's link again; the invite item is keyed by
 * another HMAC of the token.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { namedError } from '../named-error.ts';
import { hashLinkToken, LINK_TOKEN_PATTERN, linkToken, newLinkNonce } from '../security/link-tokens.ts';

const REFERENCE_KEY_INFO = 'clinic-reference/v1';
/** v2: the associated data names the owner. v1 (a constant) still opens, for seals made before. */
const VERSION = 'v2';
const LEGACY_VERSION = 'v1';
const AAD_PREFIX = 'rehab-reminders clinic reference';
const LEGACY_AAD = Buffer.from(AAD_PREFIX);

/**
 * Whose reference a seal is: a patient on the roster, or an invite waiting for its patient. The
 * seal is bound to it (GCM's associated data), so a sealed value copied onto another patient's
 * entry, or an invite's passed off as a patient's, opens nothing.
 */
export type ReferenceOwner = { patientId: string } | { inviteId: string };

function ownerAad(owner: ReferenceOwner): Buffer {
  const name = 'patientId' in owner ? `patient:${owner.patientId}` : `invite:${owner.inviteId}`;
  return Buffer.from(`${AAD_PREFIX}\u0000${name}`);
}

function referenceKey(hashKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', hashKey, 'rehab-reminders', REFERENCE_KEY_INFO, 32));
}

/** The longest reference the console takes (a name, a record number, or both). */
export const MAX_REFERENCE_LENGTH = 80;

/** "v2.<iv>.<ciphertext and tag>", base64url, bound to its owner. */
export function sealReference(reference: string, hashKey: string, owner: ReferenceOwner): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', referenceKey(hashKey), iv);
  cipher.setAAD(ownerAad(owner));
  const body = Buffer.concat([cipher.update(reference, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export class SealedValueError extends namedError('SealedValueError') {}

/**
 * The reference, or SealedValueError when the value was altered, is of another key, version or
 * owner. A v1 seal (before the binding) opens for any owner, as it did.
 */
export function openReference(sealed: string, hashKey: string, owner: ReferenceOwner): string {
  const [version, ivText, bodyText] = sealed.split('.');
  const aad = version === VERSION ? ownerAad(owner) : version === LEGACY_VERSION ? LEGACY_AAD : undefined;
  if (!aad || !ivText || !bodyText) throw new SealedValueError('not a sealed reference');
  const iv = Buffer.from(ivText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (iv.length !== 12 || body.length < 16) throw new SealedValueError('not a sealed reference');
  try {
    const decipher = createDecipheriv('aes-256-gcm', referenceKey(hashKey), iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
      'utf8',
    );
  } catch (cause) {
    throw new SealedValueError('the sealed reference does not open with this key for this owner', { cause });
  }
}

/** A reference handed on (an invite's, to the patient who used it): opened for one owner, sealed for the other. */
export function resealReference(
  sealed: string,
  hashKey: string,
  from: ReferenceOwner,
  to: ReferenceOwner,
): string {
  return sealReference(openReference(sealed, hashKey, from), hashKey, to);
}

/** An invite's id as staff see it: "I-" and 10 base32 characters. */
export const INVITE_ID_PATTERN = /^I-[0-9a-z]{10}$/;

export function newInviteId(): string {
  return `I-${randomBytes(8).readBigUInt64BE().toString(32).padStart(13, '0').slice(-10)}`;
}

export const newInviteNonce = newLinkNonce;

/** The token in the invite link (security/link-tokens.ts). */
export const inviteToken = (inviteId: string, nonce: string, hashKey: string): string =>
  linkToken('clinic-invite', inviteId, nonce, hashKey);

/** What the table keeps of an invite token: its keyed hash (the invite item's key). */
export const hashInviteToken = (token: string, hashKey: string): string =>
  hashLinkToken('clinic-invite', token, hashKey);

export const INVITE_TOKEN_PATTERN = LINK_TOKEN_PATTERN;

/** The invite link's path: it sets the invite on the patient's browser and opens the form. */
export const INVITE_PATH_PREFIX = '/i/';

/** The cookie that carries the invite from its link to the assessment (path /assessments only). */
export const INVITE_COOKIE = 'rehab_invite';

export function inviteUrl(baseUrl: string, token: string): string {
  return new URL(`${INVITE_PATH_PREFIX}${token}`, baseUrl).href;
}

/** The invite token from a request's cookies (API Gateway's `cookies`: "name=value" each), if any. */
export function inviteFromCookies(cookies: readonly string[] | undefined): string | undefined {
  for (const cookie of cookies ?? []) {
    const eq = cookie.indexOf('=');
    if (eq < 0 || cookie.slice(0, eq).trim() !== INVITE_COOKIE) continue;
    const value = cookie.slice(eq + 1).trim();
    if (INVITE_TOKEN_PATTERN.test(value)) return value;
  }
  return undefined;
}
