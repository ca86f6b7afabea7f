import { patientBundle, patientsCsv, type BundleKind } from '../../../shared/domain/clinic/export.ts';
import type { Staff } from '../../../shared/domain/clinic/roster.ts';
import { canonicalTimeZone } from '../../../shared/domain/time.ts';
import { InvalidInputError } from '../errors.ts';
import type { ConsoleContext } from './context.ts';

/** Rows a CSV page: ~250 KB, a fraction of a second to read and write, far inside every timeout. */
export const CSV_PAGE = 1000;

/**
 * The exports. The CSV comes a page at a time (the console's script asks for the pages in turn and
 * saves them as one file): a list of any size, each request bounded, no copy of patient data kept
 * anywhere but the table (an export to S3 would be a second copy to secure, expire and erase).
 */
export class Exports {
  constructor(private readonly ctx: ConsoleContext) {}

  /**
   * One page of the patients as CSV, most urgent first: the first page starts with a UTF-8 BOM
   * (Excel on Windows reads the file as UTF-8 only then) and the header; times are local to
   * `timeZone` (the staff member's, as the console shows them), named in a column. Audited.
   */
  async csvPage(
    staff: Staff,
    options: { cursor?: string; timeZone?: string },
  ): Promise<{ filename: string; body: string; next: string | null; rows: number }> {
    this.ctx.require(staff, 'clinician');
    const timeZone = options.timeZone ? canonicalTimeZone(options.timeZone) : 'UTC';
    if (!timeZone) throw new InvalidInputError('tz', 'tz must be an IANA time zone, e.g. Europe/Madrid');
    const first = options.cursor === undefined;
    const page = await this.ctx.deps.readModel.page({
      by: 'triage',
      limit: CSV_PAGE,
      ...(options.cursor ? { cursor: options.cursor } : {}),
    });
    const rows = page.rows.map((r) => this.ctx.view(r));
    await this.ctx.record(
      staff,
      'export-csv',
      undefined,
      `${rows.length} patients${first ? '' : ' (a later page)'}`,
    );
    return {
      filename: `patients-${this.ctx.clock.now().toISOString().slice(0, 10)}.csv`,
      body: patientsCsv(rows, { timeZone, header: first }),
      next: page.next ?? null,
      rows: rows.length,
    };
  }

  /**
   * One patient as a FHIR R4 Bundle: a collection (to read), or a transaction a FHIR server
   * processes as conditional creates and updates (export.ts). Audited.
   */
  async fhir(staff: Staff, patientId: string, kind: BundleKind) {
    this.ctx.require(staff, 'clinician');
    const entry = await this.ctx.entry(patientId);
    const [records, alerts] = await Promise.all([
      this.ctx.deps.directory.records(entry.phoneHash),
      this.ctx.deps.alerts.forPatient(entry.phoneHash),
    ]);
    const mrnSystem = this.ctx.deps.config.clinic.fhirMrnSystem;
    const reference = mrnSystem ? this.ctx.reference(entry.sealedReference, { patientId }) : null;
    const bundle = patientBundle(
      {
        patientId,
        ...(records.plan ? { plan: records.plan } : {}),
        events: records.events,
        alerts,
        now: this.ctx.clock.now(),
      },
      {
        kind,
        identifierSystem:
          this.ctx.deps.config.clinic.fhirIdentifierSystem ??
          new URL('/fhir/sid/patient-id', this.ctx.deps.baseUrl).href,
        ...(mrnSystem && reference ? { mrn: { system: mrnSystem, value: reference } } : {}),
      },
    );
    await this.ctx.record(staff, 'export-fhir', patientId, kind);
    return bundle;
  }
}
