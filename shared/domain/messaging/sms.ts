/**
 * SMS encoding facts (3GPP TS 23.038): a text in the GSM-7 alphabet fits 160 characters in one
 * segment and 153 per segment when split; anything else goes as UCS-2 (70, then 67). Carriers bill
 * per segment, so texts here stay GSM-7: reminders (with the plan page link), codes and replies in
 * one segment, nothing in more than two.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM7_BASIC);
const extended = new Set(GSM7_EXTENDED);

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!basic.has(ch) && !extended.has(ch)) return false;
  return true;
}

export function smsSegments(text: string): { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number } {
  if (isGsm7(text)) {
    let septets = 0;
    for (const ch of text) septets += extended.has(ch) ? 2 : 1;
    return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  }
  const units = text.length; // UTF-16 code units, as UCS-2 counts them
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/**
 * Replaces the few non-GSM characters that creep into copy (dashes, curly quotes, ellipsis), and
 * folds an accented letter GSM-7 lacks to its plain letter (Spanish á í ó ú → a i o u; é, ñ, ü, ¿
 * and ¡ are GSM-7 and stay): one such letter would make the whole text UCS-2, 70 characters a
 * segment. Texts only — pages keep the accents.
 */
export function toGsm7(text: string): string {
  const replaced = text
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/\u00A0/g, ' ');
  if (isGsm7(replaced)) return replaced;
  let folded = '';
  for (const ch of replaced) {
    if (basic.has(ch) || extended.has(ch)) folded += ch;
    else {
      const plain = ch.normalize('NFD').replace(/\p{M}/gu, '');
      folded += isGsm7(plain) ? plain : ch;
    }
  }
  return folded;
}

/** The first candidate that fits `segments` once made GSM-7, else the last (the shortest). */
export function firstFitting(candidates: readonly string[], segments: number): string {
  const texts = candidates.map(toGsm7);
  return texts.find((t) => smsSegments(t).segments <= segments) ?? texts[texts.length - 1]!;
}
