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
import { InviteNotFoundError } from '../errors.ts';
import type { ConsoleContext } from './context.ts';

export interface InviteView {
  inviteId: string;
  /** The clinic cleared this patient (clearances.ts): weak flags alone will not stop their plan. */
  cleared: boolean;
  reference: string;
  /** The link: in full only when the invite is made; masked after (`…/i/••••`), never made again. */
  link: string;
  /** The link as a QR code (an SVG data: URI), only when the invite is made. */
  qr?: string;
  createdAt: string;
  createdBy: string;
  validUntil: string;
}

/** Invite links (and QR codes) that enrol a patient under the clinic's reference. */
export class Invites {
  constructor(private readonly ctx: ConsoleContext) {}

  /**
   * How staff see an invite: with its link and QR code when it is made (`nonce` in hand), masked
   * after: the table keeps no nonce, so no one (staff, or whoever reads the table) can make the
   * link again. A lost link is revoked and a new invite made.
   */
  private inviteView(invite: {
    inviteId: string;
    nonce?: string;
    sealedReference: string;
    createdAt: string;
    createdBy: string;
    validUntil: string;
    clearance?: unknown;
  }): InviteView {
    const link = invite.nonce
      ? inviteUrl(this.ctx.deps.baseUrl, inviteToken(invite.inviteId, invite.nonce, this.ctx.deps.hashKey))
      : `${inviteUrl(this.ctx.deps.baseUrl, 'x').replace(/x$/, '')}••••••••`;
    return {
      inviteId: invite.inviteId,
      cleared: invite.clearance !== undefined,
      reference: this.ctx.reference(invite.sealedReference, { inviteId: invite.inviteId }) ?? '',
      link,
      ...(invite.nonce
        ? {
            qr: `data:image/svg+xml;base64,${Buffer.from(renderSVG(link, { ecc: 'M', border: 2 })).toString('base64')}`,
          }
        : {}),
      createdAt: invite.createdAt,
      createdBy: invite.createdBy,
      validUntil: invite.validUntil,
    };
  }

  /** Stores an invite without its nonce (the link is shown once, from the nonce in hand). */
  async store(invite: StoredInvite & { nonce: string }): Promise<InviteView> {
    const { nonce: _shownOnce, ...kept } = invite;
    await this.ctx.deps.directory.putInvite(kept);
    return this.inviteView(invite);
  }

  /** A link (and QR code) for one patient, under the clinic's reference; valid `inviteValidDays`. */
  async createInvite(staff: Staff, reference: string): Promise<InviteView> {
    this.ctx.require(staff, 'clinician');
    const invite = this.newInvite(staff, reference);
    const view = await this.store(invite);
    await this.ctx.record(staff, 'invite', undefined, invite.inviteId);
    return view;
  }

  /** The invite to store (not yet stored): a fresh id and nonce, the sealed reference, its validity. */
  newInvite(staff: Staff, reference: string): StoredInvite & { nonce: string } {
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

  /**
   * Withdraws an invite that has not been used: its link opens nothing from now on (the item
   * keeps `revokedAt`, and goes with its validity's TTL). Audited.
   */
  async revokeInvite(staff: Staff, inviteId: string): Promise<{ inviteId: string; revokedAt: string }> {
    this.ctx.require(staff, 'clinician');
    const now = this.ctx.clock.now();
    const invite = (await this.ctx.deps.directory.invites(now)).find((i) => i.inviteId === inviteId);
    if (!invite || !(await this.ctx.deps.directory.revokeInvite(invite.tokenHash, staff.username, now)))
      throw new InviteNotFoundError(inviteId);
    await this.ctx.record(staff, 'revoke-invite', undefined, inviteId);
    return { inviteId, revokedAt: now.toISOString() };
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
