import { getAllTimezones } from 'countries-and-timezones';
import { describe, expect, it } from 'vitest';
import { homeZoneChoices, zoneChoices } from '../../shared/domain/scheduling/zone-choices.ts';

const AT = new Date('2026-01-15T12:00:00Z');
const offset = (zone: string) =>
  (getAllTimezones() as Record<string, { utcOffset: number } | undefined>)[zone]?.utcOffset ?? 0;

describe('the time zones a patient picks from', () => {
  const { home, other } = zoneChoices(['US', 'GB'], AT);

  it('the deployment’s countries first, in words, west to east; then every other zone, none twice', () => {
    expect(home).toContainEqual({ value: 'America/New_York', label: 'Eastern Time — New York' });
    expect(home).toContainEqual({ value: 'Europe/London', label: expect.stringMatching(/— London$/) });
    expect(home.findIndex((z) => z.value === 'America/Los_Angeles')).toBeLessThan(
      home.findIndex((z) => z.value === 'America/New_York'),
    );
    for (const list of [home, other]) {
      const offsets = list.map((z) => offset(z.value));
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }
    const values = [...home, ...other].map((z) => z.value);
    expect(new Set(values).size).toBe(values.length);
    expect(other.map((z) => z.value)).toContain('Asia/Tokyo');
    expect(other.some((z) => z.label.includes('/'))).toBe(false);
  });

  it('the form’s list alone is the same as the full choice’s first part', () => {
    expect(homeZoneChoices(['US', 'GB'], AT)).toEqual(home);
  });
});
