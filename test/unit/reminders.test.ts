import { composeAnswer, PARTS } from '../../shared/domain/messaging/answers.ts';
import { describe, expect, it } from 'vitest';
import { planDates } from '../../shared/domain/plan/plan.ts';
import {
  DELIVERY_HISTORY_HOURS,
  deliveryKey,
  inSendingHours,
  isLastDay,
  isLate,
  leavesAt,
  prunableKeys,
  REASSESSMENT_KEY,
  reminderMessageSchema,
  sendWindowSkip,
  sessionAt,
  statusSkipReason,
} from '../../shared/domain/scheduling/reminders.ts';
import { smsSegments } from '../../shared/domain/messaging/sms.ts';
import {
  doneText,
  helpText,
  messageKeptText,
  noActivePlanText,
  painLoggedText,
  pausedText,
  resumedText,
  seeClinicianFirstText,
  seekCareText,
  welcomeText,
} from '../../shared/domain/messaging/texts.ts';
import { zonedInstant } from '../../shared/domain/time.ts';
import { MAX_LATE_AFTER_MINUTES, runtimeConfigSchema } from '../../shared/config.ts';

const TZ = 'America/New_York';
const PLAN = {
  timeZone: TZ,
  sessionTimes: ['08:00', '13:00', '19:00'] as [string, string, string],
  ...planDates(new Date('2026-03-05T12:00:00Z'), TZ, ['08:00', '13:00', '19:00'], 14),
};

describe('the reminder message', () => {
  it('accepts what a schedule sends and refuses anything else', () => {
    const ok = { v: 1, planId: 'abc-123', slot: 2, scheduledTime: '2026-03-08T18:00:00Z' };
    expect(reminderMessageSchema.parse(ok)).toEqual(ok);
    for (const bad of [
      { ...ok, v: 2 },
      { ...ok, slot: 4 },
      { ...ok, slot: 0 },
      { ...ok, planId: '' },
      { ...ok, planId: 'a/b' },
      { ...ok, scheduledTime: '<aws.scheduler.scheduled-time>' },
      { ...ok, extra: true },
    ]) {
      expect(reminderMessageSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('keys a firing by its scheduled instant to the minute, whatever the notation', () => {
    expect(deliveryKey(new Date('2026-03-08T18:00:00Z'))).toBe('2026-03-08T18:00Z');
    expect(deliveryKey(new Date('2026-03-08T13:00:00-05:00'))).toBe('2026-03-08T18:00Z');
  });
});

describe('reasons not to send', () => {
  const at = (date: string, time: string) => zonedInstant(date, time, TZ);

  it('lateness: more than lateAfterMinutes after the scheduled time (default 60)', () => {
    expect(runtimeConfigSchema.parse({}).lateAfterMinutes).toBe(60);
    const scheduled = at('2026-03-06', '13:00');
    expect(isLate(scheduled, new Date(scheduled.getTime() + 60 * 60_000), 60)).toBe(false);
    expect(isLate(scheduled, new Date(scheduled.getTime() + 60 * 60_000 + 1), 60)).toBe(true);
  });

  it('quiet hours: only from 08:00 to 21:00:59 on the patient wall clock', () => {
    expect(inSendingHours(at('2026-03-06', '07:59'), TZ)).toBe(false);
    expect(inSendingHours(at('2026-03-06', '08:00'), TZ)).toBe(true);
    expect(inSendingHours(new Date(at('2026-03-06', '21:00').getTime() + 59_000), TZ)).toBe(true);
    expect(inSendingHours(at('2026-03-06', '21:01'), TZ)).toBe(false);
  });

  it('the plan dates and the quiet hours of an active plan', () => {
    const inside = at('2026-03-06', '13:00');
    expect(sendWindowSkip(PLAN, inside, inside)).toBeUndefined();
    expect(sendWindowSkip(PLAN, at('2026-03-04', '13:00'), inside)).toBe('outside-plan-dates');
    expect(sendWindowSkip(PLAN, at('2026-03-19', '08:00'), at('2026-03-19', '08:01'))).toBe(
      'outside-plan-dates',
    );
    expect(sendWindowSkip(PLAN, at('2026-03-06', '20:50'), at('2026-03-06', '21:05'))).toBe('quiet-hours');
  });

  it('a sender clock behind the scheduled time is judged at the scheduled time (Scheduler never fires early)', () => {
    const eight = at('2026-03-06', '08:00');
    expect(leavesAt(eight, at('2026-03-06', '07:57'))).toEqual(eight);
    expect(leavesAt(eight, at('2026-03-06', '08:02'))).toEqual(at('2026-03-06', '08:02'));
    expect(sendWindowSkip(PLAN, eight, at('2026-03-06', '07:57'))).toBeUndefined();
    // A clock ahead cannot be told from a slow delivery: 21:00 still ends at 21:00:59.
    expect(sendWindowSkip(PLAN, at('2026-03-06', '21:00'), at('2026-03-06', '21:02'))).toBe('quiet-hours');
  });

  it('names the status of a plan that is not active, opted out first', () => {
    expect(statusSkipReason('paused')).toBe('plan-paused');
    expect(statusSkipReason('stopped', { kind: 'opted-out' })).toBe('opted-out');
    expect(statusSkipReason('stopped', { kind: 'unreachable', cause: 'invalid-endpoint' })).toBe(
      'plan-stopped',
    );
    expect(statusSkipReason('completed', { kind: 'plan-ended' })).toBe('plan-completed');
  });

  it('knows the last day, in the patient zone', () => {
    expect(PLAN.endDate).toBe('2026-03-18');
    expect(isLastDay(PLAN, at('2026-03-18', '08:00'))).toBe(true);
    expect(isLastDay(PLAN, at('2026-03-17', '19:00'))).toBe(false);
  });
});

describe('delivery history', () => {
  it('prunes records older than the history window, never the re-assessment record', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const old = deliveryKey(new Date(now.getTime() - (DELIVERY_HISTORY_HOURS + 1) * 3_600_000));
    const recent = deliveryKey(new Date(now.getTime() - (DELIVERY_HISTORY_HOURS - 1) * 3_600_000));
    expect(prunableKeys([old, recent, REASSESSMENT_KEY], now)).toEqual([old]);
  });

  it('keeps records longer than the longest lateness allowed, so a repeat that old is refused as late', () => {
    const maxLate = MAX_LATE_AFTER_MINUTES;
    expect(runtimeConfigSchema.safeParse({ lateAfterMinutes: maxLate }).success).toBe(true);
    expect(runtimeConfigSchema.safeParse({ lateAfterMinutes: maxLate + 1 }).success).toBe(false);
    expect(DELIVERY_HISTORY_HOURS * 60).toBeGreaterThan(maxLate);
  });
});

describe('the session a reply belongs to', () => {
  it('is the latest session already reached today, else the first', () => {
    const at = (time: string) => zonedInstant('2026-03-06', time, TZ);
    expect(sessionAt(PLAN, at('07:00'))).toEqual({ localDate: '2026-03-06', slot: 1 });
    expect(sessionAt(PLAN, at('12:59'))).toEqual({ localDate: '2026-03-06', slot: 1 });
    expect(sessionAt(PLAN, at('13:00'))).toEqual({ localDate: '2026-03-06', slot: 2 });
    expect(sessionAt(PLAN, at('23:30'))).toEqual({ localDate: '2026-03-06', slot: 3 });
  });
});

describe('reply texts', () => {
  it('are GSM-7 and one segment each', () => {
    const app = 'Rehab reminders';
    for (const text of [
      doneText(app),
      pausedText(app),
      resumedText(app),
      painLoggedText(app, 10),
      seekCareText(app),
      noActivePlanText(app),
      noActivePlanText(app, 'https://abcdefghij.execute-api.eu-west-1.amazonaws.com/'),
    ]) {
      expect(smsSegments(text).encoding).toBe('GSM-7');
      expect(smsSegments(text).segments, text).toBeLessThanOrEqual(text.includes('https') ? 2 : 1);
    }
    expect(pausedText(app)).toContain('RESUME');
    // The "see a clinician" tier pauses without offering RESUME in the same breath.
    expect(seekCareText(app)).not.toContain('RESUME');
  });

  it('the texts that answer or follow the patient fit one segment with the longest name and contact', () => {
    const app = 'A'.repeat(30);
    const contact = `${'c'.repeat(28)}@example.org`;
    for (const text of [
      helpText(app),
      helpText(app, contact),
      welcomeText(app, ['08:00', '13:00', '19:00'], 14),
      composeAnswer(app, [PARTS.redFlag(['saddle-numbness', 'both-legs'], { optedOut: false })]),
      seeClinicianFirstText(app),
      messageKeptText(app),
      seekCareText(app),
    ]) {
      expect(smsSegments(text).encoding).toBe('GSM-7');
      expect(smsSegments(text).segments, text).toBe(1);
    }
    expect(helpText(app, contact)).toContain(contact);
    expect(composeAnswer(app, [PARTS.redFlag(['fever'], { optedOut: false })])).not.toContain('RESUME');
  });
});
