import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Phones are personal data. Keys and counters carry a keyed hash (HMAC-SHA256) so a table dump or
 * a log line does not reveal numbers, and a hash cannot be reversed by trying all numbers without
 * the key.
 */
export function hashPhone(e164: string, key: string): string {
  return createHmac('sha256', key).update(`phone:${e164}`).digest('base64url');
}

/**
 * A client's address (the source IP) is personal data too: rate-limit counters carry its keyed
 * hash, never the address itself.
 */
export function hashClient(address: string, key: string): string {
  return createHmac('sha256', key).update(`client:${address}`).digest('base64url');
}

/** "+14155550123" → "+1*******23": enough to tell numbers apart in a log, not enough to call one. */
export function maskPhone(phone: string | undefined): string {
  if (!phone) return '(none)';
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 5) return '*'.repeat(digits.length);
  return `+${digits.slice(0, 1)}${'*'.repeat(digits.length - 3)}${digits.slice(-2)}`;
}

/** Masks every phone-like run of digits in free text (error messages) before it is logged. */
export function redactPhones(text: string): string {
  return text.replace(/\+?\d[\d\s().-]{6,}\d/g, (m) => maskPhone(m));
}

export function newVerificationCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function hashCode(planId: string, code: string, key: string): string {
  return createHmac('sha256', key).update(`code:${planId}:${code}`).digest('base64url');
}

/**
 * The code that confirms an erasure asked for by one inbound message: four digits drawn from the
 * message id with the key, so a repeat of the same DELETE (SNS redelivers) stores and sends the
 * same code, and nobody without the key can tell it.
 */
export function erasureCode(inboundMessageId: string, key: string): string {
  const digest = createHmac('sha256', key).update(`erasure-code:${inboundMessageId}`).digest();
  return String(digest.readUInt32BE(0) % 10_000).padStart(4, '0');
}

/** What is stored of an erasure code: its keyed hash, bound to the patient. */
export function hashErasureCode(phoneHash: string, code: string, key: string): string {
  return hashCode(`erasure:${phoneHash}`, code, key);
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
