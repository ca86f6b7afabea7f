/**
 * A session done (or a pain score) as the plan's log keeps it: one builder for the DONE text
 * (functions/inbound) and the plan page's Done button (functions/intake), so both log the same
 * event the same way.
 */
import type { PlanEvent, PlanRecord } from '../model.ts';

/** A plan that waits for its code has no sessions to log yet; any other plan does. */
export function logsSessions(plan: Pick<PlanRecord, 'status'>): boolean {
  return plan.status !== 'pending_verification';
}

/** Where a logged event came from: an inbound text's id, or the plan page. */
export const PLAN_PAGE_SOURCE = 'plan-page';

export interface SessionEventInput {
  type: PlanEvent['type'];
  /**
   * The event's key: the text's arrival instant (a repeat of the text lands on the same item); from
   * the page, the session's due instant (a second press of the same session does) or, for the pain
   * check-in, the local date (one a day).
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

/**
 * The plan page's pain check-in ("How is your back today?"): one a local day, keyed by the local
 * date itself (`EVENT#2030-03-05#pain`), so a later tap the same day replaces it (a mis-tap on a
 * phone is put right by tapping the right number) and a repeat of the same tap writes the same item.
 * A text's key is an instant (`EVENT#2030-03-05T14:02:11.123Z#pain`): the two never share a key.
 */
export function painCheckInEvent(
  plan: Pick<PlanRecord, 'planId' | 'phoneHash'>,
  input: { localDate: string; slot: number; pain: number; expiresAt: number },
): PlanEvent {
  return sessionEvent(plan, {
    type: 'pain',
    at: input.localDate,
    session: { localDate: input.localDate, slot: input.slot },
    source: PLAN_PAGE_SOURCE,
    pain: input.pain,
    expiresAt: input.expiresAt,
  });
}
