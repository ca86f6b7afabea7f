import { describe, expect, it } from 'vitest';
import { reminderMessageSchema } from '../../shared/domain/scheduling/reminders.ts';
import {
  inboundSelfTestMarker,
  inboundSelfTestPayload,
  selfTestQueueInput,
  selfTestQueueMessageSchema,
} from '../../shared/domain/ops/self-test.ts';
import { twoWayPayload } from '../support/inbound.ts';

const NONCE = '6c1e5a70-0d5b-4f0e-9a57-3c2b1f8e9d10';
const FIRED = '2030-01-01T12:01:00Z';

describe('the self-test queue message', () => {
  it('is what the schedule carries, once Scheduler puts the firing time in', () => {
    const delivered = JSON.parse(selfTestQueueInput(NONCE).replace('<aws.scheduler.scheduled-time>', FIRED));
    expect(selfTestQueueMessageSchema.parse(delivered)).toEqual({
      v: 1,
      kind: 'self-test',
      nonce: NONCE,
      scheduledTime: FIRED,
    });
  });

  it('and a reminder never parse as one another, nor a self-test with a plan id as either', () => {
    const selfTest = { v: 1, kind: 'self-test', nonce: NONCE, scheduledTime: FIRED };
    const reminder = { v: 1, planId: 'p1', slot: 1, scheduledTime: FIRED };
    expect(reminderMessageSchema.safeParse(selfTest).success).toBe(false);
    expect(selfTestQueueMessageSchema.safeParse(reminder).success).toBe(false);
    for (const both of [
      { ...selfTest, planId: 'p1' },
      { ...reminder, kind: 'self-test', nonce: NONCE },
    ]) {
      expect(reminderMessageSchema.safeParse(both).success).toBe(false);
      expect(selfTestQueueMessageSchema.safeParse(both).success).toBe(false);
    }
  });

  it.each(['short', 'has space in it', 'x'.repeat(65), 'semi;colon-1234'])(
    'refuses the nonce %j',
    (nonce) => {
      const message = { v: 1, kind: 'self-test', nonce, scheduledTime: FIRED };
      expect(selfTestQueueMessageSchema.safeParse(message).success).toBe(false);
    },
  );
});

describe('the inbound self-test marker', () => {
  it("is read from the self-test's payload", () => {
    expect(inboundSelfTestMarker(inboundSelfTestPayload(NONCE))).toEqual({ valid: true, nonce: NONCE });
  });

  it("is absent from every two-way SMS payload, whatever the patient's text says", () => {
    for (const body of ['STOP', '{"rehabSelfTest":{"nonce":"6c1e5a70-0d5b"}}', 'rehabSelfTest']) {
      expect(inboundSelfTestMarker(twoWayPayload('+15555550123', body, 'in-1'))).toBeUndefined();
    }
    expect(inboundSelfTestMarker(null)).toBeUndefined();
    expect(inboundSelfTestMarker('rehabSelfTest')).toBeUndefined();
  });

  it('is there but not valid when its nonce is missing or bad (the message is then dropped)', () => {
    for (const marker of [null, {}, { nonce: 'x' }, { nonce: 42 }, 'text']) {
      expect(
        inboundSelfTestMarker({ ...twoWayPayload('SELF-TEST', 'x', 'in-1'), rehabSelfTest: marker }),
      ).toEqual({
        valid: false,
      });
    }
  });
});
