/**
 * The scale model, on paper: what a million reminders cost in AWS (list prices, us-east-1), from
 * the counts the benchmarks measured; and what one million patients mean for EventBridge
 * Scheduler and for the SMS rate. Pure arithmetic: unit-tested in test/unit/bench-helpers.test.ts.
 */
import { perInvocationRate, senderBatchSize } from '../shared/sending.ts';

/**
 * List prices, us-east-1, as of the date below, from the AWS pricing pages as quoted by the
 * sources named (this machine cannot reach aws.amazon.com; check the pages before budgeting).
 */
export const PRICES = {
  asOf: '2026-11-25',
  schedulerPerMillionInvocations: 1.0,
  sqsPerMillionRequests: 0.4,
  dynamoPerMillionWriteUnits: 0.625,
  dynamoPerMillionReadUnits: 0.125,
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  logsIngestionPerGb: 0.5,
  xrayPerMillionTraces: 5.0,
  /** AWS's fee per US SMS part, and the carriers' pass-through fee per part (toll-free; 10DLC is similar). */
  smsUsPerPart: 0.00581,
  smsUsCarrierFeePerPart: 0.0025,
  sources: [
    'EventBridge Scheduler $1.00/M invocations, 14M free a month: aws.amazon.com/eventbridge/pricing (quoted by cloudburn.io, March 2026)',
    'SQS standard $0.40/M requests (64 KB chunks), 1M free a month: aws.amazon.com/sqs/pricing (quoted by cloudburn.io, March 2026)',
    'DynamoDB on-demand $0.625/M write units, $0.125/M read units (since the November 2024 cut): aws.amazon.com/dynamodb/pricing (quoted by airbyte.com, July 2025)',
    'Lambda arm64 $0.0000133334/GB-s, $0.20/M requests; 400,000 GB-s and 1M requests free a month: aws.amazon.com/lambda/pricing',
    'CloudWatch Logs ingestion $0.50/GB (standard class); X-Ray $5.00/M traces recorded, 100,000 free a month',
    'US SMS: AWS End User Messaging $0.00581 per part plus carrier pass-through fees of about $0.0025 per part (toll-free; carriers’ notices)',
    'Scheduler quotas: 10,000,000 schedules a Region, invocations throttle limit 1,000/s (both adjustable): docs.aws.amazon.com/scheduler/latest/UserGuide/scheduler-quotas.html',
  ],
} as const;

/** Figures the benchmarks measured (counts, not times). */
export interface Measured {
  dynamoRequestsPerReminder: number;
  writeUnitsPerReminder: number;
  readUnitsPerReminder: number;
  logBytesPerReminder: number;
  smsPartsPerReminder: number;
  /** Measured texts per second / configured, from the SMS-rate burst. */
  rateRatio: number;
}

/** Assumptions the model needs and nothing here measures (stated in docs/PERFORMANCE.md). */
export const ASSUMPTIONS = {
  senderMemoryMb: 256,
  senderTimeoutSeconds: 30,
  /** Work of one send in AWS besides pacing: claim, opt-out check, publish, record. */
  sendWorkSeconds: 0.15,
  /** Lambda's platform log lines per invocation (START, END, REPORT in JSON). */
  platformLogBytesPerInvocation: 600,
  /** X-Ray's default sampling: the first request each second, then 5 %. */
  xrayReservoirPerSecond: 1,
  xrayFixedRate: 0.05,
  lateAfterMinutes: 60,
  schedulesPerPatient: 3,
  schedulerInvocationsPerSecond: 1000,
  schedulerScheduleQuota: 10_000_000,
  /** Patients who keep the default session times, and the share of US people on Eastern time. */
  keepDefaultTimes: 0.7,
  largestZoneShare: 0.47,
} as const;

export interface CostLine {
  item: string;
  perMillion: number;
  basis: string;
}

export interface CostAtRate {
  /** The identity's rate, in message parts per second. */
  partsPerSecond: number;
  batchSize: number;
  lines: CostLine[];
  total: number;
  sms: number;
}

export function costPerMillion(m: Measured, partsPerSecond: number, a = ASSUMPTIONS): CostAtRate {
  const batch = senderBatchSize(partsPerSecond, a.senderTimeoutSeconds);
  const invocationsPerReminder = 1 / batch;
  // In a burst every sender is busy; each text holds its invocation for its parts' pacing intervals.
  const interval = m.smsPartsPerReminder / perInvocationRate(partsPerSecond);
  const billedSeconds = Math.max(interval, a.sendWorkSeconds);
  const sqsRequests = 1 + 2 * invocationsPerReminder;
  const invocationsPerSecond = (partsPerSecond * m.rateRatio) / m.smsPartsPerReminder / batch;
  const sampledPerSecond =
    Math.min(invocationsPerSecond, a.xrayReservoirPerSecond) +
    a.xrayFixedRate * Math.max(0, invocationsPerSecond - a.xrayReservoirPerSecond);
  const tracesPerReminder = (sampledPerSecond / invocationsPerSecond) * invocationsPerReminder;
  const logBytes = m.logBytesPerReminder + a.platformLogBytesPerInvocation * invocationsPerReminder;
  const lines: CostLine[] = [
    {
      item: 'EventBridge Scheduler',
      perMillion: PRICES.schedulerPerMillionInvocations,
      basis: '1 invocation a reminder',
    },
    {
      item: 'SQS',
      perMillion: sqsRequests * PRICES.sqsPerMillionRequests,
      basis: `${sqsRequests.toFixed(2)} requests a reminder (send; receive and delete per batch of ${batch})`,
    },
    {
      item: 'DynamoDB',
      perMillion:
        m.writeUnitsPerReminder * PRICES.dynamoPerMillionWriteUnits +
        m.readUnitsPerReminder * PRICES.dynamoPerMillionReadUnits,
      basis: `${m.dynamoRequestsPerReminder} requests, ${m.writeUnitsPerReminder.toFixed(2)} write units a reminder (measured)`,
    },
    {
      item: 'Lambda requests',
      perMillion: invocationsPerReminder * PRICES.lambdaPerMillionRequests,
      basis: `1 invocation per ${batch} reminders`,
    },
    {
      item: 'Lambda duration',
      perMillion: billedSeconds * (a.senderMemoryMb / 1024) * PRICES.lambdaArmPerGbSecond * 1e6,
      basis: `${billedSeconds.toFixed(2)} s billed a reminder at ${a.senderMemoryMb} MB (pacing interval in a burst)`,
    },
    {
      item: 'CloudWatch Logs',
      perMillion: (logBytes / 1e9) * PRICES.logsIngestionPerGb * 1e6,
      basis: `${Math.round(logBytes)} bytes a reminder (${Math.round(m.logBytesPerReminder)} measured + platform lines)`,
    },
    {
      item: 'X-Ray',
      perMillion: tracesPerReminder * PRICES.xrayPerMillionTraces,
      basis: `${(tracesPerReminder * 1e6).toFixed(0)} traces per million reminders (default sampling)`,
    },
  ];
  return {
    partsPerSecond,
    batchSize: batch,
    lines,
    total: lines.reduce((sum, l) => sum + l.perMillion, 0),
    sms: smsPerMillion(m.smsPartsPerReminder),
  };
}

/**
 * Parts of a reminder before the plan page (issue 14): it listed 4–5 movements with their reps
 * and sets and took two GSM-7 parts; now it is one part with the page's link.
 */
export const SMS_PARTS_BEFORE_PLAN_PAGE = 2;

/** The US SMS bill of a million reminders of `parts` parts each (AWS's fee and the carriers'). */
export function smsPerMillion(parts: number): number {
  return parts * (PRICES.smsUsPerPart + PRICES.smsUsCarrierFeePerPart) * 1e6;
}

export interface Drain {
  partsPerSecond: number;
  /** Seconds to send one popular minute's reminders at the measured pace. */
  seconds: number;
  /** Of them, how many go out before they are late (lateAfterMinutes). */
  onTime: number;
}

export interface PatientScale {
  patients: number;
  schedules: number;
  scheduleQuotaShare: number;
  averageInvocationsPerSecond: number;
  popularMinute: number;
  /** Seconds Scheduler needs to fire the popular minute at its invocation quota. */
  firingSeconds: number;
  drains: Drain[];
}

export function patientScale(
  patients: number,
  rates: readonly number[],
  rateRatio: number,
  partsPerReminder: number,
  a = ASSUMPTIONS,
): PatientScale {
  const schedules = patients * a.schedulesPerPatient;
  const popularMinute = Math.round(patients * a.keepDefaultTimes * a.largestZoneShare);
  return {
    patients,
    schedules,
    scheduleQuotaShare: schedules / a.schedulerScheduleQuota,
    averageInvocationsPerSecond: schedules / 86_400,
    popularMinute,
    firingSeconds: popularMinute / a.schedulerInvocationsPerSecond,
    drains: rates.map((rate) => {
      // Reminders a second: the rate is in parts, and each reminder takes its parts.
      const actual = (rate * rateRatio) / partsPerReminder;
      return {
        partsPerSecond: rate,
        seconds: popularMinute / actual,
        onTime: Math.min(popularMinute, Math.floor(actual * a.lateAfterMinutes * 60)),
      };
    }),
  };
}

/** "3 h 20 min", "55 min", "42 s". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${(hours / 24).toFixed(1)} days`;
}
