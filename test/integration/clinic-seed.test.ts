/**
 * `npm run seed:clinic` (local/seed-clinic.ts) asks the running local stack's POST /dev/seed/clinic
 * (local/clinic-seed.ts): a clinic written straight into the table, its stream records skipped (no
 * alert raised, no email sent again for what the seed wrote), the console showing it at once in
 * pages of its read model; a bad count refused with the field named, nothing written.
 */
import { describe, expect, it } from 'vitest';
import type { PatientRow } from '../../shared/domain/clinic/read-model.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { useLocalStack } from '../support/console.ts';

const table = useTestTable();
const running = useLocalStack(table);

describe('the local seed of a clinic', () => {
  it('refuses a bad count, naming the field, and writes nothing', async () => {
    for (const patients of [0, 1.5, 'many', 200_000]) {
      const answer = await running.request('POST', '/dev/seed/clinic', { body: { patients } });
      expect(answer.status, String(patients)).toBe(400);
      expect(JSON.stringify(answer.body)).toContain('"path":"patients"');
    }
    expect((await table.scanAll()).filter((i) => i.type === 'clinic-patient' || i.type === 'plan')).toEqual(
      [],
    );
  });

  it('writes N patients the console pages through in triage order; the stream reacts to none of it', async () => {
    const answer = await running.request('POST', '/dev/seed/clinic', { body: { patients: 120 } });
    expect(answer.status).toBe(200);
    const seeded = answer.body as { patients: number; items: number; requests: number };
    expect(seeded.patients).toBe(120);
    // BatchWriteItem: 25 items a request (a retry of unprocessed items may add one).
    expect(seeded.requests).toBeGreaterThanOrEqual(Math.ceil(seeded.items / 25));
    await running.stack.devTime.settle();
    const ids = new Set<string>();
    let cursor: string | undefined;
    let severities: number[] = [];
    do {
      const page = await running.request(
        'GET',
        `/console/api/patients${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
        { role: 'viewer' },
      );
      expect(page.status).toBe(200);
      const body = page.body as { patients: PatientRow[]; next: string | null };
      expect(body.patients.length).toBeLessThanOrEqual(50);
      body.patients.forEach((p) => ids.add(p.patientId));
      severities = [...severities, ...body.patients.map((p) => p.severity)];
      cursor = body.next ?? undefined;
    } while (cursor);
    expect(ids.size).toBe(120);
    expect(severities).toEqual([...severities].sort((a, b) => b - a));
    // The seed's own writes raised nothing: no email for the seeded alerts.
    const emails = await running.request('GET', '/dev/emails');
    expect(emails.body).toEqual([]);
  }, 180_000);
});
