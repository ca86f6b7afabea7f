import { getAllTimezones } from 'countries-and-timezones';
import { describe, expect, it } from 'vitest';
import { homeZoneChoices } from '../../shared/domain/scheduling/zone-choices.ts';

const AT = new Date('2026-01-15T12:00:00Z');
const offset = (zone: string) =>
  (getAllTimezones() as Record<string, { utcOffset: number } | undefined>)[zone]?.utcOffset ?? 0;

describe('the time zones a patient picks from', () => {
  const zones = homeZoneChoices(['US', 'GB'], AT);

  it('the deployment’s countries’ zones, in words, west to east, each once', () => {
    expect(zones).toContainEqual({ value: 'America/New_York', label: 'Eastern Time — New York' });
    expect(zones).toContainEqual({ value: 'Europe/London', label: expect.stringMatching(/— London$/) });
    expect(zones.findIndex((z) => z.value === 'America/Los_Angeles')).toBeLessThan(
      zones.findIndex((z) => z.value === 'America/New_York'),
    );
    const offsets = zones.map((z) => offset(z.value));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(new Set(zones.map((z) => z.value)).size).toBe(zones.length);
    expect(zones.map((z) => z.value)).not.toContain('Asia/Tokyo');
    expect(zones.some((z) => z.label.includes('/') || z.label.includes('_'))).toBe(false);
  });

  it('only zones Intl resolves, under the name it gives them (a pick always passes the API)', () => {
    for (const { value } of zones)
      expect(new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone).toBe(value);
  });
});
