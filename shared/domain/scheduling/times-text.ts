/**
 * "TIMES 8am 1pm 7pm": the patient's new session times by text (pure). The reply reader
 * (messaging/replies.ts) recognises the word and hands the rest here; the change itself is the
 * same use case the plan page calls (functions/intake/use-cases/session-times.ts `changeSessionTimes`).
 *
 * TIMES is not one of AWS's opt-out keywords (ARRET, CANCEL, END, OPT-OUT, OPTOUT, QUIT, REMOVE, STOP,
 * TD, UNSUBSCRIBE): End User Messaging passes it on, and it never stops a patient's texts
 * (test/unit/times-text.test.ts checks the list).
 *
 * How times are read, as people write them:
 *   - "8am", "8 am", "8a", "8:30pm", "8.30 pm", "noon", "12pm" — a 12-hour time;
 *   - "08:00", "13:00", "1330", "19h30" — a 24-hour time;
 *   - a bare hour ("TIMES 8 1 7"): sessions fall between 08:00 and 21:00, so 8–12 are morning or
 *     noon, 1–7 afternoon or evening (1 → 13:00, 7 → 19:00), and 13–21 are read as they are; one
 *     that would come before the time written just before it is read twelve hours later ("9 2 and
 *     8" → 09:00, 14:00, 20:00).
 * Separators: spaces, commas, "and", "&", "/", ";". The times come back sorted, as "HH:MM".
 *
 * How it starts: the keyword ("TIMES", "TIME", "Times:"; in Spanish "HORAS"), or a sentence asking for it ("change my
 * times to 9 2 and 8", "new times 8 1 7", "please set my reminder times to …"). A text that only
 * starts with the word "time" and goes on with no time at all ("time for bed") is not one: the
 * reply reader reads it as it reads everything else.
 */

/** The word that starts such a text. */
export const TIMES_KEYWORD = 'TIMES';
/** The same word in Spanish ("HORAS 8am 1pm 7pm"): the Spanish texts name it (texts-es.ts). */
export const TIMES_KEYWORD_ES = 'HORAS';

export type TimesReading =
  | { kind: 'times'; times: string[] }
  /** Words that are not times (the first one, as the patient wrote it). */
  | { kind: 'unreadable'; word: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** One written time → "HH:MM", or undefined. */
export function readTime(word: string): string | undefined {
  const w = word.toLowerCase().replace(/\s+/g, '');
  if (w === 'noon' || w === 'midday') return '12:00';
  let match = /^(\d{1,2})(?:[:.h](\d{2}))?(a|am|p|pm|a\.m\.?|p\.m\.?)$/.exec(w);
  if (match) {
    const hour = Number(match[1]);
    const minute = Number(match[2] ?? 0);
    if (hour < 1 || hour > 12 || minute > 59) return undefined;
    const pm = match[3]!.startsWith('p');
    return `${pad((hour % 12) + (pm ? 12 : 0))}:${pad(minute)}`;
  }
  match = /^(\d{1,2})[:.h](\d{2})$/.exec(w) ?? /^(\d{2})(\d{2})$/.exec(w);
  if (match) {
    const hour = Number(match[1]);
    const minute = Number(match[2]);
    if (hour > 23 || minute > 59) return undefined;
    return `${pad(hour < 8 && hour >= 1 && match[1]!.length === 1 ? hour + 12 : hour)}:${pad(minute)}`;
  }
  match = /^(\d{1,2})h$/.exec(w);
  if (match) return Number(match[1]) <= 23 ? `${pad(Number(match[1]))}:00` : undefined;
  match = /^(\d{1,2})$/.exec(w);
  if (match) {
    const hour = Number(match[1]);
    if (hour < 1 || hour > 23) return undefined;
    return `${pad(hour <= 7 ? hour + 12 : hour)}:00`;
  }
  return undefined;
}

/**
 * A time written without am/pm ("8", "8:30") that would come before the one written just before it
 * is read in the afternoon or evening: people list their day in order, so "9 2 and 8" is 9am, 2pm
 * and 8pm.
 */
function laterThan(previous: string | undefined, word: string, time: string): string {
  const bare = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(word);
  if (!previous || !bare || time >= previous) return time;
  const hour = Number(time.slice(0, 2));
  return hour >= 1 && hour <= 11 ? `${pad(hour + 12)}${time.slice(2)}` : time;
}

/**
 * The times of a TIMES text, or undefined when the text is not one. "TIMES" alone reads as no
 * times (the caller answers with how to write them).
 */
export function parseTimesText(body: string): TimesReading | undefined {
  const text = body.trim().replace(/[.!]+$/, '');
  const head =
    /^(?:pls\s+|please\s+)?(?:change|set|move|make|put)\s+(?:my\s+|the\s+)?(?:reminder\s+|session\s+)?times?\s*(?:to\b|:)?\s*/i.exec(
      text,
    ) ??
    /^(?:my\s+)?new\s+(?:reminder\s+|session\s+)?times?\b(?:\s+are\b|\s+to\b)?[:\s]*/i.exec(text) ??
    /^(?:times?|horas?)\b[:\s]*/i.exec(text);
  if (!head) return undefined;
  // "8 am" and "8 a.m." are one time: join a number and the am/pm after it.
  const rest = text
    .slice(head[0].length)
    .replace(/(\d)\s+(a\.?m\.?|p\.?m\.?|a|p)(?=$|[\s,;&/])/gi, '$1$2')
    .replace(/\b(and|y|then)\b/gi, ' ');
  const words = rest.split(/[\s,;&/]+/).filter(Boolean);
  const times: string[] = [];
  for (const word of words) {
    const time = readTime(word);
    if (!time) {
      // "time for bed": the bare word "time" and no time at all is not a request.
      if (times.length === 0 && /^(?:time|hora)\b/i.test(text) && !/^(?:times|horas)\b/i.test(text))
        return undefined;
      return { kind: 'unreadable', word: word.slice(0, 20) };
    }
    times.push(laterThan(times.at(-1), word, time));
  }
  return { kind: 'times', times: times.sort() };
}
