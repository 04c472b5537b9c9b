import { parseAmount } from '../../model/money';
import { parseLocalDateTime } from '../../model/date';
import { isFooterLine, normalizeHeader } from '../table';
import { readRows, type RawRow } from './rows';

/** Where the table of a CSV / XLSX file is: delimiter, header (if any), and a sample of data rows. */
export interface Layout {
  readonly delimiter: string;
  readonly workbook: boolean;
  /** Records before the header or first data row. */
  readonly skipRows: number;
  readonly hasHeader: boolean;
  /** Header cells as printed; empty when there is none. */
  readonly header: readonly string[];
  /** The usual number of fields in a row. */
  readonly width: number;
  /** Data rows in the sample (blank rows and the footer left out). */
  readonly data: readonly RawRow[];
}

/** True when a cell reads as a date in any day/month order. */
export function looksLikeDate(text: string): boolean {
  if (!/\d/.test(text)) return false;
  return parseLocalDateTime(text, 'dmy') !== null || parseLocalDateTime(text, 'mdy') !== null;
}

/** True when a cell reads as an amount (either decimal mark). */
export function looksLikeAmount(text: string): boolean {
  return /\d/.test(text) && parseAmount(text).ok;
}

/**
 * The table's width: the most common row width, or a wider one that at least half as many rows have.
 * A short report's title block can outnumber its table rows (Zettle's receipts: nine label/value rows
 * three cells wide above seven rows fourteen wide), but the table is the widest thing in the file.
 */
function tableWidth(rows: readonly RawRow[]): number {
  const counts = new Map<number, number>();
  for (const r of rows) if (r.cells.length >= 2) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
  let width = 0,
    freq = 0;
  for (const [n, f] of counts)
    if (f > freq || (f === freq && n > width)) {
      width = n;
      freq = f;
    }
  for (const [n, f] of counts) if (n > width && f >= Math.max(2, freq / 2)) width = n;
  return width;
}

const isBlank = (r: RawRow): boolean => r.cells.every(c => c === '');

/**
 * Finds the table in the first `limit` records: the most common row width, the first row that wide
 * (title lines such as BMO's "Following data is valid as of …" are narrower), and whether that
 * row is a header (no cell in it reads as a date or an amount, and the row after it has a date).
 */
export function findLayout(bytes: Uint8Array, delimiter: string | null = null, limit = 400): Layout | string {
  const read = readRows(bytes, delimiter, limit);
  if (!read.ok) return read.message;
  const rows = read.rows;
  const width = tableWidth(rows.filter(r => !isBlank(r)));
  if (width < 2) return 'no table found: no line has two or more fields';
  const wide = (r: RawRow): boolean =>
    r.cells.length >= 2 && r.cells.length >= Math.ceil(width * 0.6) && r.cells.filter(c => c !== '').length >= 2;
  const nextRow = (i: number): RawRow | undefined => rows.slice(i + 1).find(r => !isBlank(r));
  // The table starts at the first wide row that is data (it has a date) or a header (the row after it has one);
  // a full-width title row such as `Account;123;;;;` is neither.
  let start = rows.findIndex((r, i) => wide(r) && (r.cells.some(looksLikeDate) || nextRow(i)?.cells.some(looksLikeDate) === true));
  if (start < 0) start = rows.findIndex(wide);
  if (start < 0) return 'no table found';
  const first = rows[start]!.cells;
  const next = nextRow(start);
  const hasHeader =
    first.every(c => c === '' || (!looksLikeDate(c) && !looksLikeAmount(c))) &&
    first.some(c => /\p{L}/u.test(c)) &&
    next !== undefined &&
    next.cells.some(looksLikeDate);
  const data: RawRow[] = [];
  for (const r of rows.slice(start + (hasHeader ? 1 : 0))) {
    if (isBlank(r) || r.cells.filter(c => c !== '').length === 1) continue;
    if (isFooterLine(r.cells[0] ?? '') && !looksLikeDate(r.cells[0] ?? '')) break;
    data.push(r);
  }
  return {
    delimiter: read.delimiter ?? '',
    workbook: read.workbook,
    skipRows: start,
    hasHeader,
    header: hasHeader ? first : [],
    width,
    data,
  };
}

/** The key a saved profile is found by: normalized header cells joined with `|`, or `#cols:N` without a header. */
export function layoutKey(layout: Layout): string {
  return layout.hasHeader ? layout.header.map(normalizeHeader).join('|') : `#cols:${layout.width}`;
}
