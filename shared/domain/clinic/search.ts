/**
 * Finding a patient by the start of their clinic reference without the table holding the
 * reference in clear (pure, node:crypto only).
 *
 * References are sealed (secrets.ts): no index can read them. So each reference also leaves search
 * TOKENS: a keyed hash (HMAC-SHA256 under a key derived from the hash key by HKDF with a label of
 * its own, cut to 128 bits) of each prefix of 3 to 8 characters of the normalised reference and of
 * each of its words. A search hashes what was typed the same way and looks the token up (one Query
 * of an index), then reads the rows it names (one BatchGetItem), opens their references and keeps
 * those that really start so (a query longer than 8 characters is checked in full that way).
 *
 * What it costs in privacy (docs/CLINICS.md): without the key a token says nothing of the text,
 * but equal tokens show that two patients share a prefix, and how many tokens a patient has
 * hints at the length of their reference. With the key (who holds it can open references anyway)
 * a prefix can be tested. Prefixes shorter than 3 characters are never stored.
 */
import { createHmac, hkdfSync } from 'node:crypto';

export const MIN_SEARCH = 3;
export const MAX_PREFIX = 8;
/** The most tokens a reference leaves (the row keeps as many shadow items). */
export const MAX_TOKENS = 24;

const SEARCH_KEY_INFO = 'clinic-reference-search/v1';

/** Lower case, accents dropped ("Pérez" finds "perez"), anything else but letters and digits a space. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The prefixes a reference can be found by: of the whole text and of each word, 3 to 8 long. */
export function searchPrefixes(reference: string): string[] {
  const text = normaliseForSearch(reference);
  const out = new Set<string>();
  const add = (s: string) => {
    for (let n = MIN_SEARCH; n <= Math.min(s.length, MAX_PREFIX); n++) out.add(s.slice(0, n));
  };
  add(text);
  for (const word of text.split(' ')) add(word);
  return [...out].slice(0, MAX_TOKENS);
}

function searchKey(hashKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', hashKey, 'rehab-reminders', SEARCH_KEY_INFO, 32));
}

/** The token of one normalised prefix. */
export function searchToken(prefix: string, hashKey: string): string {
  return createHmac('sha256', searchKey(hashKey))
    .update(prefix)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** The tokens a reference leaves. */
export function searchTokens(reference: string, hashKey: string): string[] {
  const key = searchKey(hashKey);
  return searchPrefixes(reference).map((p) =>
    createHmac('sha256', key).update(p).digest().subarray(0, 16).toString('base64url'),
  );
}

/** What a search looks up: the token of what was typed (its first 8 characters), or why not. */
export function queryToken(
  query: string,
  hashKey: string,
): { token: string; normalised: string } | { tooShort: true } {
  const normalised = normaliseForSearch(query);
  if (normalised.length < MIN_SEARCH) return { tooShort: true };
  return { token: searchToken(normalised.slice(0, MAX_PREFIX), hashKey), normalised };
}

/** Whether a reference (opened) matches what was typed: it, or one of its words, starts so. */
export function referenceMatches(reference: string, normalisedQuery: string): boolean {
  const text = normaliseForSearch(reference);
  return text.startsWith(normalisedQuery) || text.split(' ').some((w) => w.startsWith(normalisedQuery));
}

/** A patient id typed in part ("p-7k", always with its dash: "Pat" is a name): the id's prefix to look for, or undefined. */
export function patientIdPrefix(query: string): string | undefined {
  const q = query.trim().toUpperCase();
  const m = /^P-([0-9A-HJKMNP-TV-Z]{0,8})$/.exec(q);
  return m ? `P-${m[1]}` : undefined;
}
