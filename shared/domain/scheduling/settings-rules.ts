import { isSupportedCountry } from 'libphonenumber-js/min';
import { RULE } from '../plan/rules.ts';
import { minutesOf } from '../time.ts';

/**
 * The checks the plan rule puts on session times and destination countries, in one place: intake
 * judges a patient's own times with them, and the operator's settings are judged with the same
 * functions at synth (infra/config.ts), so a default the service would refuse never deploys.
 */
export interface RuleIssue {
  /** Index of the offending time in the list. */
  index: number;
  message: string;
}

/** Each time inside the sending hours, each at least RULE.minSessionGapMinutes after the one before. */
export function sessionTimeIssues(times: readonly string[]): RuleIssue[] {
  const earliest = minutesOf(RULE.quietHoursEnd);
  const latest = minutesOf(RULE.quietHoursStart);
  const issues: RuleIssue[] = [];
  times.forEach((time, index) => {
    const minute = minutesOf(time);
    if (minute < earliest || minute > latest) {
      issues.push({
        index,
        message: `must be between ${RULE.quietHoursEnd} and ${RULE.quietHoursStart} (quiet hours)`,
      });
    } else if (index > 0 && minute - minutesOf(times[index - 1]!) < RULE.minSessionGapMinutes) {
      issues.push({
        index,
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
