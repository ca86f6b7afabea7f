import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deliveryOutcome,
  MAX_PROVIDER_RESPONSE,
  outcomeRecord,
  smsDeliveryLogGroups,
  type SmsDeliveryStatus,
} from '../../shared/domain/messaging/sms-delivery.ts';

const NOW = new Date('2030-03-06T18:01:00Z');
const line = (status: 'SUCCESS' | 'FAILURE', providerResponse?: string): SmsDeliveryStatus => ({
  notification: { messageId: 'm-1', timestamp: '2030-03-06 18:00:06.558' },
  delivery: { destination: '+14155550123', ...(providerResponse ? { providerResponse } : {}) },
  status,
});

describe('SMS delivery outcomes (SNS delivery status log)', () => {
  it("names SNS's two groups of the account and region", () => {
    expect(smsDeliveryLogGroups('eu-west-1', '111122223333')).toEqual({
      success: 'sns/eu-west-1/111122223333/DirectPublishToPhoneNumber',
      failure: 'sns/eu-west-1/111122223333/DirectPublishToPhoneNumber/Failure',
    });
  });

  it.each([
    ['SUCCESS', 'Message has been accepted by phone carrier', 'delivered'],
    ['SUCCESS', 'Phone carrier has blocked this message', 'delivered'], // SNS's status wins
    ['FAILURE', 'Phone carrier has blocked this message', 'blocked'],
    ['FAILURE', 'Blocked as spam by phone carrier', 'blocked'],
    ['FAILURE', 'Phone is on a blocked list', 'blocked'],
    ['FAILURE', 'Phone number is opted out', 'opted-out'],
    ['FAILURE', 'Phone has opted-out', 'opted-out'],
    ['FAILURE', 'Phone is currently unreachable/unavailable', 'failed'],
    ['FAILURE', 'Unknown error attempting to reach phone', 'failed'],
    ['FAILURE', undefined, 'failed'],
  ] as const)('%s "%s" → %s', (status, response, outcome) => {
    expect(deliveryOutcome(line(status, response))).toBe(outcome);
  });

  it('keeps the time SNS logged (UTC), the carrier words cut short, the price; never the number', () => {
    const record = outcomeRecord(
      {
        ...line('SUCCESS', 'x'.repeat(500)),
        delivery: { destination: '+14155550123', providerResponse: 'x'.repeat(500), priceInUSD: 0.0058 },
      },
      NOW,
    );
    expect(record).toEqual({
      outcome: 'delivered',
      outcomeAt: '2030-03-06T18:00:06.558Z',
      providerResponse: 'x'.repeat(MAX_PROVIDER_RESPONSE),
      priceUsd: 0.0058,
    });
    expect(JSON.stringify(record)).not.toContain('4155550123');
    // No time, or one that is not a time: when it was read.
    expect(outcomeRecord({ ...line('FAILURE'), notification: { messageId: 'm' } }, NOW).outcomeAt).toBe(
      NOW.toISOString(),
    );
    expect(
      outcomeRecord({ ...line('FAILURE'), notification: { messageId: 'm', timestamp: 'soon' } }, NOW)
        .outcomeAt,
    ).toBe(NOW.toISOString());
  });

  it('every line has exactly one outcome, and SUCCESS is always delivered', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('SUCCESS', 'FAILURE'),
        fc.option(fc.string(), { nil: undefined }),
        (status, response) => {
          const outcome = deliveryOutcome(line(status as 'SUCCESS' | 'FAILURE', response));
          expect(['delivered', 'failed', 'blocked', 'opted-out']).toContain(outcome);
          expect(outcome === 'delivered').toBe(status === 'SUCCESS');
        },
      ),
    );
  });
});
