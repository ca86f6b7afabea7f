/**
 * `npm run ops:redrive` (CLI: scripts/ops/redrive.ts): looks at each of the stack's dead-letter
 * queues and moves back what SQS can move. SQS's StartMessageMoveTask only takes a queue that is
 * the dead-letter queue of another SQS queue: here that is the reminder DLQ, whose reminders go
 * back to the reminder queue (the sender still drops those later than lateAfterMinutes, and
 * records them). The other three are filled by Scheduler, Lambda or SNS, which SQS cannot redrive
 * to; for them the script says how many messages wait and what to do instead.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { readStackOutputs } from './stack-outputs.ts';

export interface RedriveClients {
  cloudFormation: CloudFormationClient;
  sqs: SQSClient;
}

export type QueueReport = { queue: string; messages: number } & (
  | { action: 'empty' }
  | { action: 'started'; taskHandle: string; status?: string }
  | { action: 'already-running'; moved: number; toMove?: number }
  | { action: 'not-movable'; advice: string }
);

/** `arn:aws:sqs:<region>:<account>:<name>` → its URL, through SQS (any partition). */
async function queueUrl(sqs: SQSClient, arn: string): Promise<string> {
  const [, , , , account, name] = arn.split(':');
  const { QueueUrl } = await sqs.send(
    new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }),
  );
  if (!QueueUrl) throw new Error(`no URL for queue ${arn}`);
  return QueueUrl;
}

async function messagesIn(sqs: SQSClient, arn: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: await queueUrl(sqs, arn),
      AttributeNames: ['ApproximateNumberOfMessages'],
    }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
}

/** The newest move task from `sourceArn` (SQS runs one at a time per queue). */
async function latestTask(sqs: SQSClient, sourceArn: string) {
  const { Results } = await sqs.send(
    new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 1 }),
  );
  return Results?.[0];
}

/** The reminder DLQ back to the reminder queue, unless a move is running already or nothing waits. */
async function redriveReminders(sqs: SQSClient, dlqArn: string, queueArn: string): Promise<QueueReport> {
  const queue = 'reminder DLQ → reminder queue';
  const running = await latestTask(sqs, dlqArn);
  const messages = await messagesIn(sqs, dlqArn);
  if (running?.Status === 'RUNNING') {
    return {
      queue,
      messages,
      action: 'already-running',
      moved: running.ApproximateNumberOfMessagesMoved ?? 0,
      ...(running.ApproximateNumberOfMessagesToMove !== undefined
        ? { toMove: running.ApproximateNumberOfMessagesToMove }
        : {}),
    };
  }
  if (messages === 0) return { queue, messages, action: 'empty' };
  const { TaskHandle } = await sqs.send(
    new StartMessageMoveTaskCommand({ SourceArn: dlqArn, DestinationArn: queueArn }),
  );
  const status = (await latestTask(sqs, dlqArn))?.Status;
  return { queue, messages, action: 'started', taskHandle: TaskHandle ?? '?', ...(status ? { status } : {}) };
}

/** What to do with the dead letters SQS cannot move (their source is not an SQS queue). */
export const ADVICE = {
  scheduler:
    "reminders Scheduler could not put on the queue after retrying for lateAfterMinutes: too late to send now. Read one for the error in its attributes (the scheduler role's or the queue key's policy, usually), fix it, run npm run ops:selftest, then purge the queue",
  scheduleSync:
    'stream batches schedule-sync could not apply (pointers to the stream, which keeps 24 h): run npm run ops:resync, then purge the queue',
  inbound:
    "patients' texts the inbound function failed on (SNS or Lambda put them here): read them and the function's log, then purge the queue; a patient whose STOP or DELETE was lost can be handled with npm run ops:erase",
} as const;

export async function redriveDeadLetters(clients: RedriveClients, stackName: string): Promise<QueueReport[]> {
  const o = await readStackOutputs(clients.cloudFormation, stackName, [
    'reminderDeadLetterQueueArn',
    'reminderQueueArn',
    'schedulerDeadLetterQueueArn',
    'scheduleSyncFailureQueueArn',
    'inboundDeadLetterQueueArn',
  ]);
  const { sqs } = clients;
  const report = async (queue: string, arn: string, advice: string): Promise<QueueReport> => {
    const messages = await messagesIn(sqs, arn);
    return messages === 0
      ? { queue, messages, action: 'empty' }
      : { queue, messages, action: 'not-movable', advice };
  };
  return [
    await redriveReminders(sqs, o.reminderDeadLetterQueueArn, o.reminderQueueArn),
    await report("schedules' DLQ", o.schedulerDeadLetterQueueArn, ADVICE.scheduler),
    await report('schedule-sync failures', o.scheduleSyncFailureQueueArn, ADVICE.scheduleSync),
    await report('inbound SMS DLQ', o.inboundDeadLetterQueueArn, ADVICE.inbound),
  ];
}

/** One line a queue, for the terminal. */
export function formatQueueReport(r: QueueReport): string {
  const head = `${r.queue}: ${r.messages} message${r.messages === 1 ? '' : 's'}`;
  switch (r.action) {
    case 'empty':
      return `${head}, nothing to do`;
    case 'started':
      return `${head}, move started (task ${r.taskHandle}${r.status ? `, ${r.status}` : ''}); run again to see it finish`;
    case 'already-running':
      return `${head}, a move is running already (${r.moved}${r.toMove !== undefined ? ` of ${r.toMove}` : ''} moved)`;
    case 'not-movable':
      return `${head}, not movable by SQS: ${r.advice}`;
  }
}
