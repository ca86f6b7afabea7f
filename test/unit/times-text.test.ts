/** "TIMES 8am 1pm 7pm" (shared/domain/scheduling/times-text.ts): times as people text them. */
import { describe, expect, it } from 'vitest';
import { OPT_OUT_KEYWORDS } from '../../shared/domain/messaging/replies.ts';
import { parseTimesText, readTime, TIMES_KEYWORD } from '../../shared/domain/scheduling/times-text.ts';

describe('a TIMES text', () => {
  it('TIMES is never one of AWS’s opt-out keywords', () => {
    expect(OPT_OUT_KEYWORDS).not.toContain(TIMES_KEYWORD);
    expect(OPT_OUT_KEYWORDS.some((k) => k.startsWith('TIME'))).toBe(false);
  });

  it('reads 12-hour, 24-hour and bare hours, any separator, sorted', () => {
    const cases: [string, string[]][] = [
      ['TIMES 8am 1pm 7pm', ['08:00', '13:00', '19:00']],
      ['times 8 am, 1 pm and 7 pm', ['08:00', '13:00', '19:00']],
      ['Times: 7pm 8am 1pm.', ['08:00', '13:00', '19:00']],
      ['TIMES 08:00 13:30 19:45', ['08:00', '13:30', '19:45']],
      ['TIMES 9.30am 2:15pm 8.45 p.m.', ['09:30', '14:15', '20:45']],
      ['TIMES 8 1 7', ['08:00', '13:00', '19:00']],
      ['TIMES noon 8a 6p', ['08:00', '12:00', '18:00']],
      ['TIME 0830 1330 2000', ['08:30', '13:30', '20:00']],
      ['TIMES 19h30 9h 14h', ['09:00', '14:00', '19:30']],
    ];
    for (const [text, times] of cases) expect(parseTimesText(text), text).toEqual({ kind: 'times', times });
  });

  it('says which word it cannot read, and leaves other texts alone', () => {
    expect(parseTimesText('TIMES 8am lunch 7pm')).toEqual({ kind: 'unreadable', word: 'lunch' });
    expect(parseTimesText('TIMES 25:00')).toEqual({ kind: 'unreadable', word: '25:00' });
    expect(parseTimesText('TIMES')).toEqual({ kind: 'times', times: [] });
    expect(parseTimesText('DONE')).toBeUndefined();
    expect(parseTimesText('timestamp 8am')).toBeUndefined();
    expect(readTime('12am')).toBe('00:00');
    expect(readTime('12pm')).toBe('12:00');
    expect(readTime('13pm')).toBeUndefined();
  });
});
