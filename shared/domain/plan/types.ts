/** The plan's shape, apart from the rule that makes it, so progression and plan need not import each other. */
export interface PlanMovement {
  id: string;
  name: string;
  reps: number;
  sets: number;
  repUnit: 'reps' | 'reps/side' | 'lengths';
  /** The pain the patient gave it, kept so a later assessment can be compared. */
  pain: number;
  variation?: string;
}

export interface Plan {
  movements: PlanMovement[];
  sessionsPerDay: 3;
  sessionTimes: [string, string, string];
  timeZone: string;
  lengthDays: number;
  /** First and last local calendar days of the plan (inclusive), YYYY-MM-DD. */
  startDate: string;
  endDate: string;
  /** Local midnight starting startDate and ending endDate, as ISO instants (Scheduler's start and end). */
  startsAt: string;
  endsAt: string;
  /** The day the patient is asked to assess again: the plan's last day. */
  reassessOn: string;
}
