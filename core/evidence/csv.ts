// CSV files for Excel: UTF-8 with a byte-order mark (Excel reads the file as UTF-8 only with it, in zh and
// en alike), RFC 4180 quoting and CRLF line ends. A text cell is guarded against formula injection
// (OWASP: a cell starting with = + - @, a tab or a carriage return runs as a formula); an id of digits is
// written as ="…" so Excel keeps its leading zeros and all its digits (a 16-digit reference would become
// 1.23E+15). Amounts stay plain numbers, so sums work.
import { amountCell, FORMULA_START, quoted, UTF8_BOM } from '../export/csv';

/** A cell: text (guarded), an amount in minor units of a currency (a plain number), or nothing. */
export type CsvCell = string | null | { readonly minor: number; readonly currency: string };

const DIGITS = /^\d+$/;

/** One text cell as Excel should show it, before RFC 4180 quoting. */
export function guardText(text: string): string {
  if (DIGITS.test(text) && (text.length > 11 || text.startsWith('0'))) return `="${text}"`;
  if (FORMULA_START.test(text)) return `'${text}`;
  return text;
}

function field(cell: CsvCell): string {
  return quoted(cell === null ? '' : typeof cell === 'string' ? guardText(cell) : amountCell(cell.minor, cell.currency));
}

/** A CSV file's bytes: the header, then the rows, each cell quoted only where RFC 4180 needs it. */
export function csvBytes(header: readonly string[], rows: readonly (readonly CsvCell[])[]): Uint8Array {
  const lines = [header.map(h => field(h)).join(',')];
  for (const row of rows) lines.push(row.map(field).join(','));
  return new TextEncoder().encode(UTF8_BOM + lines.join('\r\n') + '\r\n');
}
