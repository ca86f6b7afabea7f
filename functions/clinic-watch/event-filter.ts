/**
 * Event filtering for clinic-watch's DynamoDB stream event source mapping (no SDK import: the CDK
 * stack reads these; the local stack's feeder applies them too). Only what can enrol a patient or
 * raise an alert reaches the function; every reminder claim and outcome, counters and the rest
 * never do.
 */
export const CLINIC_WATCH_FILTER_PATTERNS = [
  // A plan's code confirmed: a patient of the clinic from now on, under its invite's reference if
  // it came with one (a plan made with an invite is nothing to the clinic until then).
  {
    eventName: ['MODIFY'],
    dynamodb: {
      Keys: { sk: { S: ['PLAN'] } },
      OldImage: { status: { S: ['pending_verification'] } },
      NewImage: { status: { S: ['active'] } },
    },
  },
  // The patient opted out (STOP, or the channel says so).
  {
    eventName: ['MODIFY'],
    dynamodb: {
      Keys: { sk: { S: ['PLAN'] } },
      OldImage: { status: { S: ['active', 'paused'] } },
      NewImage: { status: { S: ['stopped'] }, statusReason: { S: ['opted-out'] } },
    },
  },
  // A pain score, words that may mean a red flag, a text for the clinic, or "we misread you".
  {
    eventName: ['INSERT'],
    dynamodb: {
      NewImage: { type: { S: ['event'] }, eventType: { S: ['pain', 'alert', 'message', 'misread'] } },
    },
  },
] as const;
