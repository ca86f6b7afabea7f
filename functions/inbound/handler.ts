import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import { silentLog } from '../../shared/adapters/defaults.ts';
import { inboundSelfTestMarker, type InboundSelfTestMarker } from '../../shared/domain/ops/self-test.ts';
import * as z from '../../shared/domain/zod.ts';
import { createInboundProcessor, type InboundDeps, type InboundSms } from './service.ts';
import { jsonOrUndefined } from '../../shared/json.ts';

export type { InboundDeps, InboundResult, InboundSms } from './service.ts';

/** The JSON AWS End User Messaging SMS publishes to the two-way SNS topic. */
const twoWayPayload = z.object({
  originationNumber: z.string().check(z.minLength(1), z.maxLength(32)),
  destinationNumber: z.optional(z.string().check(z.maxLength(32))),
  messageBody: z.string().check(z.maxLength(2000)),
  inboundMessageId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  messageKeyword: z.optional(z.string()),
  previousPublishedMessageId: z.optional(z.string()),
});

/** The text inside an SNS record, or undefined when it is not a two-way SMS payload. */
export function inboundFromSns(record: SNSEventRecord): InboundSms | undefined {
  const parsed = twoWayPayload.safeParse(jsonOrUndefined(record.Sns.Message));
  // SNS always stamps its records; one without a valid time did not come from SNS.
  if (!parsed.success || Number.isNaN(Date.parse(record.Sns.Timestamp))) return undefined;
  return {
    from: parsed.data.originationNumber,
    body: parsed.data.messageBody,
    messageId: parsed.data.inboundMessageId ?? record.Sns.MessageId,
    receivedAt: new Date(record.Sns.Timestamp).toISOString(),
    ...(parsed.data.messageKeyword ? { keyword: parsed.data.messageKeyword } : {}),
    ...(parsed.data.destinationNumber ? { to: parsed.data.destinationNumber } : {}),
  };
}

/**
 * The operator's self-test marker of an SNS record (shared/domain/ops/self-test.ts says why no text can
 * carry it); undefined for every text.
 */
export function selfTestFromSns(record: SNSEventRecord): InboundSelfTestMarker | undefined {
  return inboundSelfTestMarker(jsonOrUndefined(record.Sns.Message));
}

/** SNS (two-way SMS topic) → inbound. Throws on a transient failure so Lambda's async retry repeats it. */
export function createInboundHandler(deps: InboundDeps) {
  const processor = createInboundProcessor(deps);
  const log = deps.log ?? silentLog;
  return async (event: SNSEvent): Promise<void> => {
    for (const record of event.Records) {
      const marker = selfTestFromSns(record);
      if (marker) {
        await processor.selfTest(marker, record.Sns.MessageId);
        continue;
      }
      const sms = inboundFromSns(record);
      if (!sms) {
        log.warn('not a two-way SMS payload: ignored', { snsMessageId: record.Sns.MessageId });
        continue;
      }
      await processor.handle(sms);
    }
  };
}
