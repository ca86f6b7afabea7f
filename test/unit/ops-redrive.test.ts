import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  SQSClient,
  SQSServiceException,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ADVICE,
  formatQueueReport,
  redriveDeadLetters,
  type QueueReport,
} from '../../scripts/ops/redrive-queues.ts';
import { mockStack, opsOutputs } from '../support/ops.ts';

const sqs = mockClient(SQSClient);
let stack: ReturnType<typeof mockStack>;
afterAll(() => {
  sqs.restore();
  stack?.mock.restore();
});

const OUT = opsOutputs();
const url = (arn: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${arn.split(':')[5]}`;

/** SQS with these many messages in each dead-letter queue (by ARN). */
function queuesHolding(counts: Record<string, number>) {
  sqs
    .on(GetQueueUrlCommand)
    .callsFake(async (input: { QueueName: string; QueueOwnerAWSAccountId: string }) => ({
      QueueUrl: `https://sqs.us-east-1.amazonaws.com/${input.QueueOwnerAWSAccountId}/${input.QueueName}`,
    }));
  for (const [arn, n] of Object.entries(counts)) {
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: url(arn) })
      .resolves({ Attributes: { ApproximateNumberOfMessages: String(n) } });
  }
}

beforeEach(() => {
  sqs.reset();
  stack?.mock.restore();
  stack = mockStack('Clinic', OUT);
});

const clients = () => ({ cloudFormation: stack.client, sqs: new SQSClient({ region: 'us-east-1' }) });
const empty = {
  [OUT.reminderDeadLetterQueueArn]: 0,
  [OUT.schedulerDeadLetterQueueArn]: 0,
  [OUT.scheduleSyncFailureQueueArn]: 0,
  [OUT.inboundDeadLetterQueueArn]: 0,
};

describe('npm run ops:redrive', () => {
  it('moves the reminder DLQ back to the reminder queue and reports the task', async () => {
    queuesHolding({ ...empty, [OUT.reminderDeadLetterQueueArn]: 12 });
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [{ Status: 'COMPLETED', SourceArn: OUT.reminderDeadLetterQueueArn }] })
      .resolves({ Results: [{ Status: 'RUNNING', SourceArn: OUT.reminderDeadLetterQueueArn }] });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });

    const reports = await redriveDeadLetters(clients(), 'Clinic');

    expect(sqs.commandCalls(StartMessageMoveTaskCommand).map((c) => c.args[0].input)).toEqual([
      { SourceArn: OUT.reminderDeadLetterQueueArn, DestinationArn: OUT.reminderQueueArn },
    ]);
    expect(sqs.commandCalls(ListMessageMoveTasksCommand).map((c) => c.args[0].input)).toEqual([
      { SourceArn: OUT.reminderDeadLetterQueueArn, MaxResults: 1 },
      { SourceArn: OUT.reminderDeadLetterQueueArn, MaxResults: 1 },
    ]);
    expect(sqs.commandCalls(GetQueueUrlCommand).map((c) => c.args[0].input)[0]).toEqual({
      QueueName: 'RehabReminders-ReminderDlq',
      QueueOwnerAWSAccountId: '123456789012',
    });
    expect(reports).toEqual<QueueReport[]>([
      {
        queue: 'reminder DLQ → reminder queue',
        messages: 12,
        action: 'started',
        taskHandle: 'task-1',
        status: 'RUNNING',
      },
      { queue: "schedules' DLQ", messages: 0, action: 'empty' },
      { queue: 'schedule-sync failures', messages: 0, action: 'empty' },
      { queue: 'inbound SMS DLQ', messages: 0, action: 'empty' },
    ]);
    expect(formatQueueReport(reports[0]!)).toBe(
      'reminder DLQ → reminder queue: 12 messages, move started (task task-1, RUNNING); run again to see it finish',
    );
  });

  it('starts no second move while one runs, and none of an empty queue', async () => {
    queuesHolding({ ...empty, [OUT.reminderDeadLetterQueueArn]: 5 });
    sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [
        { Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 3, ApproximateNumberOfMessagesToMove: 8 },
      ],
    });
    const [running] = await redriveDeadLetters(clients(), 'Clinic');
    expect(running).toEqual({
      queue: 'reminder DLQ → reminder queue',
      messages: 5,
      action: 'already-running',
      moved: 3,
      toMove: 8,
    });

    sqs.reset();
    queuesHolding(empty);
    sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [] });
    const [nothing] = await redriveDeadLetters(clients(), 'Clinic');
    expect(nothing).toMatchObject({ messages: 0, action: 'empty' });
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it('says what waits where SQS cannot move it (Scheduler, stream, SNS and Lambda sources), and what to do', async () => {
    queuesHolding({
      ...empty,
      [OUT.schedulerDeadLetterQueueArn]: 2,
      [OUT.scheduleSyncFailureQueueArn]: 1,
      [OUT.inboundDeadLetterQueueArn]: 4,
    });
    sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [] });

    const [, schedules, sync, inbound] = await redriveDeadLetters(clients(), 'Clinic');

    expect(schedules).toEqual({
      queue: "schedules' DLQ",
      messages: 2,
      action: 'not-movable',
      advice: ADVICE.scheduler,
    });
    expect(sync).toMatchObject({ messages: 1, action: 'not-movable', advice: ADVICE.scheduleSync });
    expect(inbound).toMatchObject({ messages: 4, action: 'not-movable', advice: ADVICE.inbound });
    expect(formatQueueReport(sync!)).toMatch(
      /^schedule-sync failures: 1 message, not movable by SQS: .*ops:resync/,
    );
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it("fails with AWS's error when the operator may not start a move", async () => {
    queuesHolding({ ...empty, [OUT.reminderDeadLetterQueueArn]: 1 });
    sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [] });
    sqs.on(StartMessageMoveTaskCommand).rejects(
      new SQSServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: {},
        message: 'not authorized to perform: sqs:StartMessageMoveTask',
      }),
    );
    await expect(redriveDeadLetters(clients(), 'Clinic')).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('names the dead-letter queue outputs an older stack lacks', async () => {
    stack.mock.restore();
    const { reminderDeadLetterQueueArn: _a, inboundDeadLetterQueueArn: _b, ...older } = OUT;
    stack = mockStack('Clinic', older);
    await expect(redriveDeadLetters(clients(), 'Clinic')).rejects.toThrow(
      'stack Clinic has no output ReminderDeadLetterQueueArn, InboundDeadLetterQueueArn: deploy this version of the stack first',
    );
    expect(sqs.calls()).toHaveLength(0);
  });
});
