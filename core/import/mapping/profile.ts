import type { DateOrder } from '../../model/date';
import type { FileRole } from '../../model/types';

/**
 * Which column (0-based index) holds each field. Indexes, not names, because headerless files
 * (the Danish bank export, TD) have no names; a saved profile is tied to one layout by its headerKey.
 */
export interface MappingColumns {
  /** Booking date (bank) or transaction date (acquirer); may also carry the time. */
  readonly date: number;
  /** A signed amount: credits positive, debits negative. */
  readonly amount?: number;
  /** Unsigned credits (money in), when the file splits the sides into two columns (TD, 收入/支出). */
  readonly credit?: number;
  /** Unsigned debits (money out); a minus sign printed here is ignored. */
  readonly debit?: number;
  readonly currency?: number;
  readonly counterparty?: number;
  readonly description?: number;
  /** The row's own reference; without it an id is derived from date, amount and balance. */
  readonly id?: number;
  /** The running balance after the row. */
  readonly balance?: number;
  /** Acquirer rows: time of day, when it is not in the date column. */
  readonly time?: number;
  readonly gross?: number;
  /** Acquirer fee; read as a positive number whatever its printed sign. */
  readonly fee?: number;
  readonly net?: number;
  readonly terminal?: number;
  readonly card?: number;
  readonly payoutId?: number;
  readonly settlementDate?: number;
  /** Row type text (sale, refund, fee, payout…), mapped to a TxnKind by keywords. */
  readonly kind?: number;
}

/** How to read one bank's or acquirer's CSV / XLSX export: saved once, reused by its headerKey. */
export interface MappingProfile {
  readonly id: string;
  /** What the merchant calls it ("Danske Bank CSV"). */
  readonly name: string;
  readonly role: FileRole;
  /** Normalized header cells joined with `|`, or `#cols:N` for a headerless file with N columns. */
  readonly headerKey: string;
  /** Field delimiter of a text file (`,` `;` TAB `|`); empty for a workbook. */
  readonly delimiter: string;
  readonly decimal: '.' | ',';
  readonly dateOrder: DateOrder;
  readonly hasHeader: boolean;
  /** Rows before the header (or before the first data row when there is no header): title lines, blank lines. */
  readonly skipRows: number;
  readonly columns: MappingColumns;
  /** ISO 4217 code for rows without a currency column; `XXX` until the merchant chooses one. */
  readonly defaultCurrency: string;
  /** The merchant's name for the account the statement belongs to (bank lines carry it). */
  readonly account?: string;
}

/** The fields a profile maps, for building mapping forms and naming columns. */
export type MappedField = keyof MappingColumns;

/** ISO 4217 "no currency": the guess could not tell, so the merchant must choose. */
export const UNKNOWN_CURRENCY = 'XXX';

/** The fields of a profile in mapping-form order, for the UI. */
export const MAPPED_FIELDS: readonly MappedField[] = [
  'date',
  'amount',
  'credit',
  'debit',
  'balance',
  'currency',
  'counterparty',
  'description',
  'id',
  'time',
  'gross',
  'fee',
  'net',
  'terminal',
  'card',
  'payoutId',
  'settlementDate',
  'kind',
];
