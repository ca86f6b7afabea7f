import { randomUUID } from 'node:crypto';
import { buildPlan } from '../../shared/domain/plan/plan.ts';
import { hashPhone } from '../../shared/domain/security/privacy.ts';
import { CONSENT } from '../../shared/domain/plan/rules.ts';
import type { PlanRecord } from '../../shared/domain/model.ts';

export const TEST_HASH_KEY = 'test-hash-key';

/** A VAPID public key (a P-256 point, base64url): push is configured when an intake has one. */
export const VAPID_PUBLIC_KEY =
  'BO1AY23zLCuOp86J9cDt2K3_oujBSSlO59Nxcj8gF9riSPjFauV2gTDYDoWwVkGjMO2wT8CPNrngxpkCifXx0PU';

/**
 * A Web Push subscription as Chrome hands it out: an FCM endpoint, a real P-256 public key (65
 * bytes, uncompressed) and a 16-byte auth secret, base64url.
 */
export const PUSH_SUBSCRIPTION = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/fixture-subscription-1',
  expirationTime: null,
  keys: {
    p256dh: 'BO1AY23zLCuOp86J9cDt2K3_oujBSSlO59Nxcj8gF9riSPjFauV2gTDYDoWwVkGjMO2wT8CPNrngxpkCifXx0PU',
    auth: 'tBHItJI5svbpez7KI4CCXg',
  },
};

let phoneCounter = 0;
/** A fresh, valid US number each call (555-01xx range is reserved for fiction). */
export function nextPhone(): string {
  phoneCounter += 1;
  return `+1415555${String(1000 + (phoneCounter % 9000)).padStart(4, '0')}`;
}

export function planRecord(overrides: Partial<PlanRecord> & { now?: Date } = {}): PlanRecord {
  // Real "now" by default: DynamoDB Local runs TTL deletion, so items dated in the past vanish.
  const now = overrides.now ?? new Date();
  const phone = overrides.phone ?? nextPhone();
  const decision = buildPlan(
    {
      scores: { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 },
      redFlags: [],
      timeZone: 'America/New_York',
      sessionTimes: ['08:00', '13:00', '19:00'],
    },
    { now },
  );
  const { now: _now, ...rest } = overrides;
  return {
    planId: randomUUID(),
    phoneHash: hashPhone(phone, TEST_HASH_KEY),
    phone,
    country: 'US',
    channel: 'sms',
    status: 'pending_verification',
    plan: decision.plan!,
    consent: { version: CONSENT.version, text: CONSENT.text, acceptedAt: now.toISOString() },
    assessment: {
      scores: { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 },
      redFlags: [],
    },
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...rest,
  };
}
