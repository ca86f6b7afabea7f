/**
 * The timeline's pages (functions/console/use-cases/patients.ts) bring the whole plan, each entry
 * once, also where two entries share an instant at a page's edge (a text read as "done" and as a
 * pain score is two events of one arrival instant): the next page starts strictly before the
 * cursor, so a page never ends inside an instant. The ports hold one patient in memory and page as
 * the DynamoDB adapters do (newest first, strictly before `before`, at most `limit`).
 */
import { describe, expect, it } from 'vitest';
import { ConsoleContext, type ConsoleDeps } from '../../functions/console/use-cases/context.ts';
import { Patients, TIMELINE_PAGE, wholeInstants } from '../../functions/console/use-cases/patients.ts';
import type { AuditEntry, ClinicEvent, RosterEntry, Staff } from '../../shared/domain/clinic/roster.ts';
import { planRecord } from '../support/fixtures.ts';

const PATIENT = 'P-0123ABCD';
const VIEWER: Staff = { sub: 'sub-1', username: 'front.desk', role: 'viewer' };
const plan = planRecord({ now: new Date('2027-03-01T10:00:00.000Z'), status: 'active' });

function newestBefore<T extends { at: string }>(all: T[], before: string | undefined, limit: number): T[] {
  return all
    .filter((x) => !before || x.at < before)
    .sort((a, b) => (a.at < b.at ? 1 : -1))
    .slice(0, limit);
}

function patientsWith(events: ClinicEvent[], actions: AuditEntry[] = []) {
  const entry: RosterEntry = {
    patientId: PATIENT,
    phoneHash: 'hash-1',
    source: 'self',
    enrolledAt: '2027-03-01T10:00:00.000Z',
  };
  const deps = {
    directory: {
      rosterEntry: async (id: string) => (id === PATIENT ? entry : undefined),
      records: async () => ({ plan, deliveries: {}, events: [] }),
      eventsPage: async (_plan: string, before: string | undefined, limit: number) =>
        newestBefore(events, before, limit),
      textsPage: async () => [],
    },
    audit: {
      record: async () => {},
      patientActions: async (_id: string, before: string | undefined, limit: number) =>
        newestBefore(actions, before, limit),
    },
    config: {},
    hashKey: 'k'.repeat(64),
    baseUrl: 'https://reminders.clinic.example/',
  } as unknown as ConsoleDeps;
  return new Patients(new ConsoleContext(deps));
}

async function allPages(patients: Patients) {
  const pages: { at: string }[][] = [];
  let before: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await patients.timeline(VIEWER, PATIENT, before);
    pages.push(page.timeline);
    if (!page.next) break;
    before = page.next;
  }
  return pages;
}

const minute = (n: number) => new Date(Date.parse('2027-03-01T12:00:00.000Z') + n * 60_000).toISOString();
const done = (at: string, slot = 1): ClinicEvent => ({ type: 'done', at, localDate: at.slice(0, 10), slot });
const pain = (at: string): ClinicEvent => ({
  type: 'pain',
  at,
  localDate: at.slice(0, 10),
  slot: 1,
  pain: 3,
});

describe('the timeline, a page at a time', () => {
  it('two entries of one instant at a page’s edge: both come, on the next page, and nothing twice', async () => {
    // 49 entries a minute apart, then (older) one text read as done and pain: the same instant
    // falls on entries 50 and 51, newest first.
    const events = [
      ...Array.from({ length: 49 }, (_, i) => done(minute(100 - i))),
      done(minute(10)),
      pain(minute(10)),
    ];
    const pages = await allPages(patientsWith(events));
    const seen = pages.flat().map((i) => `${i.at} ${(i as { type?: string }).type}`);
    expect(seen).toHaveLength(51);
    expect(new Set(seen).size).toBe(51);
    expect(pages.map((p) => p.length)).toEqual([49, 2]);
    expect(pages[1]!.every((i) => i.at === minute(10))).toBe(true);
  });

  it('with no tie the pages are full (50) until the last, across sources', async () => {
    const events = Array.from({ length: 60 }, (_, i) => done(minute(200 - 2 * i)));
    const actions: AuditEntry[] = Array.from({ length: 30 }, (_, i) => ({
      at: minute(199 - 2 * i),
      by: 'dr.lee',
      bySub: 'sub-2',
      action: i % 2 ? 'resume' : 'pause',
      patientId: PATIENT,
    }));
    const pages = await allPages(patientsWith(events, actions));
    expect(pages.map((p) => p.length)).toEqual([TIMELINE_PAGE, 40]);
    expect(new Set(pages.flat().map((i) => i.at)).size).toBe(90);
  });

  it('wholeInstants (for a page whose last instant goes on): ends it before that instant, unless it is all one', () => {
    const at = (s: string) => ({ at: s });
    expect(wholeInstants([at('3'), at('2'), at('1'), at('1')])).toEqual([at('3'), at('2')]);
    expect(wholeInstants([at('3'), at('2'), at('1')])).toEqual([at('3'), at('2')]);
    expect(wholeInstants([at('1'), at('1')])).toEqual([at('1'), at('1')]);
    expect(wholeInstants([])).toEqual([]);
  });
});
