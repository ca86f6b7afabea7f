/**
 * clinic-watch's use case: the table's changes that matter to the clinic, turned into its roster
 * and its alerts, and the hourly sweep for patients who stopped doing their sessions.
 *
 *   a plan's code confirmed           → on the roster, kept as long as the plan; with the plan's
 *                                       invite, its reference (only for a patient with none yet)
 *   a pain score, red-flag words, a text, an opt-out → alerts (clinic-alerts.ts), emailed once
 *   the patient says red-flag words were misread → that alert marked so (never closed)
 *   every hour                        → "no session for two days" for every active plan
 *
 * Every step is idempotent: enrolment writes only what is absent; a cause is counted once in its
 * patient's open alert of its kind (one open alert per patient and kind: alerts.ts episodes), and
 * the email goes when an alert opens or rises to a higher tier, or when an earlier delivery stored
 * it and died before noting the email (at least once; the one window for a second email is
 * between the publish and that note, one write long).
 */
import { retainedUntil } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { silentLog, systemClock } from '../../shared/adapters/defaults.ts';
import type { RuntimeConfig } from '../../shared/config.ts';
import {
  alertEmail,
  alertsForEvent,
  EMAILED_KINDS,
  emailDue,
  inactivityAlert,
  optOutAlert,
  type Alert,
  type AlertRules,
} from '../../shared/domain/clinic/alerts.ts';
import {
  newPatientId,
  SYSTEM_ACTOR,
  type AuditEntry,
  type ClinicEvent,
} from '../../shared/domain/clinic/roster.ts';
import { resealReference } from '../../shared/domain/clinic/secrets.ts';
import type { PlanRecord } from '../../shared/domain/model.ts';
import type {
  AuditLog,
  ClinicAlertStore,
  ClinicDirectory,
  ClinicMailer,
  Clock,
  EnrolmentInvite,
  Log,
  StoredInvite,
} from '../../shared/ports.ts';

export interface ClinicWatchDeps {
  directory: ClinicDirectory;
  alerts: ClinicAlertStore;
  /** Where an invite's use (or refusal) at a confirmed code is written down. */
  audit: AuditLog;
  mailer: ClinicMailer;
  /** The hash key: an invite's sealed reference is sealed again for the patient who used it. */
  hashKey: string;
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

  /**
   * The invite of a plan whose code was just confirmed, ready to use: its reference sealed for the
   * patient, and the audit entry that goes with it (keyed by the plan: written once).
   */
  function inviteFor(
    plan: PlanRecord,
    invite: StoredInvite,
    patientId: string,
    action: 'invite-used' | 'invite-refused',
  ): EnrolmentInvite & { audit: { entry: AuditEntry; key: string } } {
    return {
      tokenHash: invite.tokenHash,
      inviteId: invite.inviteId,
      sealedReference: resealReference(
        invite.sealedReference,
        deps.hashKey,
        { inviteId: invite.inviteId },
        { patientId },
      ),
      audit: {
        entry: {
          at: plan.activatedAt ?? plan.updatedAt,
          by: SYSTEM_ACTOR.username,
          bySub: SYSTEM_ACTOR.sub,
          action,
          patientId,
          detail: invite.inviteId,
        },
        key: `${action}-${plan.planId}`,
      },
    };
  }

  /**
   * Puts the patient on the roster (once). With `activated`, the plan's code was just confirmed:
   * its invite, if it still opens, gives the patient its reference, only a patient with none yet
   * (a reference is never replaced but by staff, audited), and is used up in the same write. An
   * unconfirmed submission never reaches here: an invite cookie alone labels no one.
   */
  async function enrol(plan: PlanRecord, expiresAt: number, activated: boolean): Promise<string> {
    const now = clock.now();
    const invite = activated && plan.invite ? await deps.directory.findInvite(plan.invite, now) : undefined;
    let patientId = await deps.directory.patientIdOf(plan.phoneHash);
    let outcome: string = 'exists';
    if (!patientId) {
      const newId = makeId();
      outcome = await deps.directory.enrol(
        { patientId: newId, phoneHash: plan.phoneHash, source: 'self', enrolledAt: now.toISOString() },
        expiresAt,
        invite ? inviteFor(plan, invite, newId, 'invite-used') : undefined,
      );
      patientId = await deps.directory.patientIdOf(plan.phoneHash);
      if (!patientId) throw new Error(`plan ${plan.planId}: enrolled, but no link to read back`);
    }
    if (invite && outcome === 'exists') {
      outcome = await deps.directory.attachInvite(
        patientId,
        inviteFor(plan, invite, patientId, 'invite-used'),
      );
      if (outcome === 'has-reference') {
        const refused = inviteFor(plan, invite, patientId, 'invite-refused').audit;
        await deps.audit.record(refused.entry, { key: refused.key });
        log.warn('an invite came with a confirmed code for a patient with a reference: not attached', {
          planId: plan.planId,
          patientId,
          invite: invite.inviteId,
        });
      }
    }
    await deps.directory.extend(patientId, plan.phoneHash, expiresAt);
    log.info('patient on the clinic roster', {
      planId: plan.planId,
      patientId,
      outcome,
      invite: invite?.inviteId,
    });
    return patientId;
  }

  /** The code confirmed: on the roster for as long as the plan's data is kept, with its invite. */
  async function planActivated(plan: PlanRecord): Promise<void> {
    await enrol(plan, retainedUntil(plan, deps.config.retentionDays), true);
  }

  /**
   * Applies a cause to its patient's alerts (alerts.ts episodes): a new kind opens an alert and a
   * higher tier raises the open one, each emailed (emailed kinds); a repeat is counted with no
   * email. True when it opened or raised an alert. The email also goes when an earlier delivery
   * stored the alert and died before emailing it (the stored tier says what was emailed).
   */
  async function raise(alert: Alert, phoneHash: string, expiresAt: number): Promise<boolean> {
    const now = clock.now();
    const { step, alertId } = await deps.alerts.raise(alert, phoneHash, now, expiresAt);
    const raised = step === 'open' || step === 'escalate';
    if (step === 'repeat' || !EMAILED_KINDS.includes(alert.kind)) return raised;
    const stored = await deps.alerts.get(alertId);
    if (!stored || !emailDue(stored)) return raised;
    const email = alertEmail(stored, deps.config.appName, alertsUrl);
    await deps.mailer.send(email.subject, email.body);
    await deps.alerts.markEmailed(alertId, stored.tier, now);
    log.info('clinic alert raised and emailed', { alertId, kind: stored.kind, tier: stored.tier, step });
    return raised;
  }

  async function patientIdFor(phoneHash: string, planId: string): Promise<string | undefined> {
    const known = await deps.directory.patientIdOf(phoneHash);
    if (known) return known;
    // A patient whose plan was activated before the console existed: enrolled now, self-enrolled.
    const records = await deps.directory.records(phoneHash);
    if (!records.plan || records.plan.planId !== planId) return undefined;
    return enrol(records.plan, retainedUntil(records.plan, deps.config.retentionDays), false);
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

  return { planActivated, eventRecorded, misread, optedOut, sweep };
}

export type ClinicWatch = ReturnType<typeof createClinicWatch>;
