import { renderSVG } from 'uqr';
import {
  hashInviteToken,
  inviteToken,
  inviteUrl,
  MAX_REFERENCE_LENGTH,
  newInviteId,
  newInviteNonce,
  sealReference,
} from '../../../shared/domain/clinic/secrets.ts';
import type { Staff } from '../../../shared/domain/clinic/roster.ts';
import type { StoredInvite } from '../../../shared/ports.ts';
import type { ConsoleContext } from './context.ts';

export interface InviteView {
  inviteId: string;
  /** The clinic cleared this patient (clearances.ts): weak flags alone will not stop their plan. */
  cleared: boolean;
  reference: string;
  link: string;
  /** The link as a QR code: an SVG image as a data: URI. */
  qr: string;
  createdAt: string;
  createdBy: string;
  validUntil: string;
}

/** Invite links (and QR codes) that enrol a patient under the clinic's reference. */
export class Invites {
  constructor(private readonly ctx: ConsoleContext) {}

  private inviteView(invite: {
    inviteId: string;
    nonce: string;
    sealedReference: string;
    createdAt: string;
    createdBy: string;
    validUntil: string;
    clearance?: unknown;
  }): InviteView {
    const link = inviteUrl(
      this.ctx.deps.baseUrl,
      inviteToken(invite.inviteId, invite.nonce, this.ctx.deps.hashKey),
    );
    return {
      inviteId: invite.inviteId,
      cleared: invite.clearance !== undefined,
      reference: this.ctx.reference(invite.sealedReference, { inviteId: invite.inviteId }) ?? '',
      link,
      qr: `data:image/svg+xml;base64,${Buffer.from(renderSVG(link, { ecc: 'M', border: 2 })).toString('base64')}`,
      createdAt: invite.createdAt,
      createdBy: invite.createdBy,
      validUntil: invite.validUntil,
    };
  }

  /** A link (and QR code) for one patient, under the clinic's reference; valid `inviteValidDays`. */
  async createInvite(staff: Staff, reference: string): Promise<InviteView> {
    this.ctx.require(staff, 'clinician');
    const invite = this.newInvite(staff, reference);
    await this.ctx.deps.directory.putInvite(invite);
    await this.ctx.record(staff, 'invite', undefined, invite.inviteId);
    return this.inviteView(invite);
  }

  /** The invite to store (not yet stored): a fresh id and nonce, the sealed reference, its validity. */
  newInvite(staff: Staff, reference: string): StoredInvite {
    const now = this.ctx.clock.now();
    const inviteId = newInviteId();
    const nonce = newInviteNonce();
    const token = inviteToken(inviteId, nonce, this.ctx.deps.hashKey);
    const invite = {
      inviteId,
      tokenHash: hashInviteToken(token, this.ctx.deps.hashKey),
      nonce,
      sealedReference: sealReference(reference.slice(0, MAX_REFERENCE_LENGTH), this.ctx.deps.hashKey, {
        inviteId,
      }),
      createdAt: now.toISOString(),
      createdBy: staff.username,
      validUntil: new Date(
        now.getTime() + this.ctx.deps.config.clinic.inviteValidDays * 86_400_000,
      ).toISOString(),
    };
    return invite;
  }

  /** How staff see a stored invite: its reference opened, its link and QR code made again. */
  view(invite: StoredInvite): InviteView {
    return this.inviteView(invite);
  }

  async inviteList(staff: Staff): Promise<InviteView[]> {
    this.ctx.require(staff, 'clinician');
    await this.ctx.record(staff, 'view-invites');
    const invites = await this.ctx.deps.directory.invites(this.ctx.clock.now());
    return invites.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map((i) => this.inviteView(i));
  }

  /** Whether an invite link opens (GET /i/{token}): valid and not used yet. */
  async inviteOpens(token: string): Promise<boolean> {
    const invite = await this.ctx.deps.directory.findInvite(
      hashInviteToken(token, this.ctx.deps.hashKey),
      this.ctx.clock.now(),
    );
    return invite !== undefined;
  }
}
