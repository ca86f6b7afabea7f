/**
 * Change a running plan's session times or time zone (travel, shift work): from the plan page, and
 * from a text ("TIMES 8am 1pm 7pm", read by shared/domain/scheduling/times-text.ts). One function
 * does it all, so both ways behave the same:
 *   - the times are checked against the rule, the refusal naming the allowed window in the
 *     patient's clock ("between 8:00 AM and 9:00 PM");
 *   - the plan, its places (the old given back, the new taken, only where there is room: else the
 *     nearest free times are offered) and its history are written in ONE conditional transaction,
 *     so a repeat of the same request changes nothing (idempotent), and a race is read again;
 *   - schedules follow from the table's stream (schedule-sync puts them when times or zone change);
 *   - the confirmation text: sent here for a change made on the page (an SMS patient), returned as
 *     the reply for a change made by text (the inbound function sends its answers itself).
 * Skips and snoozes still ahead are dropped with the old times; what was due before stays so
 * (`timesHistory`, shared/domain/scheduling/due.ts).
 */
import { apiTextsFor } from '../../../shared/domain/plan/api-catalog.ts';
import { DEFAULT_LANGUAGE } from '../../../shared/domain/language.ts';
import { canonicalTimeZone, localDateOf, zonedInstant, addDays } from '../../../shared/domain/time.ts';
import {
  clockOf,
  formatTime,
  formatTimes,
  zoneInWords,
} from '../../../shared/domain/scheduling/local-time.ts';
import { sessionTimeIssues } from '../../../shared/domain/scheduling/settings-rules.ts';
import { slotsOf } from '../../../shared/domain/scheduling/session-slots.ts';
import type { SessionChanges } from '../../../shared/domain/scheduling/due.ts';
import { RUNNING_STATUSES } from '../../../shared/domain/plan/lifecycle.ts';
import { RULE } from '../../../shared/domain/plan/rules.ts';
import { textsFor } from '../../../shared/domain/messaging/text-catalog.ts';
import { SlotsFullError, type PlanRecord } from '../../../shared/domain/model.ts';
import type { FieldIssue } from '../../../shared/domain/plan/assessment.ts';
import type { RuntimeConfig } from '../../../shared/config.ts';
import type { Clock, Log, Notifier, PlanRepository, SessionSlots } from '../../../shared/ports.ts';
import { capacityOf, nearestFreeTimes } from './booking.ts';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Conditional writes that lose a race are read again this many times. */
const RETRIES = 3;

export interface SessionTimesDeps {
  repo: Pick<PlanRepository, 'getPlan' | 'changeSessionTimes'>;
  slots: Pick<SessionSlots, 'counts'>;
  /** Sends the confirmation of a change made on the page (SMS patients). */
  notifier: Notifier;
  config: Pick<RuntimeConfig, 'appName' | 'sms'>;
  clock: Clock;
  log: Log;
}

export interface TimesChangeRequest {
  /** Three "HH:MM" times; absent: keep them. */
  sessionTimes?: readonly string[] | undefined;
  /** An IANA zone; absent: keep it. */
  timeZone?: string | undefined;
  /** The page sends the confirmation text; a text gets it as the reply. */
  source: 'page' | 'text';
}

export type TimesChangeAnswer =
  /** Changed: the plan as it is now; `text` is the confirmation (sent for the page, the reply for a text). */
  | { outcome: 'changed'; record: PlanRecord; text: string; message: string }
  /** The plan has these times and zone already (a repeat): nothing written. */
  | { outcome: 'unchanged'; record: PlanRecord; text: string; message: string }
  /** Against the rule: the issues name the field; `text` is the reply to a TIMES text. */
  | { outcome: 'refused'; issues: FieldIssue[]; text: string; message: string }
  /** The minutes are full: the nearest free times, if any, to offer. */
  | { outcome: 'full'; fullIndexes: number[]; suggested?: string[]; text: string; message: string }
  /** The plan has ended (or waits for its code): nothing to change. */
  | { outcome: 'not-running'; message: string };

/** The plan's days in a zone: the same local dates, their midnights in the new zone. */
function datesIn(plan: PlanRecord['plan'], timeZone: string) {
  return {
    startsAt: zonedInstant(plan.startDate, '00:00', timeZone).toISOString(),
    endsAt: zonedInstant(addDays(plan.endDate, 1), '00:00', timeZone).toISOString(),
  };
}

/** The request checked against the rule: the issues, each naming its field and the window in words. */
function issuesOf(times: readonly string[], timeZone: string | undefined, record: PlanRecord): FieldIssue[] {
  const clock = clockOf(record.locale, record.country);
  const say = apiTextsFor(record.language).actions;
  const issues: FieldIssue[] = [];
  if (times.length !== RULE.sessionsPerDay)
    issues.push({ path: 'sessionTimes', message: say.timesCount('sessionTimes', RULE.sessionsPerDay) });
  else if (!times.every((t) => HH_MM.test(t)))
    issues.push({ path: 'sessionTimes', message: say.timesFormat('sessionTimes') });
  else
    for (const { index, problem } of sessionTimeIssues(times, clock)) {
      const path = `sessionTimes.${index}`;
      const message =
        problem === 'window'
          ? say.timeWindow(
              path,
              formatTime(RULE.quietHoursEnd, clock),
              formatTime(RULE.quietHoursStart, clock),
            )
          : say.timeGap(path, RULE.minSessionGapMinutes / 60);
      issues.push({ path, message });
    }
  if (timeZone !== undefined && !canonicalTimeZone(timeZone))
    issues.push({ path: 'timeZone', message: say.unknownZone('timeZone', timeZone.slice(0, 64)) });
  return issues;
}

/**
 * Changes the plan's session times and/or zone, as the module comment says. Safe to repeat: the
 * same request again finds the plan changed already and answers `unchanged` without a write.
 */
export async function changeSessionTimes(
  deps: SessionTimesDeps,
  start: PlanRecord,
  request: TimesChangeRequest,
): Promise<TimesChangeAnswer> {
  const { appName } = deps.config;
  let record = start;
  for (let attempt = 0; ; attempt++) {
    if (!RUNNING_STATUSES.includes(record.status))
      return { outcome: 'not-running', message: apiTextsFor(record.language).actions.timesEnded };
    const say = apiTextsFor(record.language).actions;
    const clock = clockOf(record.locale, record.country);
    const { timesChangedText, timesFullText, timesRefusedText } = textsFor(record.language);
    const times = [...(request.sessionTimes ?? record.plan.sessionTimes)].sort();
    const issues = issuesOf(times, request.timeZone, record);
    if (issues.length) {
      return {
        outcome: 'refused',
        issues,
        text: timesRefusedText(appName, clock),
        message: issues.map((i) => i.message).join(' '),
      };
    }
    const timeZone = request.timeZone ? canonicalTimeZone(request.timeZone)! : record.plan.timeZone;
    const zoneChanged = timeZone !== record.plan.timeZone;
    const sameTimes = times.join() === record.plan.sessionTimes.join();
    const timesInWords = formatTimes(times, clock, 'page', record.language ?? DEFAULT_LANGUAGE);
    const zoneNamed = zoneInWords(timeZone, deps.clock.now(), record.language ?? DEFAULT_LANGUAGE);
    // A text's answer always names the zone (the patient may be travelling); the page shows it.
    const zoneWords =
      zoneChanged || request.source === 'text'
        ? zoneInWords(timeZone, deps.clock.now(), record.language)
        : undefined;
    if (sameTimes && !zoneChanged) {
      return {
        outcome: 'unchanged',
        record,
        text: timesChangedText(appName, times, clock, zoneWords),
        message: say.timesAre(timesInWords, zoneNamed),
      };
    }
    const now = deps.clock.now();
    const newPlan = {
      ...record.plan,
      sessionTimes: times as [string, string, string],
      timeZone,
      ...datesIn(record.plan, timeZone),
    };
    // The places of the days still to come, in the new times and zone.
    const today = localDateOf(now, timeZone);
    const bookedSlots = slotsOf(newPlan, today);
    const held = new Set(record.bookedSlots ?? []);
    const after = new Set(bookedSlots);
    const capacity = capacityOf(deps.config);
    // Skips and snoozes from today on were for the old times: they go with them.
    const kept: SessionChanges = Object.fromEntries(
      Object.entries(record.sessionChanges ?? {}).filter(([key]) => key.split('#')[0]! < today),
    );
    try {
      const written = await deps.repo.changeSessionTimes(
        record.planId,
        {
          seen: { sessionTimes: record.plan.sessionTimes, timeZone: record.plan.timeZone },
          plan: newPlan,
          mark: {
            sessionTimes: [...record.plan.sessionTimes],
            timeZone: record.plan.timeZone,
            until: now.toISOString(),
          },
          sessionChanges: kept,
          bookedSlots,
          release: [...held].filter((s) => !after.has(s)),
          book: { slots: bookedSlots.filter((s) => !held.has(s)), capacity },
        },
        now,
      );
      if (written) {
        const changed: PlanRecord = {
          ...record,
          plan: newPlan,
          bookedSlots,
          sessionChanges: kept,
          timesHistory: [
            ...(record.timesHistory ?? []),
            {
              sessionTimes: [...record.plan.sessionTimes],
              timeZone: record.plan.timeZone,
              until: now.toISOString(),
            },
          ],
        };
        const text = timesChangedText(appName, times, clock, zoneWords);
        deps.log.info('session times changed', {
          planId: record.planId,
          source: request.source,
          zoneChanged,
          sessionTimes: times,
        });
        if (request.source === 'page' && record.channel === 'sms') await confirm(deps, record, text);
        return {
          outcome: 'changed',
          record: changed,
          text,
          message: say.timesChanged(timesInWords, zoneNamed),
        };
      }
    } catch (error) {
      if (!(error instanceof SlotsFullError)) throw error;
      const { fullIndexes, free } = await nearestFreeTimes(
        deps.slots,
        newPlan,
        times,
        error.full,
        capacity,
        today,
      );
      deps.log.warn('session minutes full', { planId: record.planId, full: error.full, offered: free });
      const offer = free ? formatTimes(free, clock, 'page', record.language ?? DEFAULT_LANGUAGE) : undefined;
      return {
        outcome: 'full',
        fullIndexes,
        ...(free ? { suggested: free } : {}),
        text: timesFullText(appName, clock, free),
        message: say.timesFull(offer),
      };
    }
    // The plan changed meanwhile (a repeat that won, another change, a stop): read it again.
    if (attempt >= RETRIES) throw new Error(`plan ${record.planId} kept changing during a change of times`);
    const fresh = await deps.repo.getPlan(record.planId);
    if (!fresh) return { outcome: 'not-running', message: say.timesEnded };
    record = fresh;
  }
}

/** The confirmation text of a change made on the page; a failure to send it changes nothing made. */
async function confirm(deps: SessionTimesDeps, record: PlanRecord, body: string): Promise<void> {
  try {
    await deps.notifier.send({ channel: 'sms', to: record.phone, body, kind: 'reply' });
  } catch (error) {
    deps.log.warn('the confirmation of new times could not be sent', {
      planId: record.planId,
      error: error instanceof Error ? error.name : String(error),
    });
  }
}
