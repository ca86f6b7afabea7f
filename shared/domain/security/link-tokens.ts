/**
 * The secret links the service hands out — a patient's plan page (plan/page.ts), a clinic's invite
 * (clinic/secrets.ts) — all made one way: a random nonce stored with the item, a token of 128 bits
 * of HMAC over the link's purpose, its item and the nonce, and only the token's keyed hash kept in
 * the table. `purpose` keeps each kind of link's tokens apart ("plan-page", "clinic-invite").
 */
import { createHmac, randomBytes } from 'node:crypto';

/** 16 random bytes (128 bits): the nonce stored on the link's item. */
export function newLinkNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The token in the link: 128 bits of HMAC, 22 base64url characters. */
export function linkToken(purpose: string, id: string, nonce: string, key: string): string {
  return createHmac('sha256', key)
    .update(`${purpose}:${id}:${nonce}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** What the table keeps of a token: its keyed hash (the link item's key). */
export function hashLinkToken(purpose: string, token: string, key: string): string {
  return createHmac('sha256', key).update(`${purpose}-token:${token}`).digest('base64url');
}

/** A token as the links carry it; anything else is answered 404 without a read. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
