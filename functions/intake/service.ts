/**
 * The intake's use cases behind one face, so the routes, the console (which resends codes) and the
 * local stack hold one object. Each use case lives in its own file under ./use-cases/ and shares
 * only IntakeContext (the ports, the clock, the limits).
 */
import type { Language } from '../../shared/domain/language.ts';
import type { Assessment } from '../../shared/domain/plan/assessment.ts';
import type { RedFlagId } from '../../shared/domain/plan/rules.ts';
import type { VerificationBody } from '../../shared/domain/security/verification.ts';
import { Assessments } from './use-cases/assessment.ts';
import { IntakeContext, type Client, type IntakeServiceDeps } from './use-cases/context.ts';
import { Invitations } from './use-cases/invite.ts';
import { PlanPages } from './use-cases/plan-page.ts';
import { PlanActions, type SessionAction } from './use-cases/plan-actions.ts';
import type { TimesChangeRequest } from './use-cases/session-times.ts';
import { Resends } from './use-cases/resend.ts';
import { Screenings } from './use-cases/screening.ts';
import { Verifications } from './use-cases/verification.ts';

export type * from './use-cases/assessment.ts';
export type { Client, CodeSent, IntakeServiceDeps } from './use-cases/context.ts';
export type * from './use-cases/invite.ts';
export type * from './use-cases/plan-page.ts';
export type * from './use-cases/verification.ts';
export type * from './use-cases/plan-actions.ts';
export type * from './use-cases/session-times.ts';

export class IntakeService {
  private readonly assessments: Assessments;
  private readonly verifications: Verifications;
  private readonly pages: PlanPages;
  private readonly resends: Resends;
  private readonly screenings: Screenings;
  private readonly actions: PlanActions;
  private readonly invitations: Invitations;

  constructor(deps: IntakeServiceDeps) {
    const context = new IntakeContext(deps);
    this.screenings = new Screenings(context);
    this.assessments = new Assessments(context);
    this.verifications = new Verifications(context);
    this.pages = new PlanPages(context);
    this.resends = new Resends(context);
    this.actions = new PlanActions(context);
    this.invitations = new Invitations(context);
  }

  screen(
    input: { redFlags?: RedFlagId[]; restPain?: number; clinicianChecked?: boolean },
    client: Client,
    language?: Language,
  ) {
    return this.screenings.screen(input, client, language);
  }
  propose(input: { scores: Record<string, number>; restPain?: number }, client: Client, language?: Language) {
    return this.assessments.propose(input, client, language);
  }
  assess(input: Assessment, client: Client) {
    return this.assessments.assess(input, client);
  }
  previousAssessment(token: string, client: Client) {
    return this.assessments.previousAssessment(token, client);
  }
  verify(body: VerificationBody, client: Client) {
    return this.verifications.verify(body, client);
  }
  planPage(token: string, client: Client) {
    return this.pages.planPage(token, client);
  }
  checkInPain(token: string, pain: number, client: Client) {
    return this.pages.checkInPain(token, pain, client);
  }
  markSessionDone(token: string, client: Client) {
    return this.pages.markSessionDone(token, client);
  }
  calendar(token: string, client: Client, baseUrl: string) {
    return this.pages.calendar(token, client, baseUrl);
  }
  setLanguage(token: string, client: Client, language: Language) {
    return this.actions.setLanguage(token, client, language);
  }

  pause(token: string, client: Client) {
    return this.actions.pause(token, client);
  }
  resume(token: string, client: Client) {
    return this.actions.resume(token, client);
  }
  stop(token: string, client: Client) {
    return this.actions.stop(token, client);
  }
  erase(token: string, client: Client) {
    return this.actions.erase(token, client);
  }
  changeSession(token: string, client: Client, request: SessionAction) {
    return this.actions.changeSession(token, client, request);
  }
  changeTimes(token: string, client: Client, request: Omit<TimesChangeRequest, 'source'>) {
    return this.actions.changeTimes(token, client, request);
  }
  resend(planId: string, client: Client) {
    return this.resends.resend(planId, client);
  }
  inviteStatus(client: Client) {
    return this.invitations.status(client);
  }
}
