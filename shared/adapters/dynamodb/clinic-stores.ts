import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AlertRules } from '../../domain/clinic/alerts.ts';
import { DynamoAuditLog, DynamoClinicAlertStore, DynamoClinicDirectory } from './clinic.ts';
import { DynamoRosterReadModel } from './clinic-roster.ts';

/**
 * The table's adapters the clinic's use cases take (functions/console, functions/clinic-watch),
 * built once for every place that runs them: both functions, the local stack and the clinic bench.
 * `rules`: the config's clinic rules (the roster reads a patient as inactive by them).
 */
export function clinicStores(
  db: DynamoDBDocumentClient,
  tableName: string,
  rules: Pick<AlertRules, 'inactiveDays'>,
) {
  const directory = new DynamoClinicDirectory(db, tableName);
  return {
    directory,
    readModel: new DynamoRosterReadModel(db, tableName, directory, rules),
    alerts: new DynamoClinicAlertStore(db, tableName),
    audit: new DynamoAuditLog(db, tableName),
  };
}
