import { hashInviteToken } from '../../../shared/domain/clinic/secrets.ts';
import type { Client, IntakeContext } from './context.ts';

/** What the form says of the invite its browser carries (the cookie is HttpOnly: the page cannot see it). */
export type InviteStatus = { invited: false } | { invited: true; clinic: string; validUntil: string };

/**
 * The clinic invite the patient's browser carries, so the form can say "Invited by <clinic>" and
 * offer to remove it: an invite planted by a link the patient did not mean to follow is visible
 * before any code is confirmed (which is the only time an invite is used).
 */
export class Invitations {
  constructor(private readonly ctx: IntakeContext) {}

  async status(client: Client): Promise<InviteStatus> {
    if (!client.invite || !this.ctx.deps.invites) return { invited: false };
    const invite = await this.ctx.deps.invites.findInvite(
      hashInviteToken(client.invite, this.ctx.deps.hashKey),
      this.ctx.clock.now(),
    );
    return invite
      ? { invited: true, clinic: this.ctx.deps.config.appName, validUntil: invite.validUntil }
      : { invited: false };
  }
}
