/**
 * The operator's post-deploy self-test (`npm run ops:selftest`, scripts/ops): the marked messages
 * it sends through the deployed edges, and how the functions recognise them (pure). A self-test
 * message is recorded by the function it reaches and never texts anyone.
 */
import { SCHEDULED_TIME_PLACEHOLDER } from '../scheduling/schedule.ts';
import * as z from '../zod.ts';

/**
 * The functions that record a self-test message they receive: the sender and the inbound function
 * (a marked message), the delivery-status recorder (the status line of a text to a simulator number).
 */
export type SelfTestEdge = 'sender' | 'inbound' | 'delivery-status';

/** How long a self-test record is kept (DynamoDB's TTL removes it some time after). */
export const SELF_TEST_RECORD_SECONDS = 3_600;

/** The test's nonce: one per run, in the record's key and the schedule's name. */
export const selfTestNonceSchema = z
  .string()
  .check(z.minLength(8), z.maxLength(64), z.regex(/^[0-9A-Za-z-]+$/));

/**
 * The self-test's reminder-queue message. Only a schedule of the operator's own run puts it there
 * (the queue takes messages from the stack's Scheduler role and the account's principals only). It
 * has no plan id, so nothing in the sender can turn it into a text; a reminder (strictly
 * { v, planId, slot, scheduledTime }) can never parse as one, nor this as a reminder.
 */
export const selfTestQueueMessageSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('self-test'),
  nonce: selfTestNonceSchema,
  scheduledTime: z.iso.datetime({ offset: true }),
});

export type SelfTestQueueMessage = z.infer<typeof selfTestQueueMessageSchema>;

/** The schedule's Input: Scheduler puts the firing's instant in place of the placeholder. */
export function selfTestQueueInput(nonce: string): string {
  return JSON.stringify({ v: 1, kind: 'self-test', nonce, scheduledTime: SCHEDULED_TIME_PLACEHOLDER });
}

/**
 * The field that marks a self-test on the inbound SMS topic: a top-level field of the JSON document
 * SNS carries, beside End User Messaging's own. Why no patient can produce it: End User Messaging
 * builds that document itself, and two-way SMS never sets this field; what a phone controls is the
 * text, which arrives as the string value of `messageBody` (whatever is typed, `"rehabSelfTest":…`
 * included, stays inside that string), and its own number. Only a principal of the operator's
 * account allowed to publish to the topic (the operator running the self-test) can add it.
 */
export const INBOUND_SELF_TEST_FIELD = 'rehabSelfTest';

/**
 * Not a phone number (letters, no +): the self-test's "sender". Should the marker ever be missed, the
 * message would be a text from a number with no patient (nothing done, nothing answered), and SNS
 * refuses it as a destination, so it cannot be texted either.
 */
export const SELF_TEST_ORIGINATION = 'SELF-TEST';

/** End User Messaging's two-way payload, marked: what the self-test publishes to the inbound topic. */
export function inboundSelfTestPayload(nonce: string) {
  return {
    originationNumber: SELF_TEST_ORIGINATION,
    destinationNumber: SELF_TEST_ORIGINATION,
    messageKeyword: 'SELF-TEST',
    messageBody: 'ops:selftest',
    inboundMessageId: `selftest-${nonce}`,
    [INBOUND_SELF_TEST_FIELD]: { nonce },
  };
}

/** A marked inbound message: its nonce, or a bad one (still no patient's text: dropped, never read as one). */
export type InboundSelfTestMarker = { valid: true; nonce: string } | { valid: false };

/**
 * Reads the marker of an inbound SNS message's JSON: undefined when there is none (every patient's
 * text), else the marker.
 */
export function inboundSelfTestMarker(json: unknown): InboundSelfTestMarker | undefined {
  if (typeof json !== 'object' || json === null || !(INBOUND_SELF_TEST_FIELD in json)) return undefined;
  const marker = (json as Record<string, unknown>)[INBOUND_SELF_TEST_FIELD];
  const nonce = selfTestNonceSchema.safeParse((marker as { nonce?: unknown } | null)?.nonce);
  return nonce.success ? { valid: true, nonce: nonce.data } : { valid: false };
}

/**
 * AWS's SMS simulator destinations in the United States (End User Messaging, "Simulator phone
 * numbers": https://docs.aws.amazon.com/sms-voice/latest/userguide/test-phone-numbers.html). Texts
 * to them stay inside AWS: no phone, no carrier. Simulator origination numbers exist for the United
 * States only, and text only destinations of their own country.
 */
export const US_SIMULATOR_DESTINATION = { success: '+14254147755', failure: '+14254147167' } as const;

/** Whether a text went to one of AWS's simulator destinations (nobody's phone). */
export function isSimulatorDestination(phoneNumber: string): boolean {
  return Object.values(US_SIMULATOR_DESTINATION).includes(phoneNumber as never);
}

/**
 * The self-test's one real text: from the stack's simulator number to AWS's success simulator
 * destination, through SNS like every reminder. Its words say what it is, should anyone read the log.
 */
export function simulatorSelfTestText(nonce: string): string {
  return `Rehab reminders self-test ${nonce}: a text to an AWS simulator number. Nobody receives it.`;
}
