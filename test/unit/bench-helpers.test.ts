// Correctness of the benchmark helpers (bench/): the arithmetic and parsing the figures rest on.
// The benchmarks themselves run with `npm run bench`, never in `npm test`.
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bareSource, sdkUseOf } from '../../bench/bundles.ts';
import { addCapacity, approxItemBytes, emptyCounts } from '../../bench/lib/counting.ts';
import { batches, drain } from '../../bench/lib/sender-harness.ts';
import { eventRate, maxInWindow, median, quantile, ratio } from '../../bench/lib/stats.ts';
import {
  costPerMillion,
  duration,
  patientScale,
  PRICES,
  SMS_PARTS_BEFORE_PLAN_PAGE,
  smsPerMillion,
  type Measured,
} from '../../bench/scale-model.ts';
import { smsBillChange } from '../../bench/report.ts';
import {
  bookedLoad,
  defaultTimesLoad,
  physicalLimit,
  scaleRow,
  senderRemindersPerSecond,
  simulateDay,
} from '../../bench/scale.ts';
import { createPacer } from '../../functions/wiring/pacer.ts';
import {
  LAMBDA_ALIASES,
  LAMBDA_BUNDLING,
  lambdaEsbuildArgs,
  LAMBDA_FORMAT,
  lambdaEsbuildOptions,
} from '../../infra/bundling.ts';
import { sessionTimeIssues } from '../../shared/domain/scheduling/settings-rules.ts';
import { perInvocationRate, senderBatchSize, senderConcurrency } from '../../shared/sending.ts';

describe('bench statistics', () => {
  it('quantiles interpolate between ranks; the median of an even count is the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.99)).toBeCloseTo(49.6, 10);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => ratio(1, 0)).toThrow(RangeError);
  });

  it('finds the busiest window, half-open, and the rate from first to last event', () => {
    expect(maxInWindow([0, 999, 1000, 1999, 2000], 1000)).toBe(2);
    expect(maxInWindow([0, 10, 20, 1500], 1000)).toBe(3);
    expect(maxInWindow([], 1000)).toBe(0);
    expect(eventRate([0, 500, 1000])).toBe(2);
    expect(eventRate([5])).toBe(0);
  });
});

describe('bench request counting', () => {
  it('adds consumed capacity from one answer or many, table and indexes apart', () => {
    const counts = emptyCounts();
    addCapacity(counts, {
      CapacityUnits: 3,
      Table: { CapacityUnits: 2 },
      GlobalSecondaryIndexes: { gsi1: { CapacityUnits: 1 } },
    });
    addCapacity(counts, [{ CapacityUnits: 1, Table: { CapacityUnits: 1 } }, { CapacityUnits: 2 }]);
    addCapacity(counts, undefined);
    expect(counts).toMatchObject({ capacityUnits: 6, tableUnits: 3, indexUnits: { gsi1: 1 } });
  });

  it('sizes items by DynamoDB’s rules of thumb', () => {
    expect(approxItemBytes({ pk: 'ab' })).toBe(4);
    expect(approxItemBytes({ n: 12345 })).toBe(1 + 4);
    expect(approxItemBytes({ ok: true })).toBe(3);
    // A map: 3 bytes, plus per entry 1 byte, the name and the value.
    expect(approxItemBytes({ m: { a: 'xy' } })).toBe(1 + 3 + 1 + 1 + 2);
    expect(approxItemBytes({ l: ['ab', 'c'] })).toBe(1 + 3 + (1 + 2) + (1 + 1));
  });
});

describe('the bare bundles', () => {
  const inputs = [
    'node_modules/@aws-sdk/client-dynamodb/dist-es/DynamoDBClient.js',
    'node_modules/@aws-sdk/client-dynamodb/dist-es/commands/QueryCommand.js',
    'node_modules/@aws-sdk/lib-dynamodb/dist-es/DynamoDBDocumentClient.js',
    'node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/QueryCommand.js',
    'node_modules/@aws-sdk/client-sns/dist-es/SNSClient.js',
    'node_modules/@smithy/core/dist-es/submodules/client/index.js',
    'shared/adapters/dynamodb/client.ts',
  ];

  it('take the SDK clients and commands a function bundle holds, nothing else', () => {
    const use = sdkUseOf(inputs);
    expect([...use.imports.keys()].sort()).toEqual([
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/client-sns',
      '@aws-sdk/lib-dynamodb',
    ]);
    expect([...use.imports.get('@aws-sdk/client-dynamodb')!].sort()).toEqual([
      'DynamoDBClient',
      'QueryCommand',
    ]);
  });

  it('import them under names that cannot clash, and construct what the function constructs', () => {
    const source = bareSource(sdkUseOf(inputs), ['DynamoDBClient', 'SNSClient']);
    expect(source).toContain('QueryCommand as _aws_sdk_client_dynamodb_QueryCommand');
    expect(source).toContain('QueryCommand as _aws_sdk_lib_dynamodb_QueryCommand');
    expect(source).toContain('const clients = [new DynamoDBClient({}), new SNSClient({})];');
    expect(source).toContain('DynamoDBDocumentClient.from(clients[0]!)');
  });

  it('are built with the options the stack gives NodejsFunction', () => {
    expect(LAMBDA_FORMAT).toBe(OutputFormat.ESM);
    const options = lambdaEsbuildOptions('in.ts', 'out/index.mjs');
    expect(options).toMatchObject({
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: LAMBDA_BUNDLING.target,
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      mainFields: ['module', 'main'],
      banner: { js: LAMBDA_BUNDLING.banner },
      external: [],
    });
    expect(LAMBDA_BUNDLING.bundleAwsSDK).toBe(true);
    // The same aliases reach esbuild here and NodejsFunction's CLI (`--alias:<pkg>=<path>`).
    expect(options.alias).toEqual(LAMBDA_ALIASES);
    expect(lambdaEsbuildArgs()['--alias']).toEqual(
      Object.entries(LAMBDA_ALIASES).map(([pkg, path]) => `${pkg}=${path}`),
    );
    expect(Object.keys(LAMBDA_ALIASES)).toEqual(['@aws-sdk/credential-provider-node']);
    for (const path of Object.values(LAMBDA_ALIASES)) expect(existsSync(path)).toBe(true);
  });
});

describe('the sender harness', () => {
  it('cuts messages into SQS batches and hands each to exactly one worker', async () => {
    const events = batches(
      Array.from({ length: 23 }, (_, i) => ({ i })),
      10,
    );
    expect(events.map((e) => e.Records.length)).toEqual([10, 10, 3]);
    const seen: number[] = [];
    const workers = new Set<number>();
    const { failures } = await drain(events, 2, (worker) => async (event) => {
      workers.add(worker);
      for (const r of event.Records) seen.push((JSON.parse(r.body) as { i: number }).i);
      await new Promise((resolve) => setImmediate(resolve));
      return { batchItemFailures: event.Records.length === 3 ? [{ itemIdentifier: 'x' }] : [] };
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(workers).toEqual(new Set([0, 1]));
    expect(failures).toBe(1);
  });
});

describe('the scale model', () => {
  const measured: Measured = {
    dynamoRequestsPerReminder: 2,
    writeUnitsPerReminder: 6,
    readUnitsPerReminder: 0,
    logBytesPerReminder: 300,
    smsPartsPerReminder: 2,
    rateRatio: 0.95,
  };

  it('prices a million reminders line by line from the counts', () => {
    const cost = costPerMillion(measured, 20);
    const line = (item: string) => cost.lines.find((l) => l.item === item)!.perMillion;
    expect(cost.batchSize).toBe(senderBatchSize(20, 30));
    expect(line('EventBridge Scheduler')).toBe(PRICES.schedulerPerMillionInvocations);
    expect(line('SQS')).toBeCloseTo((1 + 2 / cost.batchSize) * PRICES.sqsPerMillionRequests, 10);
    expect(line('DynamoDB')).toBeCloseTo(6 * PRICES.dynamoPerMillionWriteUnits, 10);
    // 20 parts/s over 10 senders, 5 % headroom: each two-part text holds its invocation 2/1.9 s at 256 MB.
    expect(line('Lambda duration')).toBeCloseTo((2 / 1.9) * 0.25 * PRICES.lambdaArmPerGbSecond * 1e6, 6);
    expect(cost.total).toBeCloseTo(
      cost.lines.reduce((s, l) => s + l.perMillion, 0),
      10,
    );
    expect(cost.sms).toBeCloseTo(2 * (PRICES.smsUsPerPart + PRICES.smsUsCarrierFeePerPart) * 1e6, 6);
  });

  it('scales patients to schedules, a popular minute and its drain, with what comes too late', () => {
    const scale = patientScale(1_000_000, [1, 100], 1, 1);
    expect(scale.schedules).toBe(3_000_000);
    expect(scale.scheduleQuotaShare).toBeCloseTo(0.3, 10);
    expect(scale.popularMinute).toBe(Math.round(1_000_000 * 0.7 * 0.47));
    expect(scale.firingSeconds).toBeCloseTo(scale.popularMinute / 1000, 10);
    expect(scale.drains[0]).toEqual({ partsPerSecond: 1, seconds: scale.popularMinute, onTime: 3600 });
    expect(scale.drains[1]!.onTime).toBe(Math.min(scale.popularMinute, 360_000));
    // Two-part reminders: the same parts a second carry half the reminders.
    const twoParts = patientScale(1_000_000, [1], 1, 2);
    expect(twoParts.drains[0]).toEqual({ partsPerSecond: 1, seconds: 2 * scale.popularMinute, onTime: 1800 });
  });

  it('writes durations for people', () => {
    expect(duration(42)).toBe('42 s');
    expect(duration(55 * 60)).toBe('55 min');
    expect(duration(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(duration(4 * 86_400)).toBe('4.0 days');
  });
});

describe('bench scale simulation', () => {
  const sum = (load: Float64Array) => load.reduce((a, b) => a + b, 0);

  it('states the physical limit as parts/s × 3,600 × 13 h ÷ (3 reminders × parts a reminder)', () => {
    expect(physicalLimit(3, 2)).toBe(23_400);
    expect(physicalLimit(1, 1)).toBe(15_600);
  });

  it("sends at the real pacer's pace: concurrency × each pacer's rate, a reminder costing its parts", async () => {
    const rate = 20;
    const parts = 2;
    // One execution environment's pacer, on a clock the test moves: 10 two-part texts.
    let t = 0;
    const pace = createPacer(perInvocationRate(rate), {
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
    });
    for (let i = 0; i < 10; i++) await pace(parts);
    const onePacerPerSecond = 10 / (t / 1000);
    expect(senderRemindersPerSecond(rate, parts)).toBeCloseTo(senderConcurrency(rate) * onePacerPerSecond, 6);
    expect(senderRemindersPerSecond(rate, parts)).toBeCloseTo((0.95 * rate) / parts, 10);
  });

  it('loads three reminders a patient a day, the defaults at their minutes', () => {
    const load = defaultTimesLoad(1000, [{ name: 'UTC', toUtcMinutes: 0, share: 1 }]);
    expect(sum(load)).toBeCloseTo(3000, 6);
    // 70 % at 08:00, plus the even spread of the others over 780 minutes.
    expect(load[8 * 60]).toBeCloseTo(700 + (300 * 3) / 780, 6);
    expect(load[7 * 60 + 59]).toBe(0);
    expect(load[21 * 60]).toBe(0);
  });

  it('books through the booking code: three reminders a patient, never over a minute’s capacity, or says it cannot', () => {
    const zone = [{ name: 'UTC', toUtcMinutes: 0, share: 1 }];
    const load = bookedLoad(1500, 10, zone)!;
    expect(sum(load)).toBeCloseTo(4500, 6);
    expect(Math.max(...load)).toBeLessThanOrEqual(10 + 1e-9);
    // Nothing in quiet hours.
    for (let m = 0; m < 1440; m++) if (m < 480 || m > 1260) expect(load[m]).toBe(0);
    // The defaults' minutes are full first: the booking fills around them.
    expect(load[480]).toBeCloseTo(10, 6);
    expect(load[13 * 60]).toBeCloseTo(10, 6);
    // 780 sendable minutes of 10 hold 2,600 patients at the very most (one zone, the rule's gaps
    // and 70 % wanting the same times hold fewer): past that, refused.
    expect(bookedLoad(2601, 10, zone)).toBeUndefined();
    expect(sessionTimeIssues(['08:00', '13:00', '18:00'])).toEqual([]);
  });

  it('queues a burst first in, first out, and drops what would go out more than an hour late', () => {
    const load = new Float64Array(1440);
    load[600] = 1000;
    // 10 reminders a second (2 parts each at 20 parts/s, 5 % headroom: 9.5): 1,000 take ~105 s.
    const onTime = simulateDay(load, 20, 2);
    expect(onTime.dropped).toBe(0);
    expect(onTime.sent).toBeCloseTo(1000, 6);
    expect(onTime.maxSeconds).toBe(Math.ceil(1000 / 9.5));
    expect(onTime.p50Seconds).toBe(Math.ceil(500 / 9.5));
    // 50,000 at once: an hour sends 34,200; the rest is dropped as late.
    load[600] = 50_000;
    const late = simulateDay(load, 20, 2);
    expect(late.sent).toBeCloseTo(3600 * 9.5, 0);
    expect(late.dropped).toBeCloseTo(50_000 - 3600 * 9.5, 0);
  });

  it('finds the smallest rate on target: a burst needs far more than the limit, booked times about the limit', () => {
    const today = scaleRow(10_000, 'defaults', 2);
    expect(today.lateness.p99Seconds).toBeLessThanOrEqual(15 * 60);
    expect(today.lateness.dropped).toBe(0);
    expect(today.ratioToLimit).toBeLessThan(0.3);
    const booked = scaleRow(10_000, 'booked', 2);
    expect(booked.ratioToLimit).toBeGreaterThan(0.8);
    expect(booked.lateness.dropped).toBe(0);
    expect(booked.identities[0]).toEqual({ name: 'US toll-free', count: 1, patientsPerIdentity: 10_000 });
    // A search over simulated bursts (pure CPU): 12 s in a full run (checks beside it: more).
  }, 90_000);
});

describe('the SMS bill with one-segment reminders', () => {
  it('a reminder with its plan page link is one part where it was two: the bill is halved', () => {
    expect(SMS_PARTS_BEFORE_PLAN_PAGE).toBe(2);
    expect(smsPerMillion(1)).toBeCloseTo(smsPerMillion(2) / 2, 6);
    expect(smsPerMillion(1)).toBeCloseTo((PRICES.smsUsPerPart + PRICES.smsUsCarrierFeePerPart) * 1e6, 6);
    expect(smsBillChange(1)).toBe(
      'Before the plan page a reminder listed the movements in 2 parts ($16,620 a million); ' +
        'at 1 part ($8,310) the SMS bill is **halved**.',
    );
  });
});
