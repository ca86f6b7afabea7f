import type { Staff } from '../../../shared/domain/clinic/roster.ts';
import type { ConsoleContext } from './context.ts';
import { Invites, type InviteView } from './invites.ts';

/**
 * The clinic clears a patient (docs/CLINICS.md, "Clearing a patient"): a clinician has checked their
 * back pain, so the weak flags alone — new pain under 20 or over 50, osteoporosis or long steroid use,
 * a past cancer with no other sign — do not stop their plan. The clearance travels with an invite
 * link the clinician gives the patient: the form sees it at the safety step and goes on, with the
 * advice kept in view; the plan records `clinicianCheck: { by: "clinic", inviteId }`, which the
 * console shows. Any other warning sign still stops the form. Clinicians and admins only; audited.
 */
export class Clearances {
  private readonly invites: Invites;

  constructor(private readonly ctx: ConsoleContext) {
    this.invites = new Invites(ctx);
  }

  /** A cleared invite for one patient, under the clinic's reference (audit: `clear`, the invite id). */
  async createClearedInvite(staff: Staff, reference: string): Promise<InviteView> {
    this.ctx.require(staff, 'clinician');
    const invite = {
      ...this.invites.newInvite(staff, reference),
      clearance: { by: staff.username, at: this.ctx.clock.now().toISOString() },
    };
    const view = await this.invites.store(invite);
    await this.ctx.record(staff, 'clear', undefined, invite.inviteId);
    return view;
  }
}
