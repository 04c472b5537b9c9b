// CSV files a merchant opens in Excel (zh or en) or hands to an acquirer: UTF-8 with a BOM (without it
// Excel reads UTF-8 as the system code page, and Chinese turns to mojibake), RFC 4180 quoting and CRLF
// records, and cells guarded against formula injection (OWASP "CSV Injection"): a description from a
// bank statement or a portal page such as `=HYPERLINK(…)` must reach the spreadsheet as text.
import { formatMinor, minorDigits } from '../model/money';

/** How a column's cells are written. */
export type CsvKind =
  /** Words and identifiers: guarded against formulas; long digit ids kept exactly. */
  | 'text'
  /** A number the spreadsheet should add up (an amount as a decimal, a count): written as it is. */
  | 'number';

/** One column of a CSV file: its header in the reader's language and how its cells are written. */
export interface CsvColumn<Row> {
  readonly header: string;
  readonly kind: CsvKind;
  readonly cell: (row: Row) => string | number | null;
}

/** The byte order mark Excel needs to read a CSV as UTF-8. */
export const UTF8_BOM = '\uFEFF';

// What makes a spreadsheet read a cell as a formula or a command (OWASP): = + - @, and tab or CR first.
export const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;
// Excel turns digit ids into numbers: leading zeros go (0123 → 123) and beyond 15 digits the rest become 0s.
const FRAGILE_DIGITS = /^(0\d+|\d{12,})$/;

/** A number cell: an amount or count as a plain decimal; anything else that is not a plain number is guarded as text. */
export function numberCell(value: string | number | null): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? String(value) : value;
  return PLAIN_NUMBER.test(s) ? s : textCell(s);
}

/**
 * A text cell: a leading `'` keeps a formula-looking value as text (the project's reader, like Excel's
 * users, drops that one apostrophe, so a value that itself starts with one gets a second); a digit id that
 * Excel would change is written as the formula `="…"` (digits only, so nothing runs), the guard Chinese acquirer exports use and our reader strips.
 */
export function textCell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  // Quoted as RFC 4180 wants (`"=""0123"""`): Excel still reads the field as the formula `="0123"`.
  if (FRAGILE_DIGITS.test(s)) return quoted(`="${s}"`);
  const guarded = FORMULA_START.test(s) || s.startsWith("'") || s.startsWith('`') ? `'${s}` : s;
  return quoted(guarded);
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
export function quoted(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** An amount in minor units as a plain decimal in its currency's digits (`-1234` CNY → `-12.34`), never through a float. */
export function amountCell(minor: number, currency: string): string {
  return formatMinor(minor, minorDigits(currency));
}

/** One CSV record (CRLF-terminated) of already written cells. */
export function csvRecord(cells: readonly string[]): string {
  return cells.join(',') + '\r\n';
}

/**
 * A CSV document as text pieces (the BOM and the header first, then one piece per row): the caller
 * encodes them as it goes (a Blob of parts), so a table of a million rows never becomes one string.
 */
export function* csvPieces<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): Generator<string> {
  yield UTF8_BOM + csvRecord(columns.map(c => textCell(c.header)));
  for (const row of rows) yield csvRecord(columns.map(c => (c.kind === 'number' ? numberCell(c.cell(row)) : textCell(c.cell(row)))));
}

/** A whole CSV document as UTF-8 bytes with its BOM (for small tables and tests). */
export function csvBytes<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): Uint8Array {
  return new TextEncoder().encode([...csvPieces(columns, rows)].join(''));
}
