/**
 * Event filtering for clinic-watch's DynamoDB stream event source mapping (no SDK import: the CDK
 * stack reads these; the local stack's feeder applies them too). Only plan items and plan events
 * reach the function; counters, pages, slots, clinic items and the rest never do.
 */
export const CLINIC_WATCH_FILTER_PATTERNS = [
  // Any change of a plan item: a code confirmed (enrolment), an opt-out, any other status change
  // (the roster row follows), and the reminders' records (a text's outcome is logged; texts that
  // fail raise their alert). The function compares the two images and does nothing for the rest:
  // an event filter cannot compare them, and each reminder's two records cost a comparison only.
  { eventName: ['MODIFY'], dynamodb: { Keys: { sk: { S: ['PLAN'] } } } },
  // A plan event: a session done, a pain score, words that may mean a red flag, a text for the
  // clinic, "we misread you" (alerts, and the row's adherence, last pain and sweep time).
  { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['event'] } } } },
] as const;
