import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hashInviteToken,
  INVITE_ID_PATTERN,
  INVITE_TOKEN_PATTERN,
  inviteFromCookies,
  inviteToken,
  inviteUrl,
  newInviteId,
  newInviteNonce,
  openReference,
  resealReference,
  sealReference,
  SealedValueError,
} from '../../shared/domain/clinic/secrets.ts';

const KEY = 'test-hash-key-0123456789abcdef0123456789';

const P1 = { patientId: 'P-0123ABCD' };
const P2 = { patientId: 'P-4567EFGH' };
const INVITE = { inviteId: 'I-0123456789' };

describe('sealed clinic references', () => {
  it('property: any reference opens back to itself for its owner, and never shows in its sealed form', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }), (reference) => {
        const sealed = sealReference(reference, KEY, P1);
        expect(openReference(sealed, KEY, P1)).toBe(reference);
        expect(sealed).toMatch(/^v2\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
        if (reference.length >= 4) expect(sealed).not.toContain(reference);
      }),
    );
  });

  it('two seals of the same reference differ (random IV): equal names cannot be spotted in a dump', () => {
    expect(sealReference('Jane Doe', KEY, P1)).not.toBe(sealReference('Jane Doe', KEY, P1));
  });

  it('another key, an altered byte or another version does not open', () => {
    const sealed = sealReference('MRN 004512', KEY, P1);
    expect(() => openReference(sealed, `${KEY}x`, P1)).toThrow(SealedValueError);
    const [v, iv, body] = sealed.split('.') as [string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    bytes[0] = bytes[0]! ^ 1;
    expect(() => openReference(`${v}.${iv}.${bytes.toString('base64url')}`, KEY, P1)).toThrow(
      SealedValueError,
    );
    expect(() => openReference(`v1.${iv}.${body}`, KEY, P1)).toThrow(SealedValueError);
    expect(() => openReference(`v3.${iv}.${body}`, KEY, P1)).toThrow(SealedValueError);
    expect(() => openReference('garbage', KEY, P1)).toThrow(SealedValueError);
  });

  it("bound to its owner (found by a review: the associated data was a constant): another patient's or an invite's does not open", () => {
    const sealed = sealReference('Alice Ash · MRN-222', KEY, P1);
    // Copied onto another patient's roster entry, or passed off as an invite's, it opens nothing.
    expect(() => openReference(sealed, KEY, P2)).toThrow(SealedValueError);
    expect(() => openReference(sealed, KEY, INVITE)).toThrow(SealedValueError);
    const forInvite = sealReference('Alice Ash · MRN-222', KEY, INVITE);
    expect(() => openReference(forInvite, KEY, P1)).toThrow(SealedValueError);
    // An invite's reference goes to the patient who uses it: sealed again, for that patient only.
    const moved = resealReference(forInvite, KEY, INVITE, P1);
    expect(openReference(moved, KEY, P1)).toBe('Alice Ash · MRN-222');
    expect(() => openReference(moved, KEY, INVITE)).toThrow(SealedValueError);
  });

  it('seals made before the binding (v1) still open, and are sealed for their owner when moved', () => {
    const v1 = 'v1.mm_z2qKDPVQ5Hd9b.sgqSSBfi0Q6k9mBdZu0lBGsq8mT4_xzQYBb6RpwsZpt8HJk-';
    expect(openReference(v1, KEY, P1)).toBe('Jane Roe · MRN 4471');
    expect(openReference(v1, KEY, INVITE)).toBe('Jane Roe · MRN 4471');
    const moved = resealReference(v1, KEY, INVITE, P2);
    expect(moved.startsWith('v2.')).toBe(true);
    expect(() => openReference(moved, KEY, P1)).toThrow(SealedValueError);
  });
});

describe('invite tokens', () => {
  it('a token of 22 base64url characters, made again from the id and nonce, hashed with the key', () => {
    const id = newInviteId();
    const nonce = newInviteNonce();
    expect(id).toMatch(INVITE_ID_PATTERN);
    const token = inviteToken(id, nonce, KEY);
    expect(token).toMatch(INVITE_TOKEN_PATTERN);
    expect(inviteToken(id, nonce, KEY)).toBe(token);
    expect(inviteToken(id, newInviteNonce(), KEY)).not.toBe(token);
    expect(hashInviteToken(token, KEY)).not.toBe(hashInviteToken(token, `${KEY}x`));
    expect(inviteUrl('https://api.example.com/', token)).toBe(`https://api.example.com/i/${token}`);
  });

  it('reads the invite cookie among others, and nothing that is not a token', () => {
    const token = inviteToken(newInviteId(), newInviteNonce(), KEY);
    expect(inviteFromCookies(['a=1', `rehab_invite=${token}`])).toBe(token);
    expect(inviteFromCookies(['rehab_invite=<script>'])).toBeUndefined();
    expect(inviteFromCookies(['other_rehab_invite=' + token])).toBeUndefined();
    expect(inviteFromCookies(undefined)).toBeUndefined();
  });
});
