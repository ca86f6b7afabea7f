/**
 * The clinic's exports (pure): the patients list as CSV (a UTF-8 BOM, local times with their
 * zone in a column), and one patient as FHIR R4 (fhir.ts: a collection, or a transaction).
 */
import type { PatientRow } from './read-model.ts';
import { toLocal } from '../time.ts';

export {
  PAIN_SCORE_LOINC,
  patientBundle,
  type BundleKind,
  type FhirExportInput,
  type FhirExportOptions,
} from './fhir.ts';

/**
 * Where a spreadsheet may start a cell inside a text, and what would make that cell a formula:
 * the start, and after `;` (the list separator of semicolon locales, where a quote counts only at
 * the start of a field, so a quoted "Smith;=1+2" still splits), a tab or a line break.
 */
const CELL_START = /[;\t\r\n]/;
const FORMULA_START = /[=+\-@\t\r]/;
/** A text some spreadsheet could split into cells (or that holds a quote): quoted. */
const SPLITS = /[",;\t\r\n]/;

/**
 * A CSV cell that no spreadsheet reads as a formula or splits, in a "," or a ";" locale (OWASP's
 * CSV injection advice): every place a cell could start with `= + - @`, a tab or CR gets a quote
 * mark first (shown as text), and such a text, or one with a separator, a quote, a tab or a line
 * break, is quoted (RFC 4180). Numbers are the service's own and go as they are.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = '';
  for (let i = 0; i < value.length; i++) {
    if ((i === 0 || CELL_START.test(value[i - 1]!)) && FORMULA_START.test(value[i]!)) text += "'";
    text += value[i];
  }
  // Disarmed or splittable: quoted, so the quote mark and what follows stay one cell.
  return text !== value || SPLITS.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
  'patient_id',
  'reference',
  'source',
  'status',
  'status_reason',
  'plan_day',
  'plan_days',
  'sessions_done_7d',
  'sessions_due_7d',
  'adherence_7d_percent',
  'last_pain',
  'last_pain_at',
  'last_session_at',
  'open_alerts',
  'enrolled_at',
  'time_zone',
] as const;

/** A UTF-8 byte order mark: Excel on Windows reads a CSV as UTF-8 only when it starts with one. */
export const UTF8_BOM = '\uFEFF';

/** An instant as local time in the zone, "2027-03-05 16:00" (the zone is in its own column). */
export function localTime(iso: string | null | undefined, timeZone: string): string | null {
  if (!iso) return null;
  const t = toLocal(new Date(iso), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.date} ${pad(t.hour)}:${pad(t.minute)}`;
}

/**
 * The patients list as CSV (RFC 4180, CRLF line ends): local times in `timeZone`, named in the
 * last column; with `header` (the first page), the BOM and the header row first.
 */
export function patientsCsv(
  rows: readonly PatientRow[],
  options: { timeZone?: string; header?: boolean } = {},
): string {
  const zone = options.timeZone ?? 'UTC';
  const lines = options.header === false ? [] : [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const ratio = r.adherence7d?.ratio;
    lines.push(
      [
        r.patientId,
        r.reference,
        r.source,
        r.status,
        r.statusReason,
        r.planDay?.day,
        r.planDay?.of,
        r.adherence7d?.done,
        r.adherence7d?.expected,
        ratio === null || ratio === undefined ? null : Math.round(ratio * 100),
        r.lastPain?.pain,
        localTime(r.lastPain?.at, zone),
        localTime(r.lastSessionAt, zone),
        r.openKinds.join(' '),
        localTime(r.enrolledAt, zone),
        zone,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  const body = lines.length ? `${lines.join('\r\n')}\r\n` : '';
  return options.header === false ? body : `${UTF8_BOM}${body}`;
}
