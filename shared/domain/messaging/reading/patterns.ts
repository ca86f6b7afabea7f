/**
 * Helpers for the reader's patterns, which run on `ReplyText.clean` (tokens separated by one
 * space, " | " between clauses). A pattern never crosses a clause mark, and its gaps never swallow
 * a negation word (so "legs are not numb" cannot match "legs … numb").
 */

import type { RedFlagId } from '../../plan/rules.ts';

/** A red-flag sign's phrase: the flag it tells, and (optionally) a condition on the whole text. */
export interface SymptomPattern {
  flag: RedFlagId;
  pattern: RegExp;
  /** The phrase counts only in a text this holds for (injury.ts: someone else's fall). */
  when?: (clean: string) => boolean;
}

/** Negation words a gap may not hold (negation.ts decides what they negate). */
const NEGATORS =
  'no|not|never|without|nor|dont|doesnt|didnt|isnt|arent|wasnt|werent|havent|hasnt|hadnt|sin|nunca|ni|nothing|none';

/** Up to `n` tokens of any word but a negation word or a clause mark. */
export const gap = (n: number) => `(?:(?!(?:${NEGATORS})\\b)[^\\s|]+ ){0,${n}}`;

/** One of the alternatives, as a group. */
export const any = (...alternatives: string[]) => `(?:${alternatives.join('|')})`;

/** A pattern on whole tokens (no partial words at either end). */
export function words(source: string, flags = ''): RegExp {
  return new RegExp(`(?<![^\\s|])(?:${source})(?![^\\s|])`, flags);
}

export interface Match {
  index: number;
  text: string;
}

/** The global twin of each pattern, compiled once (a reply runs every pattern of the reader). */
const GLOBAL = new WeakMap<RegExp, RegExp>();

/** Every match of `pattern` in `clean`. */
export function matchesOf(pattern: RegExp, clean: string): Match[] {
  let global = pattern.global ? pattern : GLOBAL.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, `${pattern.flags}g`);
    GLOBAL.set(pattern, global);
  }
  return [...clean.matchAll(global)].map((m) => ({ index: m.index!, text: m[0] }));
}
