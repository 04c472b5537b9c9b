import { amountIssue, codedIssue, type CodedIssue } from '../../messages/index';
import type { AcquirerTxn, ParseIssue, ParseResult } from '../../model/types';
import { parseAmount } from '../../model/money';
import { readAmount } from '../mapping/amount';
import { readTable, type ColumnMap, type TableRow, type TableSpec } from '../table';

/** Collects the issues of one file, each naming its 1-based line and field. */
export class IssueLog {
  /** Every issue so far, in file order. */
  readonly issues: ParseIssue[] = [];

  /** Adds an error (a code with its parameters): the caller refuses the whole file when any exists. */
  error(line: number, field: string, coded: CodedIssue): void {
    this.issues.push(codedIssue(line, field, 'error', coded));
  }

  /** Adds a warning (a code with its parameters): shown to the merchant, the file is kept. */
  warn(line: number, field: string, coded: CodedIssue): void {
    this.issues.push(codedIssue(line, field, 'warning', coded));
  }

  /** True when any error was logged. */
  get failed(): boolean {
    return this.issues.some(i => i.severity === 'error');
  }
}

/**
 * Reads a money cell into minor units, logging an error naming line and field when it is not one.
 * An empty cell is `empty` (0 unless the caller says otherwise).
 */
export function readMoney(
  log: IssueLog,
  line: number,
  field: string,
  text: string | undefined,
  options: { digits?: number; decimal?: '.' | ','; empty?: number | null } = {},
): number | null {
  const raw = (text ?? '').trim();
  if (raw === '') {
    if (options.empty === null) {
      log.error(line, field, { code: 'amount_required', params: {} });
      return null;
    }
    return options.empty ?? 0;
  }
  const digits = options.digits ?? 2;
  // With the file's decimal mark known, the regex-free fast path reads the plain amounts most rows hold.
  const parsed = options.decimal ? readAmount(raw, options.decimal, digits) : parseAmount(raw, { digits });
  if (!parsed.ok) {
    log.error(line, field, amountIssue(parsed));
    return null;
  }
  return parsed.minor;
}

/**
 * Hands out row ids unique within one file: a reference printed twice (a refund row that
 * repeats its payment's Transaction ID, two Fee rows with the same text) gets `#2`, `#3`…
 * so rows keyed by source and id never overwrite each other, and re-reading the file gives the same ids.
 */
export class UniqueIds {
  private readonly seen = new Map<string, number>();

  /** The id as printed, or with `#n` when it was already used in this file. */
  take(id: string): string {
    const n = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, n);
    return n === 1 ? id : `${id}#${n}`;
  }
}

/** A three-letter ISO 4217 code in upper case, or null when the text is not one. */
export function currencyCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

/** An AcquirerTxn with the optional columns defaulted, so parsers state only what their file prints. */
export function makeTxn(
  fields: Pick<AcquirerTxn, 'id' | 'kind' | 'at' | 'grossMinor' | 'feeMinor' | 'netMinor' | 'currency' | 'line'> & Partial<AcquirerTxn>,
): AcquirerTxn {
  return {
    merchantId: null,
    terminal: null,
    card: null,
    cardType: null,
    payoutId: null,
    settlementDate: null,
    voided: false,
    originalId: null,
    ...fields,
  };
}

/** The ParseResult of an acquirer file; with any error the rows are dropped, so nothing half-read is kept. */
export function acquirerResult(
  format: string,
  txns: AcquirerTxn[],
  log: IssueLog,
  merchantIds: Iterable<string> = [],
  acquirerName: string | null = null,
): ParseResult {
  const ids = [...new Set([...merchantIds].filter(id => id !== ''))];
  return {
    format,
    role: 'acquirer',
    acquirerTxns: log.failed ? [] : txns,
    bankLines: [],
    issues: log.issues,
    merchantIds: ids,
    acquirerName,
    periods: [],
  };
}

/** A file refused whole, with one error naming where and why. */
export function refusal(format: string, line: number, field: string, coded: CodedIssue): ParseResult {
  const log = new IssueLog();
  log.error(line, field, coded);
  return acquirerResult(format, [], log);
}

/** −x without producing −0 (which `Object.is` and deep equality tell apart from 0). */
export function negate(x: number): number {
  return x === 0 ? 0 : -x;
}

/**
 * |amount| with the sign of `direction` (+1 money in, −1 money out), never −0: for files that print
 * amounts unsigned and give the direction in another column (交易类型, 资金流向, 业务类型).
 */
export function withDirection(amount: number, direction: 1 | -1): number {
  const magnitude = Math.abs(amount);
  return direction < 0 ? negate(magnitude) : magnitude;
}

/**
 * Every data row of a table, with its column map (null when no header row was found). For formats that
 * decide something from all rows before reading any (PayPal's date order, MobilePay's transfer dates).
 */
export function readAllRows<F extends string>(
  bytes: Uint8Array,
  spec: TableSpec<F>,
  log: IssueLog,
  onProgress?: (share: number) => void,
): { rows: TableRow[]; columns: ColumnMap<F> | null; headerLine: number } {
  const rows: TableRow[] = [];
  const info = readTable(
    bytes,
    spec,
    row => {
      rows.push(row);
    },
    onProgress ? { onProgress } : {},
  );
  log.issues.push(...info.issues);
  return { rows, columns: info.columns, headerLine: info.headerLine };
}
