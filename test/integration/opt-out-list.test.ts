/**
 * The stack's End User Messaging opt-out list (shared/adapters/sms-voice/opt-out-list.ts) at the
 * SDK boundary: the exact input of each call, and AWS's answers read as the port promises
 * (throttling, a number not on the list, the list missing, the 30-day refusal). Then the form:
 * a number on the list is told to text START first, and nothing is written or sent. Intake's
 * DescribeOptedOutNumbers is recorded for the IAM proof.
 */
import {
  AccessDeniedException,
  ConflictException,
  DeleteOptedOutNumberCommand,
  DescribeOptedOutNumbersCommand,
  PinpointSMSVoiceV2Client,
  PutOptedOutNumberCommand,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { recordAwsCalls } from '../../local/aws-calls.ts';
import { EumOptOutList } from '../../shared/adapters/sms-voice/opt-out-list.ts';
import { NotifierThrottledError } from '../../shared/domain/model.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { call, httpEvent } from '../support/http.ts';
import { assessmentBody, createTestIntake } from '../support/intake.ts';

const table = useTestTable();
const eum = mockClient(PinpointSMSVoiceV2Client);
afterAll(() => eum.restore());
beforeEach(() => eum.reset());

const LIST = 'arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/RehabOptOutList';
const PHONE = '+14155550123';
const list = () => new EumOptOutList(recordAwsCalls(new PinpointSMSVoiceV2Client({})), LIST);
const notFound = (resourceType: 'opted-out-number' | 'opt-out-list') =>
  new ResourceNotFoundException({
    message: 'not found',
    $metadata: {},
    ResourceType: resourceType,
    ResourceId: 'x',
  });

describe('the opt-out list adapter (End User Messaging, SDK boundary)', () => {
  it('PutOptedOutNumber names the list and the number', async () => {
    eum.on(PutOptedOutNumberCommand).resolves({ OptedOutNumber: PHONE });
    await list().putOptedOutNumber(PHONE);
    expect(eum.commandCalls(PutOptedOutNumberCommand).map((c) => c.args[0].input)).toEqual([
      { OptOutListName: LIST, OptedOutNumber: PHONE },
    ]);
  });

  it('DeleteOptedOutNumber: removed; not on the list; refused (once per 30 days); anything else is thrown', async () => {
    eum.on(DeleteOptedOutNumberCommand).resolves({ OptedOutNumber: PHONE });
    expect(await list().deleteOptedOutNumber(PHONE)).toBe('removed');
    expect(eum.commandCalls(DeleteOptedOutNumberCommand)[0]!.args[0].input).toEqual({
      OptOutListName: LIST,
      OptedOutNumber: PHONE,
    });
    eum.on(DeleteOptedOutNumberCommand).rejects(notFound('opted-out-number'));
    expect(await list().deleteOptedOutNumber(PHONE)).toBe('not-listed');
    eum
      .on(DeleteOptedOutNumberCommand)
      .rejects(
        new ValidationException({ message: 'deleted within 30 days', $metadata: {}, Reason: 'OTHER' }),
      );
    expect(await list().deleteOptedOutNumber(PHONE)).toBe('refused');
    eum.on(DeleteOptedOutNumberCommand).rejects(
      new ConflictException({
        message: 'conflict',
        $metadata: {},
        Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
        ResourceType: 'opted-out-number',
        ResourceId: PHONE,
      }),
    );
    expect(await list().deleteOptedOutNumber(PHONE)).toBe('refused');
    // The list itself missing is this deployment's mistake, not the patient's: thrown, retried, alarmed.
    eum.on(DeleteOptedOutNumberCommand).rejects(notFound('opt-out-list'));
    await expect(list().deleteOptedOutNumber(PHONE)).rejects.toThrow(ResourceNotFoundException);
    eum
      .on(DeleteOptedOutNumberCommand)
      .rejects(new AccessDeniedException({ message: 'denied', $metadata: {} }));
    await expect(list().deleteOptedOutNumber(PHONE)).rejects.toThrow(AccessDeniedException);
  });

  it('DescribeOptedOutNumbers for one number: listed, or not (AWS answers not found)', async () => {
    eum.on(DescribeOptedOutNumbersCommand).resolves({
      OptedOutNumbers: [{ OptedOutNumber: PHONE, OptedOutTimestamp: new Date(), EndUserOptedOut: true }],
    });
    expect(await list().describeOptedOutNumber(PHONE)).toBe(true);
    expect(eum.commandCalls(DescribeOptedOutNumbersCommand)[0]!.args[0].input).toEqual({
      OptOutListName: LIST,
      OptedOutNumbers: [PHONE],
    });
    eum.on(DescribeOptedOutNumbersCommand).resolves({ OptedOutNumbers: [] });
    expect(await list().describeOptedOutNumber(PHONE)).toBe(false);
    eum.on(DescribeOptedOutNumbersCommand).rejects(notFound('opted-out-number'));
    expect(await list().describeOptedOutNumber(PHONE)).toBe(false);
  });

  it("throttling on any call is the port's NotifierThrottledError (the caller retries)", async () => {
    const throttled = new ThrottlingException({ message: 'Rate exceeded', $metadata: {} });
    eum.on(PutOptedOutNumberCommand).rejects(throttled);
    eum.on(DeleteOptedOutNumberCommand).rejects(throttled);
    eum.on(DescribeOptedOutNumbersCommand).rejects(throttled);
    await expect(list().putOptedOutNumber(PHONE)).rejects.toThrow(NotifierThrottledError);
    await expect(list().deleteOptedOutNumber(PHONE)).rejects.toThrow(NotifierThrottledError);
    await expect(list().describeOptedOutNumber(PHONE)).rejects.toThrow(NotifierThrottledError);
  });
});

describe('the form and a number on the opt-out list', () => {
  const intake = () => createTestIntake(table, { optOutList: list(), startNumberFor: () => '+18885550123' });

  it('is told to text START first: 409 naming the phone and the number, nothing written or sent', async () => {
    eum.on(DescribeOptedOutNumbersCommand).resolves({
      OptedOutNumbers: [{ OptedOutNumber: PHONE, OptedOutTimestamp: new Date(), EndUserOptedOut: true }],
    });
    const before = (await table.scanAll()).filter((i) => String(i.pk).startsWith('PLAN#')).length;
    const test = intake();
    const res = await call(
      test.handler,
      httpEvent('POST', '/assessments', { body: assessmentBody({ phone: PHONE }) }),
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: {
        code: 'number_opted_out',
        message: expect.stringContaining('Text START to +18885550123'),
        issues: [
          {
            path: 'phone',
            message: expect.stringMatching(/^phone is on our opt-out list.*START to \+18885550123/),
          },
        ],
      },
    });
    expect(test.notifier.sent).toEqual([]);
    expect((await table.scanAll()).filter((i) => String(i.pk).startsWith('PLAN#')).length).toBe(before);
  });

  it('a number not on the list gets its plan and code as ever', async () => {
    eum.on(DescribeOptedOutNumbersCommand).rejects(notFound('opted-out-number'));
    const test = intake();
    const res = await call(test.handler, httpEvent('POST', '/assessments', { body: assessmentBody() }));
    expect(res.status).toBe(201);
    expect(test.notifier.sent).toHaveLength(1);
  });

  it('a resend to a number that opted out since is refused the same way', async () => {
    eum.on(DescribeOptedOutNumbersCommand).rejects(notFound('opted-out-number'));
    const test = intake();
    const body = assessmentBody();
    const made = await call(test.handler, httpEvent('POST', '/assessments', { body }));
    expect(made.status).toBe(201);
    eum.on(DescribeOptedOutNumbersCommand).resolves({
      OptedOutNumbers: [
        { OptedOutNumber: body.phone as string, OptedOutTimestamp: new Date(), EndUserOptedOut: true },
      ],
    });
    test.clock.advance(10 * 60_000);
    const resend = await call(
      test.handler,
      httpEvent('POST', '/verifications/resend', {
        body: { planId: (made.body as { planId: string }).planId },
      }),
    );
    expect(resend.status).toBe(409);
    expect(test.notifier.sent).toHaveLength(1);
  });
});
