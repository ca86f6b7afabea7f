/**
 * What a patient's text back means (pure). AWS handles its own opt-out keywords (it stops texts to
 * the number and confirms); the service must honour them too and must never use them as commands.
 */

/** The keywords AWS End User Messaging treats as opt-out. None of them is an app command. */
export const OPT_OUT_KEYWORDS = [
  'ARRET',
  'CANCEL',
  'END',
  'OPT-OUT',
  'OPTOUT',
  'QUIT',
  'REMOVE',
  'STOP',
  'TD',
  'UNSUBSCRIBE',
] as const;

/**
 * Whether End User Messaging itself took this text as its opt-out keyword (and confirmed it): it
 * reports the keyword it matched, or the whole text is the keyword in any case. A variant the
 * service reads as opting out ("Stop.", "STOP!") it does not match: the service confirms those.
 */
export function optOutConfirmedByChannel(body: string, matchedKeyword?: string): boolean {
  return keywordMatchedByChannel(OPT_OUT_KEYWORDS, body, matchedKeyword);
}

/**
 * Whether End User Messaging took the text as one of `keywords` (and answered it itself): it says
 * which keyword it matched, or the whole text is the keyword in any case. "help me", "Stop." and
 * the like it does not match.
 */
export function keywordMatchedByChannel(
  keywords: readonly string[],
  body: string,
  matchedKeyword?: string,
): boolean {
  return [matchedKeyword, body].some(
    (text) => text !== undefined && keywords.includes(text.trim().toUpperCase()),
  );
}

/**
 * The app's own command words (English and Spanish): the words the HELP text and the docs name.
 * None is an AWS opt-out keyword (test/unit/reply-reading.test.ts). The reader (reading/read.ts)
 * also understands them in sentences, with typos and in other wordings.
 */
export const APP_COMMANDS = [
  'HELP',
  'DONE',
  'PAUSE',
  'RESUME',
  'PAIN',
  'DELETE',
  'MISTAKE',
  'START',
  'UNSTOP',
  'AYUDA',
  'LISTO',
  'DOLOR',
  'PAUSA',
  'SEGUIR',
  'ALTA',
  'BORRAR',
] as const;

/**
 * Erasure is asked for with DELETE; the answer carries a 4-digit code, and DELETE <code> within
 * this many minutes confirms it (never an opt-out keyword: AWS would take those as STOP). A spoofed
 * sender does not see the answer, so cannot confirm. DELETE YES (the old confirmation) is a request.
 */
export const ERASURE_CONFIRM_MINUTES = 15;

export const ERASURE_CODE_PATTERN = /^\d{4}$/;

/** The patient asked to erase their data recently enough that the code of the answer confirms it. */
export function erasureConfirmable(requestedAt: string | undefined, now: Date): boolean {
  if (!requestedAt) return false;
  const age = now.getTime() - Date.parse(requestedAt);
  return age >= 0 && age <= ERASURE_CONFIRM_MINUTES * 60_000;
}
