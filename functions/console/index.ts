// Lambda entry: production wiring only, all at module load (once per container). Tests and the
// local stack call createConsoleHandler with their own deps.
import { intakeStores } from '../../shared/adapters/dynamodb/intake-stores.ts';
import { clinicStores } from '../../shared/adapters/dynamodb/clinic-stores.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { loadRuntimeConfig, requireEnv } from '../../shared/config.ts';
import { ENV } from '../../shared/env.ts';
import { IntakeContext } from '../intake/use-cases/context.ts';
import { Resends } from '../intake/use-cases/resend.ts';
import { createLogger, withRequestContext } from '../wiring/logger.ts';
import { behindCloudFront } from '../wiring/origin-guard.ts';
import {
  loadHashKey,
  originSecretFromEnv,
  optOutListFromEnv,
  smsNotifierFromEnv,
  startNumberFromEnv,
  tableFromEnv,
} from '../wiring/runtime.ts';
import { createConsoleHandler } from './handler.ts';

const log = createLogger('console');
const config = loadRuntimeConfig();
const hashKey = await loadHashKey();
const { db, tableName } = tableFromEnv();
const repo = new DynamoPlanRepository(db, tableName);
// "Resend the code" is the intake's own resend, with every limit it keeps: that use case alone, not
// the whole IntakeService (its plan pages, assessment and form catalogs are not the console's).
const resends = new Resends(
  new IntakeContext({
    ...intakeStores(db, tableName),
    repo,
    notifier: smsNotifierFromEnv(),
    optOutList: optOutListFromEnv(),
    startNumberFor: startNumberFromEnv(),
    config,
    hashKey,
    log,
  }),
);

const unguarded = withRequestContext(
  log,
  createConsoleHandler({
    log,
    config,
    hashKey,
    ...clinicStores(db, tableName, config.clinic),
    repo,
    resendCode: (planId, client) => resends.resend(planId, client),
    baseUrl: requireEnv(process.env, ENV.consoleFormUrl),
    auth: {
      authUrl: requireEnv(process.env, ENV.consoleAuthUrl),
      clientId: requireEnv(process.env, ENV.consoleClientId),
      // The user pool's API, in the function's region (the stack's, as the pool's): token renewal.
      // (Lambda always sets AWS_REGION; without it the console works, without renewal.)
      ...(process.env.AWS_REGION
        ? { idpUrl: `https://cognito-idp.${process.env.AWS_REGION}.amazonaws.com/` }
        : {}),
    },
  }),
);

// Only CloudFront's requests (they carry its secret header): nothing goes around the edge.
export const handler = behindCloudFront(unguarded, originSecretFromEnv());
