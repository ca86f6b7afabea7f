import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { recordAwsCalls } from '../../local/aws-calls.ts';

/**
 * EventBridge Scheduler at the SDK boundary, with the state the real service keeps: a name exists
 * once per group (CreateSchedule of an existing one is a ConflictException, Update or Delete of a
 * missing one a ResourceNotFoundException). Tests read both the exact calls and what exists.
 */
/** Where the tests' schedules live and what they target (EventBridgeReminderScheduler's options). */
export const SCHEDULER_OPTIONS = {
  groupName: 'rehab-reminders',
  queueArn: 'arn:aws:sqs:us-east-1:123456789012:rehab-reminders',
  roleArn: 'arn:aws:iam::123456789012:role/rehab-scheduler',
  deadLetterQueueArn: 'arn:aws:sqs:us-east-1:123456789012:rehab-scheduler-dlq',
  maxEventAgeSeconds: 3600,
};

export type SchedulerCall = 'CreateSchedule' | 'UpdateSchedule' | 'DeleteSchedule';

export function fakeScheduler() {
  const schedules = new Map<string, CreateScheduleCommandInput>();
  /** Fault injection: an error to throw for a call instead of answering it (undefined: answer). */
  let fault: ((call: SchedulerCall, input: { Name?: string }) => Error | undefined) | undefined;
  const mock = mockClient(SchedulerClient);
  const id = (input: { GroupName?: string; Name?: string }) =>
    `${input.GroupName ?? 'default'}/${input.Name}`;
  const $metadata = {};

  function install() {
    mock.on(CreateScheduleCommand).callsFake(async (input: CreateScheduleCommandInput) => {
      const injected = fault?.('CreateSchedule', input);
      if (injected) throw injected;
      if (schedules.has(id(input)))
        throw new ConflictException({
          message: 'Schedule already exists',
          Message: 'Schedule already exists',
          $metadata,
        });
      schedules.set(id(input), input);
      return { ScheduleArn: `arn:aws:scheduler:us-east-1:123456789012:schedule/${id(input)}` };
    });
    mock.on(UpdateScheduleCommand).callsFake(async (input: CreateScheduleCommandInput) => {
      const injected = fault?.('UpdateSchedule', input);
      if (injected) throw injected;
      if (!schedules.has(id(input)))
        throw new ResourceNotFoundException({ message: 'not found', Message: 'not found', $metadata });
      schedules.set(id(input), input);
      return { ScheduleArn: `arn:aws:scheduler:us-east-1:123456789012:schedule/${id(input)}` };
    });
    // Pages of 5, as the service pages (by a token), so callers that stop at one page show.
    mock
      .on(ListSchedulesCommand)
      .callsFake(async (input: { GroupName?: string; NamePrefix?: string; NextToken?: string }) => {
        const matching = [...schedules.values()].filter(
          (s) =>
            (s.GroupName ?? 'default') === (input.GroupName ?? 'default') &&
            (s.Name ?? '').startsWith(input.NamePrefix ?? ''),
        );
        const from = Number(input.NextToken ?? 0);
        const next = from + 5 < matching.length ? String(from + 5) : undefined;
        return {
          Schedules: matching.slice(from, from + 5).map((s) => ({ Name: s.Name, GroupName: s.GroupName })),
          ...(next ? { NextToken: next } : {}),
        };
      });
    mock.on(DeleteScheduleCommand).callsFake(async (input: { GroupName?: string; Name?: string }) => {
      const injected = fault?.('DeleteSchedule', input);
      if (injected) throw injected;
      if (!schedules.delete(id(input)))
        throw new ResourceNotFoundException({ message: 'not found', Message: 'not found', $metadata });
      return {};
    });
  }
  install();

  return {
    mock,
    client: recordAwsCalls(new SchedulerClient({ region: 'us-east-1' })),
    schedules,
    /** Forgets calls, schedules and faults. */
    reset() {
      mock.reset();
      schedules.clear();
      fault = undefined;
      install();
    },
    /** Makes calls fail as `decide` says, until reset. */
    injectFaults(decide: (call: SchedulerCall, input: { Name?: string }) => Error | undefined) {
      fault = decide;
    },
    calls(
      command: typeof CreateScheduleCommand | typeof UpdateScheduleCommand | typeof DeleteScheduleCommand,
    ) {
      return mock.commandCalls(command as typeof CreateScheduleCommand).map((c) => c.args[0].input);
    },
  };
}
