/**
 * clinic-watch's use case: the table's changes that matter to the clinic, turned into its roster
 * and its alerts, and the hourly sweep for patients who stopped doing their sessions.
 *
 *   a plan made through an invite     → the patient on the roster under the invite's reference
 *   a plan's code confirmed           → on the roster (self-enrolled without an invite); kept as long as the plan
 *   a pain score, red-flag words, a text, an opt-out → alerts (clinic-alerts.ts), emailed once
 *   the patient says red-flag words were misread → that alert marked so (never closed)
 *   every hour                        → "no session for two days" for every active plan
 *
 * Every step is idempotent: enrolment writes only what is absent, an alert is written only if its
 * id is new, and the email goes when the alert is new or when an earlier delivery stored it and
 * died before noting the email (at least once; the one window for a second email is between the
 * publish and that note, one write long).
 */
import { retainedUntil } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { silentLog, systemClock } from '../../shared/adapters/defaults.ts';
import type { RuntimeConfig } from '../../shared/config.ts';
import {
  alertEmail,
  alertsForEvent,
  EMAILED_KINDS,
  inactivityAlert,
  optOutAlert,
  type Alert,
  type AlertRules,
} from '../../shared/domain/clinic/alerts.ts';
import { newPatientId, type ClinicEvent } from '../../shared/domain/clinic/roster.ts';
import type { PlanRecord } from '../../shared/domain/model.ts';
import type { ClinicAlertStore, ClinicDirectory, ClinicMailer, Clock, Log } from '../../shared/ports.ts';

export interface ClinicWatchDeps {
  directory: ClinicDirectory;
  alerts: ClinicAlertStore;
  mailer: ClinicMailer;
  config: Pick<RuntimeConfig, 'appName' | 'clinic' | 'retentionDays'>;
  clock?: Clock;
  log?: Log;
  newPatientId?: () => string;
}

/** A plan event as the stream carries it (patient-events.ts writes it). */
export interface StreamedEvent extends ClinicEvent {
  planId: string;
  phoneHash: string;
  expiresAt: number;
}

export function createClinicWatch(deps: ClinicWatchDeps) {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? silentLog;
  const makeId = deps.newPatientId ?? newPatientId;
  const rules: AlertRules = deps.config.clinic;
  // The stack sets it (the API's /console/); without it the email names the console in words.
  const alertsUrl = deps.config.clinic.consoleUrl
    ? new URL('alerts', deps.config.clinic.consoleUrl).href
    : 'the clinic console';

  /** Puts the patient on the roster (once); with the plan's invite when it still opens. */
  async function enrol(plan: PlanRecord, expiresAt: number): Promise<string> {
    const now = clock.now();
    const invite = plan.invite ? await deps.directory.findInvite(plan.invite, now) : undefined;
    const outcome = await deps.directory.enrol(
      { patientId: makeId(), phoneHash: plan.phoneHash, source: 'self', enrolledAt: now.toISOString() },
      expiresAt,
      invite,
    );
    const patientId = await deps.directory.patientIdOf(plan.phoneHash);
    if (!patientId) throw new Error(`plan ${plan.planId}: enrolled, but no link to read back`);
    await deps.directory.extend(patientId, plan.phoneHash, expiresAt);
    log.info('patient on the clinic roster', {
      planId: plan.planId,
      patientId,
      outcome,
      invite: invite?.inviteId,
    });
    return patientId;
  }

  /** A plan made through an invite: on the roster while its code is awaited (TTL: the pending plan's). */
  async function planCreated(plan: PlanRecord & { expiresAt?: number }): Promise<void> {
    if (!plan.invite) return;
    await enrol(plan, plan.expiresAt ?? Math.floor(clock.now().getTime() / 1000) + 2 * 86_400);
  }

  /** The code confirmed: on the roster for as long as the plan's data is kept. */
  async function planActivated(plan: PlanRecord): Promise<void> {
    await enrol(plan, retainedUntil(plan, deps.config.retentionDays));
  }

  /** Writes the alert if new, and emails the clinic once for the kinds that call for it. */
  async function raise(alert: Alert, phoneHash: string, expiresAt: number): Promise<boolean> {
    const now = clock.now();
    const isNew = await deps.alerts.raise(alert, phoneHash, now, expiresAt);
    if (!EMAILED_KINDS.includes(alert.kind)) return isNew;
    if (!isNew) {
      // Raised by an earlier delivery that may have died before the email: send it then.
      const stored = await deps.alerts.get(alert.alertId);
      if (!stored || stored.emailedAt) return false;
    }
    const email = alertEmail(alert, deps.config.appName, alertsUrl);
    await deps.mailer.send(email.subject, email.body);
    await deps.alerts.markEmailed(alert.alertId, now);
    log.info('clinic alert raised and emailed', {
      alertId: alert.alertId,
      kind: alert.kind,
      patientId: alert.patientId,
    });
    return isNew;
  }

  async function patientIdFor(phoneHash: string, planId: string): Promise<string | undefined> {
    const known = await deps.directory.patientIdOf(phoneHash);
    if (known) return known;
    // A patient whose plan was activated before the console existed: enrolled now, self-enrolled.
    const records = await deps.directory.records(phoneHash);
    if (!records.plan || records.plan.planId !== planId) return undefined;
    return enrol(records.plan, retainedUntil(records.plan, deps.config.retentionDays));
  }

  /** A pain score, words that may mean a red flag, or a text: the alerts they raise. */
  async function eventRecorded(event: StreamedEvent): Promise<number> {
    const patientId = await patientIdFor(event.phoneHash, event.planId);
    if (!patientId) {
      log.warn('an event of a patient the clinic does not know: no alert', { planId: event.planId });
      return 0;
    }
    const history = event.type === 'pain' ? await deps.directory.planEvents(event.planId) : [];
    let raised = 0;
    for (const alert of alertsForEvent(event, { patientId, planId: event.planId, history }, rules)) {
      if (await raise(alert, event.phoneHash, event.expiresAt)) raised += 1;
    }
    return raised;
  }

  /**
   * The patient says red-flag words were misread (MISTAKE): the plan's red-flag alert shows it to
   * the clinic. Never closed, never deleted: a clinician decides.
   */
  async function misread(event: StreamedEvent): Promise<string | undefined> {
    const marked = await deps.alerts.markMisread(event.phoneHash, event.planId, event.at);
    log.info('red-flag alert marked "patient says misread"', { planId: event.planId, alertId: marked });
    return marked;
  }

  /** The patient opted out of texts. */
  async function optedOut(plan: PlanRecord): Promise<boolean> {
    const patientId = await patientIdFor(plan.phoneHash, plan.planId);
    if (!patientId) return false;
    return raise(
      optOutAlert(plan.planId, patientId, plan.updatedAt),
      plan.phoneHash,
      retainedUntil(plan, deps.config.retentionDays),
    );
  }

  /** Every hour: "no session for two days" for each active plan on the roster. */
  async function sweep(): Promise<{ patients: number; raised: number }> {
    const now = clock.now();
    const roster = await deps.directory.roster();
    let raised = 0;
    for (const entry of roster) {
      const records = await deps.directory.records(entry.phoneHash);
      if (!records.plan) continue;
      const alert = inactivityAlert(records.plan, entry.patientId, records.events, now, rules);
      if (
        alert &&
        (await raise(alert, entry.phoneHash, retainedUntil(records.plan, deps.config.retentionDays)))
      )
        raised += 1;
    }
    log.info('inactivity sweep', { patients: roster.length, raised });
    return { patients: roster.length, raised };
  }

  return { planCreated, planActivated, eventRecorded, misread, optedOut, sweep };
}

export type ClinicWatch = ReturnType<typeof createClinicWatch>;
