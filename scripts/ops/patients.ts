/**
 * `npm run ops:lookup` and `npm run ops:erase` (CLIs: scripts/ops/lookup.ts, erase.ts): find a
 * patient by phone number, or erase them, with the operator's credentials. The number is hashed
 * with the stack's HMAC key (read from Secrets Manager) by the functions' own hashPhone, after the
 * intake's own normalisation, so it finds what the functions stored. No phone is ever printed
 * unmasked.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readSecret } from '../../functions/wiring/runtime.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { makePhoneSchema } from '../../shared/domain/plan/assessment.ts';
import { hashPhone, maskPhone } from '../../shared/domain/security/privacy.ts';
import type { PatientRecord, PlanRecord } from '../../shared/domain/model.ts';
import { SCHEDULER_OUTPUTS, schedulerFromOutputs } from './resync-schedules.ts';
import { describeError, readStackOutputs, UsageError, type OutputName } from './stack-outputs.ts';
import { namedError } from '../../shared/domain/named-error.ts';

export interface PatientOpsClients {
  cloudFormation: CloudFormationClient;
  secretsManager: SecretsManagerClient;
  db: DynamoDBDocumentClient;
  scheduler: SchedulerClient;
}

/** Clients with the SDK's default credentials and region (AWS_PROFILE, AWS_REGION, ~/.aws/config). */
export function defaultPatientOpsClients(): PatientOpsClients {
  return {
    cloudFormation: new CloudFormationClient({}),
    secretsManager: new SecretsManagerClient({}),
    db: createDocumentClient(),
    scheduler: new SchedulerClient({}),
  };
}

/** No patient has this number (never texted, or erased already). */
export class UnknownPatientError extends namedError('UnknownPatientError') {}

/** The number as E.164, as the intake normalises it; a UsageError (the number masked) otherwise. */
export function normalisePhone(typed: string): string {
  const parsed = makePhoneSchema().safeParse(typed);
  if (!parsed.success) {
    throw new UsageError(`phone ${maskPhone(typed)} ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  }
  return parsed.data.e164;
}

/** What an operator may see of a patient: the number masked, no consent text, no scores. */
export interface PatientSummary {
  phone: string;
  country: string;
  optedOut: boolean;
  optedOutAt?: string;
  erasureRequestedAt?: string;
  createdAt: string;
  updatedAt: string;
  currentPlan?: {
    planId: string;
    status: PlanRecord['status'];
    statusReason?: string;
    channel: PlanRecord['channel'];
    startDate: string;
    endDate: string;
    timeZone: string;
    sessionTimes: readonly string[];
  };
}

function summary(patient: PatientRecord, plan: PlanRecord | undefined): PatientSummary {
  return {
    phone: maskPhone(patient.phone),
    country: patient.country,
    optedOut: patient.optedOut,
    ...(patient.optedOutAt ? { optedOutAt: patient.optedOutAt } : {}),
    ...(patient.erasureRequestedAt ? { erasureRequestedAt: patient.erasureRequestedAt } : {}),
    createdAt: patient.createdAt,
    updatedAt: patient.updatedAt,
    ...(plan
      ? {
          currentPlan: {
            planId: plan.planId,
            status: plan.status,
            ...(plan.statusReason ? { statusReason: plan.statusReason } : {}),
            channel: plan.channel,
            startDate: plan.plan.startDate,
            endDate: plan.plan.endDate,
            timeZone: plan.plan.timeZone,
            sessionTimes: plan.plan.sessionTimes,
          },
        }
      : {}),
  };
}

/** The table, the patient's hash and what is stored under it (with the outputs `extra` names too). */
async function findPatient<N extends OutputName>(
  clients: PatientOpsClients,
  stackName: string,
  typedPhone: string,
  extra: readonly N[],
) {
  const phone = normalisePhone(typedPhone);
  const outputs = await readStackOutputs(clients.cloudFormation, stackName, [
    'tableName',
    'hashKeySecretArn',
    ...extra,
  ]);
  const phoneHash = hashPhone(phone, await readSecret(outputs.hashKeySecretArn, clients.secretsManager));
  const repo = new DynamoPlanRepository(clients.db, outputs.tableName);
  const patient = await repo.getPatient(phoneHash);
  if (!patient) throw new UnknownPatientError(`no patient has the number ${maskPhone(phone)}`);
  const plan = patient.currentPlanId ? await repo.getPlan(patient.currentPlanId) : undefined;
  return { outputs, phoneHash, repo, found: summary(patient, plan) };
}

export async function lookupPatient(
  clients: PatientOpsClients,
  stackName: string,
  typedPhone: string,
): Promise<PatientSummary> {
  return (await findPatient(clients, stackName, typedPhone, [])).found;
}

export type EraseResult =
  | { erased: false; patient: PatientSummary }
  | { erased: true; patient: PatientSummary; deletedItems: number; planIds: string[] };

/**
 * The same erasure as the patient's DELETE YES (PlanRepository.erasePatient: every item, the
 * profile last, so a repeat finishes a cut-short run), then each erased plan's schedules through
 * schedule-sync's adapter (the stream's REMOVE records would delete them too; this does not wait
 * for it). Without `yes` nothing changes: the answer says who would be erased.
 */
export async function erasePatientByPhone(
  clients: PatientOpsClients,
  stackName: string,
  typedPhone: string,
  options: { yes: boolean },
): Promise<EraseResult> {
  const { outputs, phoneHash, repo, found } = await findPatient(
    clients,
    stackName,
    typedPhone,
    SCHEDULER_OUTPUTS,
  );
  if (!options.yes) return { erased: false, patient: found };
  const { deletedItems, planIds } = await repo.erasePatient(phoneHash);
  const scheduler = schedulerFromOutputs(clients.scheduler, outputs);
  const left: string[] = [];
  for (const planId of planIds) {
    await scheduler.deletePlanSchedules(planId).catch((error: unknown) => {
      left.push(`${planId} (${describeError(error)})`);
    });
  }
  // The number is unknown now, so a repeat could not find these plans again: say what is left.
  if (left.length) {
    throw new Error(
      `${found.phone} erased (${deletedItems} items), but the schedules of plan(s) ${left.join(', ')} ` +
        'were not deleted: schedule-sync deletes them from the table stream, or run npm run ops:resync',
    );
  }
  return { erased: true, patient: found, deletedItems, planIds };
}
