import { describe, expect, it } from 'vitest';
import {
  DynamoAuditLog,
  DynamoClinicAlertStore,
  DynamoClinicDirectory,
} from '../../shared/adapters/dynamodb/clinic.ts';
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { DynamoPlanRepository, epochSeconds } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { alertsForEvent, DEFAULT_ALERT_RULES } from '../../shared/domain/clinic/alerts.ts';
import { hashInviteToken, inviteToken, sealReference } from '../../shared/domain/clinic/secrets.ts';
import { newPatientId, type RosterEntry } from '../../shared/domain/clinic/roster.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { planRecord, TEST_HASH_KEY } from '../support/fixtures.ts';

const table = useTestTable();
const directory = () => new DynamoClinicDirectory(table.db, table.tableName);
const alerts = () => new DynamoClinicAlertStore(table.db, table.tableName);
const TTL = epochSeconds(new Date()) + 30 * 86_400;

function entry(phoneHash: string): RosterEntry {
  return { patientId: newPatientId(), phoneHash, source: 'self', enrolledAt: new Date().toISOString() };
}

function invite(reference: string) {
  const inviteId = `I-${Math.random().toString(36).slice(2, 12).padEnd(10, '0')}`;
  const nonce = 'nonce-' + inviteId;
  const tokenHash = hashInviteToken(inviteToken(inviteId, nonce, TEST_HASH_KEY), TEST_HASH_KEY);
  return {
    inviteId,
    tokenHash,
    nonce,
    sealedReference: sealReference(reference, TEST_HASH_KEY, { inviteId }),
    createdAt: new Date().toISOString(),
    createdBy: 'dr.lee',
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
  };
}

describe('the roster', () => {
  it('enrols a patient once: a repeat finds the link and changes nothing', async () => {
    const record = planRecord();
    const first = entry(record.phoneHash);
    expect(await directory().enrol(first, TTL)).toBe('enrolled');
    expect(await directory().enrol(entry(record.phoneHash), TTL)).toBe('exists');
    expect(await directory().patientIdOf(record.phoneHash)).toBe(first.patientId);
    const onRoster = (await directory().roster()).filter((e) => e.phoneHash === record.phoneHash);
    expect(onRoster).toEqual([first]);
  });

  it('an invite is used up by the enrolment, with its sealed reference on the entry', async () => {
    const record = planRecord();
    const inv = invite('Jane Doe (MRN 77)');
    await directory().putInvite(inv);
    expect(await directory().findInvite(inv.tokenHash, new Date())).toMatchObject({ inviteId: inv.inviteId });
    const e = entry(record.phoneHash);
    expect(await directory().enrol(e, TTL, inv)).toBe('enrolled');
    expect(await directory().findInvite(inv.tokenHash, new Date())).toBeUndefined();
    expect(await directory().rosterEntry(e.patientId)).toMatchObject({
      source: 'invite',
      inviteId: inv.inviteId,
      sealedReference: inv.sealedReference,
    });
    // No key and no attribute of any item holds the reference in clear.
    const dump = JSON.stringify(await table.scanAll());
    expect(dump).not.toContain('Jane Doe');
  });

  it('an invite attaches to a patient on the roster only while the entry has no reference, never replacing one', async () => {
    const record = planRecord();
    const e = entry(record.phoneHash);
    await directory().enrol(e, TTL);
    const inv = invite('MRN 0042');
    await directory().putInvite(inv);
    // enrol never changes a patient who is there already.
    expect(await directory().enrol(entry(record.phoneHash), TTL, inv)).toBe('exists');
    expect(await directory().findInvite(inv.tokenHash, new Date())).toBeDefined();
    expect(await directory().attachInvite(e.patientId, inv)).toBe('attached');
    expect(await directory().rosterEntry(e.patientId)).toMatchObject({
      source: 'invite',
      inviteId: inv.inviteId,
      sealedReference: inv.sealedReference,
    });
    expect(await directory().findInvite(inv.tokenHash, new Date())).toBeUndefined();

    // A second invite for the same patient: refused, left unused, the reference as it was.
    const other = invite('MRN 0043');
    await directory().putInvite(other);
    expect(await directory().attachInvite(e.patientId, other)).toBe('has-reference');
    expect((await directory().rosterEntry(e.patientId))!.sealedReference).toBe(inv.sealedReference);
    expect(await directory().findInvite(other.tokenHash, new Date())).toBeDefined();
    expect(await directory().attachInvite('P-00000000', other)).toBe('no-patient');
  });

  it('an invite used meanwhile: the patient is enrolled as self-enrolled', async () => {
    const inv = invite('used');
    // Never stored (or deleted meanwhile).
    const e = entry(planRecord().phoneHash);
    expect(await directory().enrol(e, TTL, inv)).toBe('invite-gone');
    expect(await directory().rosterEntry(e.patientId)).toMatchObject({ source: 'self' });
    const later = entry(planRecord().phoneHash);
    await directory().enrol(later, TTL);
    expect(await directory().attachInvite(later.patientId, inv)).toBe('invite-gone');
    expect((await directory().rosterEntry(later.patientId))!.sealedReference).toBeUndefined();
  });

  it('an expired invite opens nothing, even before TTL removes it; the list leaves it out', async () => {
    const inv = { ...invite('late'), validUntil: new Date(Date.now() + 1000).toISOString() };
    await directory().putInvite(inv);
    const later = new Date(Date.now() + 5000);
    expect(await directory().findInvite(inv.tokenHash, later)).toBeUndefined();
    expect((await directory().invites(later)).map((i) => i.inviteId)).not.toContain(inv.inviteId);
    expect((await directory().invites(new Date())).map((i) => i.inviteId)).toContain(inv.inviteId);
  });

  it("reads a patient's profile, current plan with its delivery records, and its events", async () => {
    const repo = new DynamoPlanRepository(table.db, table.tableName);
    const record = planRecord();
    await repo.createPendingPlan(record, 30);
    // Enrolled through an invite before the code: the newest plan on the index.
    const pending = await directory().records(record.phoneHash);
    expect(pending.patient).toBeUndefined();
    expect(pending.plan?.planId).toBe(record.planId);
    await repo.activatePlan(record.planId, new Date(), 30);
    await new DynamoPatientEventStore(table.db, table.tableName).recordPlanEvent({
      planId: record.planId,
      phoneHash: record.phoneHash,
      type: 'pain',
      at: new Date().toISOString(),
      localDate: '2027-01-01',
      slot: 1,
      pain: 6,
      inboundMessageId: 'm-1',
      expiresAt: TTL,
    });
    const read = await directory().records(record.phoneHash);
    expect(read.patient?.currentPlanId).toBe(record.planId);
    expect(read.plan?.status).toBe('active');
    expect(read.deliveries).toEqual({});
    expect(read.events).toEqual([
      expect.objectContaining({ type: 'pain', pain: 6, localDate: '2027-01-01' }),
    ]);
  });
});

describe('alerts and the audit log', () => {
  it('an alert is raised once per id, acknowledged once, and goes with the patient on erasure', async () => {
    const repo = new DynamoPlanRepository(table.db, table.tableName);
    const record = planRecord();
    await repo.createPendingPlan(record, 30);
    await repo.activatePlan(record.planId, new Date(), 30);
    const e = entry(record.phoneHash);
    await directory().enrol(e, TTL);
    const event = {
      type: 'pain' as const,
      at: new Date().toISOString(),
      localDate: '2027-01-01',
      slot: 1,
      pain: 9,
    };
    const [alert] = alertsForEvent(
      event,
      { patientId: e.patientId, planId: record.planId, history: [event] },
      DEFAULT_ALERT_RULES,
    );
    expect(await alerts().raise(alert!, record.phoneHash, new Date(), TTL)).toEqual({
      step: 'open',
      alertId: alert!.alertId,
    });
    expect(await alerts().raise(alert!, record.phoneHash, new Date(), TTL)).toEqual({
      step: 'duplicate',
      alertId: alert!.alertId,
    });
    expect(await alerts().get(alert!.alertId)).toMatchObject({
      state: 'open',
      kind: 'pain-high',
      detail: { pain: 9 },
    });
    await alerts().markEmailed(alert!.alertId, alert!.tier, new Date());
    expect(await alerts().acknowledge(alert!.alertId, 'dr.lee', new Date())).toBe(true);
    expect(await alerts().acknowledge(alert!.alertId, 'dr.lee', new Date())).toBe(false);
    expect(await alerts().get(alert!.alertId)).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'dr.lee',
      emailedAt: expect.any(String),
    });

    const audit = new DynamoAuditLog(table.db, table.tableName);
    const at = new Date().toISOString();
    await audit.record({ at, by: 'admin', bySub: 'sub-1', action: 'erase', patientId: e.patientId });
    await repo.erasePatient(record.phoneHash);
    expect(await alerts().get(alert!.alertId)).toBeUndefined();
    expect(await directory().rosterEntry(e.patientId)).toBeUndefined();
    expect(await directory().patientIdOf(record.phoneHash)).toBeUndefined();
    // The audit log outlives the patient, naming them only by the random id.
    expect(await audit.month(at.slice(0, 7))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'erase', patientId: e.patientId, by: 'admin' }),
      ]),
    );
  });

  it('the audit log of a month, newest first', async () => {
    const audit = new DynamoAuditLog(table.db, table.tableName);
    await audit.record({
      at: '2031-02-01T10:00:00.000Z',
      by: 'a',
      bySub: 's',
      action: 'invite',
      detail: 'I-1',
    });
    await audit.record({ at: '2031-02-03T10:00:00.000Z', by: 'b', bySub: 's', action: 'export-csv' });
    await audit.record({ at: '2031-03-01T10:00:00.000Z', by: 'c', bySub: 's', action: 'export-csv' });
    expect((await audit.month('2031-02')).map((e) => e.by)).toEqual(['b', 'a']);
  });
});
