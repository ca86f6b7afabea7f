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

/** The app's own commands. */
export const APP_COMMANDS = ['HELP', 'DONE', 'PAUSE', 'RESUME', 'PAIN', 'DELETE'] as const;

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

export type InboundCommand =
  | { kind: 'opt-out'; keyword: (typeof OPT_OUT_KEYWORDS)[number] }
  | { kind: 'help' }
  | { kind: 'done' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'pain'; score: number }
  | { kind: 'erase' }
  | { kind: 'erase-confirm'; code: string }
  | { kind: 'unknown' };

const optOut = new Set<string>(OPT_OUT_KEYWORDS);

/** Upper case, accents off (ARRÊT → ARRET), spaces collapsed, trailing . or ! dropped. */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '')
    .trim()
    .toUpperCase();
}

/** Reads a reply: the whole text is the command (`PAIN 4`, `pain:4`, ` Done. `), anything else is unknown. */
export function parseInbound(text: string): InboundCommand {
  const word = normaliseReply(text);
  if (optOut.has(word)) return { kind: 'opt-out', keyword: word as (typeof OPT_OUT_KEYWORDS)[number] };
  switch (word) {
    case 'HELP':
      return { kind: 'help' };
    case 'DONE':
      return { kind: 'done' };
    case 'PAUSE':
      return { kind: 'pause' };
    case 'RESUME':
      return { kind: 'resume' };
    case 'DELETE':
      return { kind: 'erase' };
    case 'DELETE YES':
      return { kind: 'erase' };
  }
  const erase = /^DELETE ?:? ?(\d{4})$/.exec(word);
  if (erase) return { kind: 'erase-confirm', code: erase[1]! };
  const pain = /^PAIN ?:? ?(\d{1,2})$/.exec(word);
  if (pain && Number(pain[1]) <= 10) return { kind: 'pain', score: Number(pain[1]) };
  return { kind: 'unknown' };
}
