import type { Language } from '../../../shared/domain/language.ts';
import { apiTextsFor } from '../../../shared/domain/plan/api-catalog.ts';
import { hashInviteToken } from '../../../shared/domain/clinic/secrets.ts';
import { screen, type Clearance, type Screening } from '../../../shared/domain/plan/plan.ts';
import { type RedFlagId } from '../../../shared/domain/plan/rules.ts';
import { screenFlags } from '../../../shared/domain/plan/red-flags.ts';
import { METRIC } from '../../../shared/metrics.ts';
import type { Client, IntakeContext } from './context.ts';

/** The first screen's answer (shared/domain/plan/plan.ts `Screening`). */
export type ScreeningAnswer = Screening;

/** Who cleared weak flags alone, and the cleared invite it came with. */
export interface ClearanceFound {
  by: Clearance;
  inviteId?: string;
}

/**
 * The safety questions before any movement is tried, and the two ways past weak flags alone: the
 * clinic cleared the patient (the invite a clinician gave them was made "cleared" in the console,
 * functions/console/use-cases/clearances.ts), or the patient says a clinician has checked this back
 * pain. Nothing is stored here; the assessment records the clearance with the plan.
 */
export class Screenings {
  constructor(private readonly ctx: IntakeContext) {}

  /**
   * The clearance for these flags, if any: only weak flags alone can be cleared (no read
   * otherwise); the clinic's cleared invite first, then the patient's word.
   */
  async clearanceFor(
    redFlags: readonly RedFlagId[],
    clinicianChecked: boolean | undefined,
    client: Client,
  ): Promise<ClearanceFound | undefined> {
    if (!screenFlags(redFlags).weakOnly) return undefined;
    if (client.invite && this.ctx.deps.invites) {
      const invite = await this.ctx.deps.invites.findInvite(
        hashInviteToken(client.invite, this.ctx.deps.hashKey),
        this.ctx.clock.now(),
      );
      if (invite?.clearance) return { by: 'clinic', inviteId: invite.inviteId };
    }
    return clinicianChecked ? { by: 'patient' } : undefined;
  }

  /**
   * The tier of care, its advice, and whether the form goes on. Nothing is stored but the client's
   * count (formRequestsPerClientPerHour, with the proposals); the clinic's statistics count each tier.
   */
  async screen(
    input: { redFlags?: RedFlagId[]; restPain?: number; clinicianChecked?: boolean },
    client: Client,
    /** The language of the advice (the request's: routes.ts). @default English */
    language?: Language,
  ): Promise<ScreeningAnswer> {
    await this.ctx.requireFormRequest(client);
    const redFlags = input.redFlags ?? [];
    const clearance = await this.clearanceFor(redFlags, input.clinicianChecked, client);
    const screening = screen(redFlags, input.restPain, clearance?.by, apiTextsFor(language));
    if (screening.care === 'urgent-now') this.ctx.metrics.count(METRIC.screeningsUrgent);
    else if (screening.care !== 'none') this.ctx.metrics.count(METRIC.screeningsClinician);
    return screening;
  }
}
