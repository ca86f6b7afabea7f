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
  sealReference,
  SealedValueError,
} from '../../shared/domain/clinic/secrets.ts';

const KEY = 'test-hash-key-0123456789abcdef0123456789';

describe('sealed clinic references', () => {
  it('property: any reference opens back to itself, and never shows in its sealed form', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }), (reference) => {
        const sealed = sealReference(reference, KEY);
        expect(openReference(sealed, KEY)).toBe(reference);
        expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
        if (reference.length >= 4) expect(sealed).not.toContain(reference);
      }),
    );
  });

  it('two seals of the same reference differ (random IV): equal names cannot be spotted in a dump', () => {
    expect(sealReference('Jane Doe', KEY)).not.toBe(sealReference('Jane Doe', KEY));
  });

  it('another key, an altered byte or another version does not open', () => {
    const sealed = sealReference('MRN 004512', KEY);
    expect(() => openReference(sealed, `${KEY}x`)).toThrow(SealedValueError);
    const [v, iv, body] = sealed.split('.') as [string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    bytes[0] = bytes[0]! ^ 1;
    expect(() => openReference(`${v}.${iv}.${bytes.toString('base64url')}`, KEY)).toThrow(SealedValueError);
    expect(() => openReference(`v2.${iv}.${body}`, KEY)).toThrow(SealedValueError);
    expect(() => openReference('garbage', KEY)).toThrow(SealedValueError);
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
