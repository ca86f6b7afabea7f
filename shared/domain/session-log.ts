/**
 * A session done (or a pain score) as the plan's log keeps it: one builder for the DONE text
 * (functions/inbound) and the plan page's Done button (functions/intake), so both log the same
 * event the same way.
 */
import type { PlanEvent, PlanRecord } from './model.ts';

/** A plan that waits for its code has no sessions to log yet; any other plan does. */
export function logsSessions(plan: Pick<PlanRecord, 'status'>): boolean {
  return plan.status !== 'pending_verification';
}

/** Where a logged event came from: an inbound text's id, or the plan page. */
export const PLAN_PAGE_SOURCE = 'plan-page';

export interface SessionEventInput {
  type: PlanEvent['type'];
  /**
   * The event's key instant: the text's arrival (a repeat of the text lands on the same item) or,
   * from the page, the session's due instant (a second press of the same session does).
   */
  at: string;
  session: { localDate: string; slot: number };
  /** The inbound message id, or PLAN_PAGE_SOURCE. */
  source: string;
  pain?: number;
  /** Epoch seconds: kept as long as the plan's data. */
  expiresAt: number;
}

export function sessionEvent(
  plan: Pick<PlanRecord, 'planId' | 'phoneHash'>,
  input: SessionEventInput,
): PlanEvent {
  return {
    planId: plan.planId,
    phoneHash: plan.phoneHash,
    type: input.type,
    at: input.at,
    localDate: input.session.localDate,
    slot: input.session.slot,
    ...(input.pain !== undefined ? { pain: input.pain } : {}),
    inboundMessageId: input.source,
    expiresAt: input.expiresAt,
  };
}
