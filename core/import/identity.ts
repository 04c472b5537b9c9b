// What makes two rows the same fact, so that a file given twice, a renamed copy or two overlapping
// exports count every transaction and bank line once (issue 16). A bank line is (account, the bank's
// id); where a format prints no id its parser derives one from the content and the occurrence among
// identical lines of the file (qif.ts, ofx.ts, cn-bank-csv.ts), which is stable across re-exports.
// An acquirer transaction is (acquirer profile, the acquirer's reference) with its content.
import { codedIssue } from '../messages/index';
import type { AcquirerTxn, BankLine, ParseIssue, ParseResult, StatementPeriod } from '../model/types';

/** The identity of a bank line: its account and the bank's id. */
export function bankLineKey(line: BankLine): string {
  return `${line.account}\u0000${line.id}`;
}

const BANK_FIELDS = ['account', 'id', 'bookedOn', 'valueOn', 'amountMinor', 'currency', 'counterparty', 'description'] as const;
/** An acquirer transaction's fields that say what it is (the line number aside), in the order parsers make them. */
export const TXN_FIELDS = [
  'id',
  'kind',
  'at',
  'grossMinor',
  'feeMinor',
  'netMinor',
  'currency',
  'merchantId',
  'terminal',
  'card',
  'cardType',
  'payoutId',
  'settlementDate',
  'voided',
  'originalId',
  'reference',
] as const;

/** The fields in which two readings of the same bank line differ (none: a repeat). The line number is where, not what. */
export function bankLineChanges(a: BankLine, b: BankLine): string[] {
  return BANK_FIELDS.filter(f => a[f] !== b[f]);
}

/** The fields in which two readings of the same acquirer transaction differ (none: a repeat). */
export function txnChanges(a: AcquirerTxn, b: AcquirerTxn): string[] {
  return TXN_FIELDS.filter(f => (a[f] ?? null) !== (b[f] ?? null));
}

/**
 * Rows of one file that share an identity: an exact repeat is a warning naming both lines and counted
 * once; the same id with other content is an error naming both lines (which one is right cannot be told).
 * Bank lines of different accounts may share an id (OFX numbers each statement's lines from 1).
 */
export function checkRepeatsInFile(result: ParseResult): ParseResult {
  const issues: ParseIssue[] = [];
  const bankLines = keepFirst(result.bankLines, bankLineKey, bankLineChanges, (first, again, changed) =>
    issues.push(repeatIssue('bank_line', first.id, first.line, again.line, changed)),
  );
  const onTxnRepeat = (first: AcquirerTxn, again: AcquirerTxn, changed: string[]) =>
    issues.push(repeatIssue('transaction', first.id, first.line, again.line, changed));
  const acquirerTxns = dropRenumberedCopies(
    keepFirst(result.acquirerTxns, t => t.id, txnChanges, onTxnRepeat),
    onTxnRepeat,
  );
  if (issues.length === 0) return result;
  return { ...result, bankLines, acquirerTxns, issues: [...result.issues, ...issues] };
}

function repeatIssue(
  row: 'bank_line' | 'transaction',
  id: string,
  firstLine: number,
  line: number,
  changed: readonly string[],
): ParseIssue {
  return changed.length === 0
    ? codedIssue(line, '(row)', 'warning', { code: 'repeated_row', params: { row, id, firstLine } })
    : codedIssue(line, changed[0]!, 'error', { code: 'conflicting_row', params: { row, id, firstLine, fields: changed } });
}

/** The rows in order with later repeats of an identity left out; `onRepeat` hears of each (changed: the fields that differ). */
function keepFirst<T>(
  rows: T[],
  key: (row: T) => string,
  changes: (a: T, b: T) => string[],
  onRepeat: (first: T, again: T, changed: string[]) => void,
): T[] {
  // An open-addressing table of row indexes keyed by an FNV-1a hash of the key: a year's export is a million
  // rows, and a Map of a million strings cost half a second and ~60 MB where this costs a tenth of that.
  const n = rows.length;
  if (n < 2) return rows;
  let size = 2;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const keys = new Array<string>(n);
  let kept: T[] | null = null;
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const k = key(row);
    keys[i] = k;
    let h = 0x811c9dc5;
    for (let c = 0; c < k.length; c++) h = Math.imul(h ^ k.charCodeAt(c), 0x01000193);
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const j = table[slot]!;
      if (j === -1) {
        table[slot] = i;
        kept?.push(row);
        break;
      }
      if (keys[j] === k) {
        const first = rows[j]!;
        onRepeat(first, row, changes(first, row));
        kept ??= rows.slice(0, i);
        break;
      }
    }
  }
  return kept ?? rows;
}

const RENUMBERED = /#\d+$/;

/**
 * Acquirer rows whose printed reference repeats get `#2`, `#3` from their parser (UniqueIds: a refund row
 * that repeats its payment's id). A `#n` row that is the same as an earlier row of that reference in
 * everything else is the row printed twice, not a second transaction: counted once, with the warning.
 */
function dropRenumberedCopies(
  rows: AcquirerTxn[],
  onRepeat: (first: AcquirerTxn, again: AcquirerTxn, changed: string[]) => void,
): AcquirerTxn[] {
  let byBase: Map<string, AcquirerTxn[]> | null = null;
  let kept: AcquirerTxn[] | null = null;
  rows.forEach((row, i) => {
    if (row.id.indexOf('#') < 0 || !RENUMBERED.test(row.id)) {
      kept?.push(row);
      return;
    }
    if (!byBase) {
      byBase = new Map();
      for (const r of rows) if (r.id.indexOf('#') < 0) byBase.set(r.id, [r]);
    }
    const base = row.id.replace(RENUMBERED, '');
    const earlier = byBase.get(base) ?? [];
    const same = earlier.find(e => txnChanges(e, row).every(f => f === 'id'));
    if (same) {
      onRepeat(same, row, []);
      kept ??= rows.slice(0, i);
      return;
    }
    earlier.push(row);
    byBase.set(base, earlier);
    kept?.push(row);
  });
  return kept ?? rows;
}

/** One file's rows as read, for merging; `complete` when the file was read with no issue at all. */
export interface Reading<T> {
  readonly file: string;
  readonly complete: boolean;
  readonly rows: readonly T[];
}

/** Rows of several readings, each identity once, and the changes between readings as warnings. */
export interface Merged<T> {
  readonly rows: T[];
  /** Same identity, other content: which file's reading was kept, on the line of the row that lost. */
  readonly changes: { readonly file: string; readonly issue: ParseIssue }[];
}

/**
 * The rows of readings added in order (the order files were named or imported), each identity once. A
 * row seen before with the same content adds nothing; with other content the complete reading wins (a
 * file read without issues beats a cut one), else the later one, so a later full export repairs an
 * earlier cut one. Each identity keeps the place of its first appearance: the same file twice reads as
 * the file once. Hosts that import file by file (the ledger) keep one index and add each file to it.
 */
export class IdentityIndex<T extends { readonly id: string; readonly line: number }> {
  /** The merged rows, in the order of each identity's first appearance. */
  readonly rows: T[] = [];
  private readonly slot = new Map<string, number>();
  private readonly from: { readonly file: string; readonly complete: boolean }[] = [];

  constructor(
    private readonly key: (row: T) => string,
    private readonly changes: (a: T, b: T) => string[],
  ) {}

  /** Adds one file's rows: how many were new, which replaced a row held (old and new), and the changes as warnings. */
  add(reading: Reading<T>): { added: number; replaced: { readonly held: T; readonly row: T }[]; changes: Merged<T>['changes'] } {
    let added = 0;
    const replaced: { held: T; row: T }[] = [];
    const out: { file: string; issue: ParseIssue }[] = [];
    for (const row of reading.rows) {
      const k = this.key(row);
      const at = this.slot.get(k);
      if (at === undefined) {
        this.slot.set(k, this.rows.length);
        this.rows.push(row);
        this.from.push(reading);
        added++;
        continue;
      }
      const held = this.rows[at]!;
      const changed = this.changes(held, row);
      if (changed.length === 0) continue;
      const heldFrom = this.from[at]!;
      const replace = reading.complete || !heldFrom.complete;
      const [kept, keptFrom, lost, lostFrom] = replace ? [row, reading, held, heldFrom] : [held, heldFrom, row, reading];
      out.push({
        file: lostFrom.file,
        issue: codedIssue(lost.line, changed[0]!, 'warning', {
          code: 'read_differently',
          params: { id: row.id, file: keptFrom.file, line: kept.line, fields: changed, complete: keptFrom.complete },
        }),
      });
      if (replace) {
        this.rows[at] = row;
        this.from[at] = reading;
        replaced.push({ held, row });
      }
    }
    return { added, replaced, changes: out };
  }
}

/** Merges readings given in order (see IdentityIndex): each identity once, the changes as warnings. */
export function mergeReadings<T extends { readonly id: string; readonly line: number }>(
  readings: readonly Reading<T>[],
  key: (row: T) => string,
  changes: (a: T, b: T) => string[],
): Merged<T> {
  if (readings.length === 1) return { rows: [...readings[0]!.rows], changes: [] };
  const index = new IdentityIndex(key, changes);
  const out = readings.flatMap(r => index.add(r).changes);
  return { rows: index.rows, changes: out };
}

/** Merges bank statements: each (account, id) once; the statement periods stay, all of them (their union). */
export function mergeBankReadings(
  readings: readonly (Reading<BankLine> & { readonly periods: readonly StatementPeriod[] })[],
): Merged<BankLine> & { periods: StatementPeriod[] } {
  return { ...mergeReadings(readings, bankLineKey, bankLineChanges), periods: readings.flatMap(r => r.periods) };
}

/** Merges the exports of one acquirer profile: each reference once. */
export function mergeTxnReadings(readings: readonly Reading<AcquirerTxn>[]): Merged<AcquirerTxn> {
  return mergeReadings(readings, t => t.id, txnChanges);
}
