/**
 * Event filtering for schedule-sync's DynamoDB stream event source mapping (no SDK import: the CDK
 * stack reads these). Lambda drops a record that matches none of the patterns before invoking the
 * function (patterns are OR-ed). Only records of plan items that are active after or before the
 * change can create or delete schedules; everything else (patients, events, rate counters,
 * pending plans, paused and ended plans) never reaches the function.
 *
 * What passes and is then ignored cheaply in the function: updates of an active plan that do not
 * touch its status or times, i.e. every reminder claim and outcome (two per reminder). A filter
 * cannot compare the old image with the new one, so that last check stays in code (actionFor).
 *
 * CDK: `filters: SCHEDULE_SYNC_FILTER_PATTERNS.map((p) => FilterCriteria.filter(p))`.
 */
export const SCHEDULE_SYNC_FILTER_PATTERNS = [
  // Becomes active, or changes while active (INSERT or MODIFY).
  { dynamodb: { Keys: { sk: { S: ['PLAN'] } }, NewImage: { status: { S: ['active'] } } } },
  // Was active: paused, stopped, replaced, completed, or deleted (REMOVE: erasure, TTL).
  { dynamodb: { Keys: { sk: { S: ['PLAN'] } }, OldImage: { status: { S: ['active'] } } } },
  // Held session places without running: an unconfirmed plan's end (its TTL, a lock) and a paused
  // plan's stop give them back (shared/domain/scheduling/session-slots.ts).
  {
    dynamodb: {
      Keys: { sk: { S: ['PLAN'] } },
      OldImage: { status: { S: ['pending_verification', 'paused'] } },
    },
  },
] as const;
