import { describe, expect, it } from 'vitest';
import { addDays, canonicalTimeZone, localDateOf, toLocal, zonedInstant } from '../../shared/domain/time.ts';

describe('time zones', () => {
  it('canonicalises zones Intl knows and refuses others', () => {
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Base')).toBeUndefined();
    expect(canonicalTimeZone('../../etc/passwd')).toBeUndefined();
  });

  it('finds the instant of a wall time across daylight saving and odd offsets', () => {
    expect(zonedInstant('2026-03-07', '08:00', 'America/New_York').toISOString()).toBe(
      '2026-03-07T13:00:00.000Z',
    );
    expect(zonedInstant('2026-03-08', '08:00', 'America/New_York').toISOString()).toBe(
      '2026-03-08T12:00:00.000Z',
    );
    expect(zonedInstant('2026-06-01', '08:00', 'Asia/Kathmandu').toISOString()).toBe(
      '2026-06-01T02:15:00.000Z',
    );
    // Lord Howe moves by 30 minutes: +11:00 in summer, +10:30 in winter (DST ends 2026-04-05).
    expect(zonedInstant('2026-04-04', '08:00', 'Australia/Lord_Howe').toISOString()).toBe(
      '2026-04-03T21:00:00.000Z',
    );
    expect(zonedInstant('2026-04-06', '08:00', 'Australia/Lord_Howe').toISOString()).toBe(
      '2026-04-05T21:30:00.000Z',
    );
  });

  it('resolves a skipped wall time to just after the jump', () => {
    // 02:30 does not exist in New York on 2026-03-08.
    const instant = zonedInstant('2026-03-08', '02:30', 'America/New_York');
    expect(toLocal(instant, 'America/New_York')).toMatchObject({ date: '2026-03-08', hour: 3, minute: 30 });
  });

  it('does calendar arithmetic on local dates', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(localDateOf(new Date('2026-06-10T20:00:00Z'), 'Asia/Kathmandu')).toBe('2026-06-11');
  });
});
