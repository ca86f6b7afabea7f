/**
 * The one table definition (single-table design). CDK (infra/constructs/storage.ts), the local
 * stack and the integration tests all build the table from this object; nothing else names keys.
 *
 * Items and keys (pk / sk → gsi1pk / gsi1sk):
 *   patient        PATIENT#<phoneHash> / PROFILE           → PATIENT#<phoneHash> / PROFILE
 *   plan           PLAN#<planId>       / PLAN              → PATIENT#<phoneHash> / PLAN#<createdAt>
 *   plan event     PLAN#<planId>       / EVENT#<at>#<type> → PATIENT#<phoneHash> / EVENT#<at>
 *                  (<at>: a text's arrival, a Done's session instant, or the page check-in's local date)
 *   rate counter   LIMIT#<name>#<key>  / <windowStart>      (no GSI; TTL removes it)
 *   inbound reply  INBOUND#<messageId> / REPLY              → PATIENT#<phoneHash> / INBOUND#<at>  (TTL: days)
 *   self-test      SELFTEST#<nonce>    / sender | inbound | delivery-status   (no GSI; TTL: an hour; npm run ops:selftest)
 *   plan page      PAGE#<tokenHash>    / PAGE              → PATIENT#<phoneHash> / PAGE#<planId>  (TTL: the plan's)
 *   clinic console (functions/console, functions/clinic-watch; the ids are random, never the phone):
 *   roster entry   CLINIC#PATIENTS     / PATIENT#<patientId> → PATIENT#<phoneHash> / CLINIC#ROSTER (TTL: the plan's)
 *   patient link   PATIENT#<phoneHash> / CLINIC            → PATIENT#<phoneHash> / CLINIC#LINK   (TTL: the plan's)
 *   invite         CLINIC#INVITES      / INVITE#<tokenHash>  (no GSI; TTL: its validity)
 *   alert          CLINIC#ALERTS       / ALERT#<alertId>   → PATIENT#<phoneHash> / ALERT#<at>    (TTL: the plan's)
 *   audit entry    CLINIC#AUDIT#<yyyy-mm> / <at>#<random>   (no TTL: the audit log is kept)
 *                  → gsi2 CLINIC#AUDITP#<patientId> / <at> for an action on a patient (the timeline)
 *   roster row     (the roster entry above, with the read model's fields: clinic/read-model.ts)
 *                  → gsi2 CLINIC#ROSTER / <severity>#<newest alert or enrolment>#<patientId>
 *   row shadows    CLINIC#INDEX#<patientId> / STATUS | DUE | REF#<n> → PATIENT#<phoneHash> / CLINIC#INDEX#…
 *                  → gsi2 CLINIC#STATUS#<status> / <rank> · CLINIC#DUE / <dueAt> · CLINIC#REF#<token> / <patientId>
 *   open alert in the inbox (alert above)  → gsi2 CLINIC#INBOX / <9 − severity>#<lastAt>; every alert
 *                  → nothing else (the pointer finds it); closed alerts leave the inbox (REMOVE gsi2pk)
 *   session slot   SLOT#<week×1440+min> / COUNT            (no GSI; `booked`: places taken in that minute of that week; TTL)
 *   slot release   SLOTREL#<planId>    / RELEASE           (no GSI; TTL: a week; the plan's places given back)
 *
 * Access patterns:
 *   1. plan by id (verification, every reminder, schedule sync)             GetItem/UpdateItem pk=PLAN#id sk=PLAN
 *   2. patient by phone (intake replaces the old plan; inbound SMS)         GetItem pk=PATIENT#hash sk=PROFILE
 *   3. keys of everything of one patient, newest plan first (erasure)       Query gsi1 gsi1pk=PATIENT#hash
 *   4. a session's log for a plan (DONE, PAIN replies; the plan page's        Query pk=PLAN#id begins_with(sk, EVENT#)
 *      progress reads it: done and pain only, never the patient's words)
 *   5. rate-limit counter for a phone or a client in a window               UpdateItem ADD on pk=LIMIT#…
 *   6. "was this inbound text answered already?" (SNS redelivers)           PutItem if not exists pk=INBOUND#id
 *   7. the plan a page link opens (GET /p/{token}, its Done)                 GetItem pk=PAGE#<HMAC of the token> sk=PAGE
 *      (written in the activation's transaction; on the patient's index, so erasure deletes it)
 *   8. the clinic's patients, open alerts, pending invites (the console)  Query pk=CLINIC#PATIENTS / #ALERTS / #INVITES
 *   9. a patient's clinic id from their phone hash (the alert stream)      GetItem pk=PATIENT#hash sk=CLINIC
 *  10. the audit log of a month                                             Query pk=CLINIC#AUDIT#<yyyy-mm>
 *      (the roster entry, link and alerts sit on the patient's index, so erasure deletes them; the
 *      audit log names patients by their random id only, and outlives them)
 *  11. book a plan's session minutes (intake, with the plan's Put)          TransactWriteItems: Update ADD booked if < capacity
 *  12. give them back when the plan ends (schedule-sync, from the stream)   TransactWriteItems: Put SLOTREL if new, Update ADD −1
 *  13. a page of the clinic's patients, most urgent first (50 rows)        Query gsi2 gsi2pk=CLINIC#ROSTER, descending
 *      … of one status: the status shadows, then the rows               Query gsi2 CLINIC#STATUS#<s> + BatchGetItem
 *      … by patient id prefix                                           Query pk=CLINIC#PATIENTS begins_with(sk)
 *      … by reference prefix (a keyed hash of the prefix, never the text) Query gsi2 CLINIC#REF#<token> + BatchGetItem
 *  14. the patients whose no-sessions alert is due (the hourly sweep)    Query gsi2 CLINIC#DUE, gsi2sk <= now
 *  15. the open alerts, most urgent first; a patient's actions           Query gsi2 CLINIC#INBOX / CLINIC#AUDITP#<id>
 *  16. a plan's texts for the whole plan (clinic-watch logs each outcome) Query pk=PLAN#id begins_with(sk, TEXT#)
 * The phone number itself is never part of a key: keys carry a keyed hash (HMAC) of it.
 * Reminder claims live on the plan item (`deliveries` map), so a reminder costs one conditional
 * update that both claims and reads the plan, and one that records the outcome.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * Keys only: the one query on gsi1 (a patient's items, for erasure) reads only pk and sk. With
   * every attribute projected, each reminder's two updates of the plan item were written to the
   * index as well, doubling what a reminder costs in DynamoDB (docs/PERFORMANCE.md); with keys
   * only, an update that leaves gsi1pk/gsi1sk alone does not touch the index.
   */
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'KEYS_ONLY' },
    /**
     * The clinic's lists, one sparse index overloaded by partition (only items that carry gsi2pk
     * are in it; a reminder's updates never touch it): the roster by triage, by status, by a
     * reference's search token, the patients due for the inactivity sweep, the alert inbox and log,
     * and the audit entries of a patient. Every attribute projected, so a page is one Query.
     * One index, not several: CloudFormation adds one index per stack update.
     */
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL' },
  ],
  /** Epoch seconds; DynamoDB deletes the item some time after. */
  ttlAttribute: 'expiresAt',
  /** schedule-sync needs both images to see a status change. */
  streamView: 'NEW_AND_OLD_IMAGES',
} as const;

export const keys = {
  patient: (phoneHash: string) => ({ pk: `PATIENT#${phoneHash}`, sk: 'PROFILE' }),
  plan: (planId: string) => ({ pk: `PLAN#${planId}`, sk: 'PLAN' }),
  planEvent: (planId: string, at: string, type: string) => ({
    pk: `PLAN#${planId}`,
    sk: `EVENT#${at}#${type}`,
  }),
  patientIndex: (phoneHash: string) => `PATIENT#${phoneHash}`,
  /** One per inbound text answered: a repeat of the same message gets no second answer. */
  inboundReply: (messageId: string) => ({ pk: `INBOUND#${messageId}`, sk: 'REPLY' }),
  /** What a function records of an operator's self-test message it received (shared/domain/ops/self-test.ts). */
  selfTest: (nonce: string, edge: 'sender' | 'inbound' | 'delivery-status') => ({
    pk: `SELFTEST#${nonce}`,
    sk: edge,
  }),
  /** A plan page's link: keyed by the token's HMAC, never the token, the phone or the plan id. */
  planPage: (tokenHash: string) => ({ pk: `PAGE#${tokenHash}`, sk: 'PAGE' }),
  /** The clinic console's items (shared/domain/clinic/roster.ts): keyed by random ids, never a phone or a name. */
  clinicPatient: (patientId: string) => ({ pk: 'CLINIC#PATIENTS', sk: `PATIENT#${patientId}` }),
  clinicLink: (phoneHash: string) => ({ pk: `PATIENT#${phoneHash}`, sk: 'CLINIC' }),
  clinicInvite: (tokenHash: string) => ({ pk: 'CLINIC#INVITES', sk: `INVITE#${tokenHash}` }),
  clinicAlert: (alertId: string) => ({ pk: 'CLINIC#ALERTS', sk: `ALERT#${alertId}` }),
  /** Which alert is open for a patient and kind (one at most: shared/domain/clinic/alerts.ts episodes). */
  clinicOpenAlert: (patientId: string, kind: string) => ({
    pk: 'CLINIC#ALERTS',
    sk: `OPEN#${patientId}#${kind}`,
  }),
  clinicAudit: (at: string, id: string) => ({ pk: `CLINIC#AUDIT#${at.slice(0, 7)}`, sk: `${at}#${id}` }),
  /** A roster row's shadows: its status, its sweep due time, its reference's search tokens. */
  clinicIndex: (patientId: string, what: 'STATUS' | 'DUE' | `REF#${number}`) => ({
    pk: `CLINIC#INDEX#${patientId}`,
    sk: what,
  }),
  /** A text sent on a plan, logged with its outcome (the timeline's whole plan: the map keeps two days). */
  planText: (planId: string, key: string) => ({ pk: `PLAN#${planId}`, sk: `TEXT#${key}` }),
  /** gsi2's partitions (shared/domain/clinic/read-model.ts). */
  clinicList: {
    roster: 'CLINIC#ROSTER',
    status: (status: string) => `CLINIC#STATUS#${status}`,
    due: 'CLINIC#DUE',
    reference: (token: string) => `CLINIC#REF#${token}`,
    inbox: 'CLINIC#INBOX',
    patientAudit: (patientId: string) => `CLINIC#AUDITP#${patientId}`,
  },
  /** The places booked in one UTC minute of one booking week (shared/domain/scheduling/session-slots.ts). */
  slot: (minute: number) => ({ pk: `SLOT#${String(minute).padStart(4, '0')}`, sk: 'COUNT' }),
  /** Marks a plan's places given back, so a repeat of the release gives back nothing. */
  slotRelease: (planId: string) => ({ pk: `SLOTREL#${planId}`, sk: 'RELEASE' }),
  limit: (name: string, key: string, windowStart: string) => ({
    pk: `LIMIT#${name}#${key}`,
    sk: windowStart,
  }),
} as const;

/** An item's place on the patient's index (gsi1): what lookup and erasure find by the phone's hash. */
export const patientIndexed = (phoneHash: string, sk: string) => ({
  gsi1pk: keys.patientIndex(phoneHash),
  gsi1sk: sk,
});

export type ItemKey = { pk: string; sk: string };
