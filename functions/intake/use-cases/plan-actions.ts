/**
 * What a patient does to their plan from its page, besides Done and the pain check-in: pause and
 * resume the reminders, stop them (revoking consent: a patient on push has no text thread to send
 * STOP to, and a website is a reasonable way to revoke it), erase everything, skip or snooze
 * today's next session, and change the times or zone (session-times.ts). Each is the same change
 * the texts make (PAUSE, RESUME, STOP, DELETE), through the lifecycle, and each answers in words
 * the page shows as its confirmation.
 */
import { apiTextsFor } from '../../../shared/domain/plan/api-catalog.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/domain/language.ts';
import { pageTextsFor } from '../../../shared/domain/plan/page-catalog.ts';
import {
  resumeRefusal,
  RUNNING_STATUSES,
  stateBeforeOptOut,
  transition,
} from '../../../shared/domain/plan/lifecycle.ts';
import { RULE } from '../../../shared/domain/plan/rules.ts';
import {
  daySessions,
  nextSession,
  sessionKey,
  type PlanSession,
  type SessionChange,
} from '../../../shared/domain/scheduling/due.ts';
import { clockOf, formatInstant } from '../../../shared/domain/scheduling/local-time.ts';
import { textsFor } from '../../../shared/domain/messaging/text-catalog.ts';
import { localDateOf, localMinuteOfDay, minutesOf } from '../../../shared/domain/time.ts';
import type { PlanRecord } from '../../../shared/domain/model.ts';
import { BusyError, OutsidePlanError } from '../errors.ts';
import { RACE_RETRIES, type Client, type IntakeContext } from './context.ts';
import { changeSessionTimes, type TimesChangeAnswer, type TimesChangeRequest } from './session-times.ts';

/** How long a snooze may put a session off (the page offers each that still fits the day). */
export const SNOOZE_MINUTES = [30, 60, 120] as const;
export type SnoozeMinutes = (typeof SNOOZE_MINUTES)[number];

/** A snoozed session comes at least this long before the day's next one. */
const SNOOZE_GAP_MINUTES = 60;

export type SessionAction = { action: 'skip' } | { action: 'snooze'; minutes: SnoozeMinutes };

export interface ActionAnswer {
  /** What the page says, in words. */
  message: string;
  /** False when nothing changed (a repeat, or nothing to do). */
  changed: boolean;
}

/** What the page offers for today's next session: the session and the snoozes that still fit. */
export interface NextSessionOffer {
  session: PlanSession;
  /** Its time in the patient's clock ("1:00 PM"). */
  time: string;
  snoozes: { minutes: SnoozeMinutes; until: string }[];
}

export class PlanActions {
  constructor(private readonly ctx: IntakeContext) {}

  private clockOf(record: PlanRecord) {
    return clockOf(record.locale, record.country);
  }

  /**
   * The page's language switch (as ESPAÑOL / ENGLISH by text): the plan's language for the page,
   * the texts and the reminders from now on; any plan the page opens, running or ended. The route
   * takes only a language the deployment offers. A repeat changes nothing.
   */
  async setLanguage(token: string, client: Client, language: Language): Promise<ActionAnswer> {
    const { record } = await this.opened(token, client);
    const changed =
      (record.language ?? DEFAULT_LANGUAGE) !== language &&
      (await this.ctx.deps.repo.setLanguage(record.planId, language));
    this.ctx.log.info('language changed on the plan page', { planId: record.planId, language, changed });
    return { changed, message: pageTextsFor(language).notes.language };
  }

  /** PAUSE from the page: only an active plan; a repeat says it is paused already. */
  async pause(token: string, client: Client): Promise<ActionAnswer> {
    const { now, record, say } = await this.opened(token, client);
    if (record.status === 'paused') return { changed: false, message: say.pausedAlready };
    if (record.status !== 'active') throw new OutsidePlanError('plan-ended', record.language);
    const changed = await this.changeStatus(record, { kind: 'patient-paused' }, now, 'pausedText');
    this.ctx.log.info('paused on the plan page', { planId: record.planId, changed });
    return { changed, message: say.paused };
  }

  /** RESUME from the page: as the RESUME text, never after words that may mean a red flag or a clinic's pause. */
  async resume(token: string, client: Client): Promise<ActionAnswer> {
    const { now, record, say } = await this.opened(token, client);
    switch (resumeRefusal(record, now)) {
      case 'not-paused':
        if (record.status === 'active') return { changed: false, message: say.onAlready };
        throw new OutsidePlanError('plan-ended', record.language);
      case 'ended':
        throw new OutsidePlanError('your-plan-ended', record.language);
      case 'see-clinician':
        return { changed: false, message: say.seeClinician };
      case 'clinic-paused':
        return { changed: false, message: say.clinicPaused };
    }
    const changed = await this.changeStatus(record, { kind: 'resume' }, now);
    this.ctx.log.info('resumed on the plan page', { planId: record.planId, changed });
    return { changed, message: say.resumed };
  }

  /**
   * Stop from the page: the patient revokes consent, as STOP does — the plan stops (opted out) and
   * the patient is marked opted out; one confirmation text to an SMS patient (the FCC allows one).
   */
  async stop(token: string, client: Client): Promise<ActionAnswer> {
    const { now, record, say } = await this.opened(token, client);
    if (!RUNNING_STATUSES.includes(record.status)) return { changed: false, message: say.stopped };
    // How the plan stood goes with the mark, so START by text puts it back the same way.
    await this.ctx.deps.events.markOptedOut(record.phoneHash, now, stateBeforeOptOut(record));
    const changed = await this.changeStatus(record, { kind: 'opted-out' }, now, 'stopText');
    this.ctx.log.info('stopped on the plan page', { planId: record.planId, changed });
    return { changed, message: say.stopped };
  }

  /**
   * Erase from the page (after its confirmation step): every item of the patient goes, as DELETE
   * with its code does by text (the link is the proof here: only the patient's phone got it). The
   * stream's REMOVE records make schedule-sync delete the schedules and give the places back.
   */
  async erase(token: string, client: Client): Promise<ActionAnswer> {
    const { record, say } = await this.opened(token, client);
    const { deletedItems, planIds } = await this.ctx.deps.repo.erasePatient(record.phoneHash);
    this.ctx.log.info('patient erased from the plan page', { deletedItems, plans: planIds.length });
    return { changed: true, message: say.erased };
  }

  /** Today's next session and the snoozes that still fit the day, or undefined (nothing left, or not active). */
  async nextSessionOffer(record: PlanRecord, now: Date): Promise<NextSessionOffer | undefined> {
    if (record.status !== 'active') return undefined;
    const today = localDateOf(now, record.plan.timeZone);
    const session = nextSession(record, today, now, await this.doneToday(record, today));
    if (!session) return undefined;
    const clock = this.clockOf(record);
    const later = daySessions(record, today, now).find((s) => s.at > session.at && s.slot !== session.slot);
    const snoozes = SNOOZE_MINUTES.flatMap((minutes) => {
      const to = snoozeTarget(session, now, minutes);
      const minute = localMinuteOfDay(to, record.plan.timeZone);
      const fits =
        localDateOf(to, record.plan.timeZone) === today &&
        minute <= minutesOf(RULE.quietHoursStart) &&
        (!later || to.getTime() <= later.at.getTime() - SNOOZE_GAP_MINUTES * 60_000);
      return fits ? [{ minutes, until: formatInstant(to, record.plan.timeZone, clock) }] : [];
    });
    return { session, time: formatInstant(session.at, record.plan.timeZone, clock), snoozes };
  }

  /** Skip or snooze today's next session (scheduling/due.ts): written only if the changes are as read. */
  async changeSession(token: string, client: Client, request: SessionAction): Promise<ActionAnswer> {
    for (let attempt = 0; attempt <= RACE_RETRIES; attempt++) {
      const { now, record, say } = await this.opened(token, client);
      if (record.status !== 'active') throw new OutsidePlanError('not-on', record.language);
      const offer = await this.nextSessionOffer(record, now);
      if (!offer) return { changed: false, message: say.noSessionLeft };
      const key = sessionKey(offer.session);
      let change: SessionChange;
      let message: string;
      if (request.action === 'skip') {
        change = { kind: 'skip', at: now.toISOString() };
        message = say.skipped(offer.time);
      } else {
        const fit = offer.snoozes.find((s) => s.minutes === request.minutes);
        if (!fit) return { changed: false, message: say.tooLate };
        change = {
          kind: 'snooze',
          at: now.toISOString(),
          to: snoozeTarget(offer.session, now, request.minutes).toISOString(),
        };
        message = say.snoozed(fit.until);
      }
      const seen = record.sessionChanges;
      if (await this.ctx.deps.repo.setSessionChanges(record.planId, seen, { ...seen, [key]: change }, now)) {
        this.ctx.log.info('session changed on the plan page', {
          planId: record.planId,
          kind: change.kind,
          slot: offer.session.slot,
        });
        return { changed: true, message };
      }
    }
    throw new BusyError('the plan kept changing');
  }

  /** New session times or zone from the page (session-times.ts, the same as a TIMES text). */
  async changeTimes(
    token: string,
    client: Client,
    request: Omit<TimesChangeRequest, 'source'>,
  ): Promise<TimesChangeAnswer> {
    const { record } = await this.opened(token, client);
    const { repo, slots, notifier, config } = this.ctx.deps;
    return changeSessionTimes(
      { repo, slots, notifier, config, clock: this.ctx.clock, log: this.ctx.log },
      record,
      { ...request, source: 'page' },
    );
  }

  /** The plan the page's token opens, read now, and the answers' words in its language. */
  private async opened(token: string, client: Client) {
    const now = this.ctx.clock.now();
    const record = await this.ctx.pagePlan(token, client, now);
    return { now, record, say: apiTextsFor(record.language).actions };
  }

  /**
   * The plan's status moved by `event` (lifecycle.ts); when it moved, an SMS patient gets the
   * reply text that confirms it, as by text (`confirm`: its name in the catalog).
   */
  private async changeStatus(
    record: PlanRecord,
    event: Parameters<typeof transition>[0],
    now: Date,
    confirm?: 'pausedText' | 'stopText',
  ): Promise<boolean> {
    const changed = await this.ctx.deps.repo.changeStatus(record.planId, transition(event), now);
    if (changed && confirm && record.channel === 'sms')
      await this.tell(record, textsFor(record.language)[confirm](this.ctx.deps.config.appName));
    return changed;
  }

  private async doneToday(record: PlanRecord, today: string): Promise<Set<string>> {
    const log = await this.ctx.deps.events.sessionLog(record.planId);
    return new Set(log.filter((e) => e.type === 'done' && e.localDate === today).map((e) => sessionKey(e)));
  }

  /** A confirmation text; a failure to send it changes nothing done. */
  private async tell(record: PlanRecord, body: string): Promise<void> {
    try {
      await this.ctx.deps.notifier.send({ channel: 'sms', to: record.phone, body, kind: 'reply' });
    } catch (error) {
      this.ctx.log.warn('a confirmation could not be sent', {
        planId: record.planId,
        error: error instanceof Error ? error.name : String(error),
      });
    }
  }
}

/** Where a snooze puts a session: that long after its time, or after now for one already come. */
function snoozeTarget(session: PlanSession, now: Date, minutes: number): Date {
  const from = Math.max(session.at.getTime(), now.getTime());
  // To the minute, so the one-off reminder's key is the minute it fires.
  return new Date(Math.ceil((from + minutes * 60_000) / 60_000) * 60_000);
}
