/** "TIMES 8am 1pm 7pm" (shared/domain/scheduling/times-text.ts): times as people text them. */
import { describe, expect, it } from 'vitest';
import { OPT_OUT_KEYWORDS } from '../../shared/domain/messaging/replies.ts';
import { parseTimesText, readTime, TIMES_KEYWORD } from '../../shared/domain/scheduling/times-text.ts';
import { readReply } from '../../shared/domain/messaging/reading/read.ts';
import { timesRequest } from '../../functions/inbound/use-cases/times.ts';

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
      // As a sentence: the request, then the times.
      ['change my times to 9 2 and 8', ['09:00', '14:00', '20:00']],
      ['Please change my reminder times to 8:30am, 1pm then 6pm', ['08:30', '13:00', '18:00']],
      ['set times: 9am 2pm 8pm', ['09:00', '14:00', '20:00']],
      ['New times 8 1 7', ['08:00', '13:00', '19:00']],
      ['my new times are 10am 2pm 7pm!', ['10:00', '14:00', '19:00']],
    ];
    for (const [text, times] of cases) expect(parseTimesText(text), text).toEqual({ kind: 'times', times });
  });

  it('says which word it cannot read, and leaves other texts alone', () => {
    expect(parseTimesText('TIMES 8am lunch 7pm')).toEqual({ kind: 'unreadable', word: 'lunch' });
    expect(parseTimesText('TIMES 25:00')).toEqual({ kind: 'unreadable', word: '25:00' });
    expect(parseTimesText('TIMES')).toEqual({ kind: 'times', times: [] });
    expect(parseTimesText('DONE')).toBeUndefined();
    expect(parseTimesText('timestamp 8am')).toBeUndefined();
    // The word "time" alone, with no time after it, is the reader's, not a request.
    expect(parseTimesText('Time for bed')).toBeUndefined();
    expect(parseTimesText('time to rest my back today')).toBeUndefined();
    expect(parseTimesText('change my times to after work')).toEqual({ kind: 'unreadable', word: 'after' });
    expect(parseTimesText('I changed my mind')).toBeUndefined();
    expect(readTime('12am')).toBe('00:00');
    expect(readTime('12pm')).toBe('12:00');
    expect(readTime('13pm')).toBeUndefined();
  });

  it('safety first: a TIMES text that also opts out or names a red flag goes to the reply reader (functions/inbound)', () => {
    const request = (text: string) =>
      timesRequest(
        text,
        readReply(text, { after: 'reminder' }).intents.map((i) => i.kind),
      );
    expect(request('TIMES 8am 1pm 7pm')).toEqual({ kind: 'times', times: ['08:00', '13:00', '19:00'] });
    // The reader alone would read a pain score in these: the TIMES request comes first.
    expect(request('change my times to 9 2 and 8')).toEqual({
      kind: 'times',
      times: ['09:00', '14:00', '20:00'],
    });
    expect(request('TIMES 8am 1pm 7pm stop all texts')).toBeUndefined();
    // A per se opt-out word anywhere in a TIMES text: the opt-out wins, no times are taken.
    for (const text of [
      'TIMES 8 1 7 STOP',
      'times 8am 1pm 7pm cancel',
      'STOP TIMES 8 1 7',
      'TIMES 8 1 7 quit',
    ])
      expect(request(text), text).toBeUndefined();
    expect(request('times 9 2 8 but I have numbness in my groin')).toBeUndefined();
    expect(request('DONE')).toBeUndefined();
  });
});
