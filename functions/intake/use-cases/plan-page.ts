import { apiTextsFor } from '../../../shared/domain/plan/api-catalog.ts';
import { pageTextsFor } from '../../../shared/domain/plan/page-catalog.ts';
import { planCalendar } from '../../../shared/domain/plan/calendar.ts';
import {
  hashPageToken,
  planPageUrl,
  type PageMode,
  pageMode,
  painCheckInWords,
  planToday,
  type PlanToday,
} from '../../../shared/domain/plan/page.ts';
import { type Progress, planProgress } from '../../../shared/domain/plan/progress.ts';
import { retainedUntil } from '../../../shared/adapters/dynamodb/plan-repository.ts';
import { painCheckInEvent, PLAN_PAGE_SOURCE, sessionEvent } from '../../../shared/domain/plan/session-log.ts';
import type { PlanRecord } from '../../../shared/domain/model.ts';
import { OutsidePlanError } from '../errors.ts';
import { painPause, RUNNING_STATUSES } from '../../../shared/domain/plan/lifecycle.ts';
import { RULE } from '../../../shared/domain/plan/rules.ts';
import type { Client, IntakeContext } from './context.ts';
import { PlanActions, type NextSessionOffer } from './plan-actions.ts';
import { currentSession, sessionNumber } from '../../../shared/domain/scheduling/due.ts';
import { clockOf, type Clock } from '../../../shared/domain/scheduling/local-time.ts';

/**
 * What the plan page shows: the plan, today on it, whether this session is logged already, the
 * page's mode (today, before the start, the summary once over) and the progress from the plan's log.
 */
export interface PlanPageView {
  record: PlanRecord;
  today: PlanToday;
  /**
   * The session Done logs now (scheduling/due.ts `currentSession`) and its place among the day's
   * sessions that count ("Session 1 of 1" on a day signed up at 16:34); none when today has none.
   */
  current?: CurrentSession;
  sessionDone: boolean;
  mode: PageMode;
  progress: Progress;
  /** Today's next session for skip and snooze, with the snoozes that still fit. */
  next?: NextSessionOffer;
  /** The patient's clock (12- or 24-hour), from their locale or their phone's country. */
  clock: Clock;
  now: Date;
}

export interface CurrentSession {
  localDate: string;
  slot: number;
  /** Its place among the day's sessions that count, and how many there are. */
  number: number;
  of: number;
  /** The instant it is due at (a snoozed one: its first time), the Done event's key. */
  dueAt: string;
}

/** The answer to the page's "How is your back today?" (POST /p/{token}/pain). */
export interface PainCheckInAnswer {
  pain: number;
  localDate: string;
  /** False when today's check-in had this very score already: nothing changed. */
  recorded: boolean;
  /** The score this one replaced (one check-in a day: a later tap replaces it). */
  previous?: number;
  /** 8 or more: the see-a-clinician advice, and the plan's reminders are paused. */
  seekCare: boolean;
  remindersPaused: boolean;
  /** What the page says. */
  message: string;
  /** The advice to show, at 8 or more. */
  advice?: string;
}

export interface SessionDoneAnswer {
  /** The session's place among the day's sessions that count ("1 of 1" on a day signed up at 16:34). */
  session: number;
  sessionsPerDay: number;
  /** The session of the plan's day it logged (1–3). */
  slot: number;
  localDate: string;
  /** False when this session was logged already (a second press): nothing new was written. */
  recorded: boolean;
}

/** Today's session Done logs, numbered among the day's sessions that count (scheduling/due.ts). */
function currentOf(record: PlanRecord, localDate: string, now: Date): CurrentSession | undefined {
  const session = currentSession(record, localDate, now);
  if (!session) return undefined;
  const { number, of } = sessionNumber(record, session, now);
  return {
    localDate: session.localDate,
    slot: session.slot,
    number,
    of,
    dueAt: (session.snoozedFrom ?? session.at).toISOString(),
  };
}

/** The patient's plan page: what it shows, its Done button and its daily pain check-in. */
export class PlanPages {
  private readonly actions: PlanActions;

  constructor(private readonly ctx: IntakeContext) {
    this.actions = new PlanActions(ctx);
  }

  /**
   * The plan a page token opens, with today on it. Counted per client first (a refused request
   * reads nothing); a token of the wrong shape, unknown, revoked or expired, or whose plan is gone,
   * is the same PlanPageNotFoundError.
   */
  async planPage(token: string, client: Client): Promise<PlanPageView> {
    const now = this.ctx.clock.now();
    const record = await this.ctx.pagePlan(token, client, now);
    const today = planToday(record.plan, now);
    const log = await this.ctx.deps.events.sessionLog(record.planId);
    const current = currentOf(record, today.localDate, now);
    // This session is done when the log has it, from the page's Done or a DONE text alike.
    const sessionDone =
      !!current &&
      log.some((e) => e.type === 'done' && e.localDate === current.localDate && e.slot === current.slot);
    const next = await this.actions.nextSessionOffer(record, now);
    return {
      record,
      today,
      ...(current ? { current } : {}),
      sessionDone,
      mode: pageMode(record.status, today),
      progress: planProgress(record, log, now),
      ...(next ? { next } : {}),
      clock: clockOf(record.locale, record.country),
      now,
    };
  }

  /**
   * The page's one-tap "How is your back today?": logs the score as a PAIN text does, one check-in a
   * local day (a later tap that day replaces it; the same tap again changes nothing). At 8 or more
   * the plan is paused through the lifecycle, exactly as a PAIN text pauses it, and the page shows
   * the see-a-clinician advice. Nothing is logged outside the plan's days or once it has ended.
   */
  async checkInPain(token: string, pain: number, client: Client): Promise<PainCheckInAnswer> {
    const now = this.ctx.clock.now();
    const record = await this.ctx.pagePlan(token, client, now);
    const today = planToday(record.plan, now);
    this.requireWithinPlan(record, today);
    const { replaced, previousPain } = await this.ctx.deps.events.replacePlanEvent(
      painCheckInEvent(record, {
        localDate: today.localDate,
        slot: today.session,
        pain,
        expiresAt: retainedUntil(record, this.ctx.deps.config.retentionDays),
      }),
    );
    const pause = painPause(pain, record);
    const paused = pause ? await this.ctx.deps.repo.changeStatus(record.planId, pause, now) : false;
    const seekCare = pain >= RULE.seekCarePain;
    this.ctx.log.info('pain check-in on the plan page', {
      planId: record.planId,
      replaced,
      seekCare,
      paused,
    });
    return {
      pain,
      localDate: today.localDate,
      recorded: !replaced || previousPain !== pain,
      ...(replaced && previousPain !== undefined && previousPain !== pain ? { previous: previousPain } : {}),
      seekCare,
      remindersPaused: paused || record.status === 'paused',
      message: painCheckInWords(pain, seekCare, record.language),
      ...(seekCare ? { advice: pageTextsFor(record.language).advice.seekCare } : {}),
    };
  }

  /**
   * The page's Done: logs today's current session exactly as a DONE text does (session-log.ts), keyed
   * by the session's due instant, so a second press of the same session writes nothing.
   */
  async markSessionDone(token: string, client: Client): Promise<SessionDoneAnswer> {
    const now = this.ctx.clock.now();
    const record = await this.ctx.pagePlan(token, client, now);
    const today = planToday(record.plan, now);
    this.requireWithinPlan(record, today);
    const current = currentOf(record, today.localDate, now);
    if (!current) throw new OutsidePlanError('no-session', record.language);
    const recorded = await this.ctx.deps.events.recordPlanEvent(
      sessionEvent(record, {
        type: 'done',
        at: current.dueAt,
        session: { localDate: current.localDate, slot: current.slot },
        source: PLAN_PAGE_SOURCE,
        expiresAt: retainedUntil(record, this.ctx.deps.config.retentionDays),
      }),
    );
    this.ctx.log.info('session done on the plan page', {
      planId: record.planId,
      slot: current.slot,
      recorded,
    });
    return {
      session: current.number,
      sessionsPerDay: current.of,
      slot: current.slot,
      localDate: current.localDate,
      recorded,
    };
  }

  /**
   * "Add to calendar": the plan's sessions as an iCalendar file in the patient's zone, each event
   * linking the page (`baseUrl`: formUrl's origin, else the request's).
   */
  async calendar(token: string, client: Client, baseUrl: string): Promise<string> {
    const now = this.ctx.clock.now();
    const record = await this.ctx.pagePlan(token, client, now);
    return planCalendar({
      appName: this.ctx.deps.config.appName,
      uidBase: hashPageToken(token, this.ctx.deps.hashKey).slice(0, 22),
      plan: record.plan,
      link: planPageUrl(this.ctx.deps.config.formUrl ?? baseUrl, token),
      now,
      texts: apiTextsFor(record.language).calendar,
    });
  }

  /** The page logs only on the plan's days, while it runs (active or paused). */
  private requireWithinPlan(record: PlanRecord, today: PlanToday): void {
    if (!RUNNING_STATUSES.includes(record.status)) throw new OutsidePlanError('plan-ended', record.language);
    if (!today.withinPlan) {
      throw new OutsidePlanError(today.day === 0 ? 'not-started' : 'your-plan-ended', record.language);
    }
  }
}
