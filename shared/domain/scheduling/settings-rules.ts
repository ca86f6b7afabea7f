import { isSupportedCountry } from 'libphonenumber-js/min';
import { RULE } from '../plan/rules.ts';
import { minutesOf } from '../time.ts';
import { formatTime, type Clock } from './local-time.ts';

/**
 * The checks the plan rule puts on session times and destination countries, in one place: intake
 * judges a patient's own times with them, and the operator's settings are judged with the same
 * functions at synth (infra/config.ts), so a default the service would refuse never deploys.
 */
export interface RuleIssue {
  /** Index of the offending time in the list. */
  index: number;
  /** Which check it fails: outside the sending hours, or too near the time before it. */
  problem: 'window' | 'gap';
  message: string;
}

/**
 * Each time inside the sending hours, each at least RULE.minSessionGapMinutes after the one before.
 * The messages name the allowed window in the patient's clock ("between 8:00 AM and 9:00 PM").
 */
export function sessionTimeIssues(times: readonly string[], clock: Clock = 'h23'): RuleIssue[] {
  const earliest = minutesOf(RULE.quietHoursEnd);
  const latest = minutesOf(RULE.quietHoursStart);
  const issues: RuleIssue[] = [];
  times.forEach((time, index) => {
    const minute = minutesOf(time);
    if (minute < earliest || minute > latest) {
      issues.push({
        index,
        problem: 'window',
        message: `must be between ${formatTime(RULE.quietHoursEnd, clock)} and ${formatTime(RULE.quietHoursStart, clock)}: no reminders at night`,
      });
    } else if (index > 0 && minute - minutesOf(times[index - 1]!) < RULE.minSessionGapMinutes) {
      issues.push({
        index,
        problem: 'gap',
        message: `must be at least ${RULE.minSessionGapMinutes / 60} hours after the session before it`,
      });
    }
  });
  return issues;
}

/** An ISO 3166-1 alpha-2 code the phone library has numbering rules for (so intake can ever accept it). */
export function isKnownCountry(code: string): boolean {
  return isSupportedCountry(code);
}
