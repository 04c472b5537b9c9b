import { dateIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime, type LocalDateTime } from '../../model/date';
import { normalizeHeader } from '../table';
import { cellText, readWorkbook, type Cell, type WorkbookResult } from '../sheet/index';
import { isZip, readZip } from '../zip';
import { IssueLog, UniqueIds, acquirerResult, makeTxn, negate, readMoney, withDirection } from './acquirer-rows';
import { instantIn } from './zone-names';

const FORMAT = 'zettle';
// Zettle prints no currency; the Danish-language reports this reader knows are in kroner.
const CURRENCY = 'DKK';

const RECEIPT_HEADERS = ['Dato', 'Tid', 'Kvitteringsnummer', 'Total', 'Afgift', 'Netto'];
const STATEMENT_HEADERS = ['Afregningsdato', 'Betalingsdato', 'Reference', 'Type', 'Netto', 'Saldo'];
// Receipts paid outside Zettle's card acquiring never reach the bank through a Zettle payout.
const NOT_ZETTLE_MONEY = /kontant|cash|mobilepay|faktura|invoice/i;

type Layout = { kind: 'receipts' | 'statement'; sheet: number; headerRow: number; columns: Map<string, number> };

// sniff and parse see the same bytes: the workbook is read once.
const workbooks = new WeakMap<Uint8Array, WorkbookResult>();
function workbookOf(bytes: Uint8Array): WorkbookResult {
  let wb = workbooks.get(bytes);
  if (!wb) {
    wb = readWorkbook(bytes);
    workbooks.set(bytes, wb);
  }
  return wb;
}

/** Finds the header row (after Zettle's preamble of period, payee and payment-institution lines). */
function layoutOf(wb: WorkbookResult): Layout | null {
  if (!wb.ok) return null;
  for (const [sheet, { rows }] of wb.sheets.entries()) {
    for (let r = 0; r < Math.min(rows.length, 40); r++) {
      const names = rows[r]!.map(c => normalizeHeader(c.text));
      for (const [kind, wanted] of [
        ['receipts', RECEIPT_HEADERS],
        ['statement', STATEMENT_HEADERS],
      ] as const) {
        if (wanted.every(h => names.includes(normalizeHeader(h)))) {
          const columns = new Map(
            names
              .map((n, i) => [n, i] as const)
              .filter(([n]) => n !== '')
              .reverse(),
          );
          return { kind, sheet, headerRow: r, columns };
        }
      }
    }
  }
  return null;
}

/**
 * A cheap first look before reading a whole workbook: Zettle's header names are shared strings,
 * so a workbook whose shared strings lack them (another bank's .xlsx, an Alipay zip) is not Zettle.
 * A workbook with no shared strings (the account statement writes inline strings) is read in full.
 */
function mayBeZettle(bytes: Uint8Array): boolean {
  const parts = readZip(bytes, name => name === 'xl/sharedStrings.xml' || name === 'xl/workbook.xml');
  if (typeof parts === 'string' || !parts.has('xl/workbook.xml')) return false;
  const strings = parts.get('xl/sharedStrings.xml');
  const text = strings ? new TextDecoder('utf-8').decode(strings) : '';
  if (!text.includes('<si')) return true;
  return text.includes('Netto') && (text.includes('Kvitteringsnummer') || text.includes('Afregningsdato'));
}

/** A date cell as a local date-time: the stored Excel serial when there is one, else `13.08.2021` text. */
function when(cell: Cell | undefined): LocalDateTime | null {
  if (!cell) return null;
  const text = cellText(cell);
  return parseLocalDateTime(text, 'dmy');
}

/** Zettle (PayPal POS) XLSX reports: the receipts report and the account statement, Danish headers. */
export const zettle: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(_head: string, bytes: Uint8Array): number {
    return isZip(bytes) && mayBeZettle(bytes) && layoutOf(workbookOf(bytes)) ? 0.95 : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    const wb = workbookOf(bytes);
    if (!wb.ok) {
      log.error(1, '(file)', wb.problem);
      return acquirerResult(FORMAT, [], log);
    }
    const layout = layoutOf(wb);
    if (!layout) {
      log.error(1, '(header)', { code: 'no_zettle_header', params: { receipts: RECEIPT_HEADERS, statement: STATEMENT_HEADERS } });
      return acquirerResult(FORMAT, [], log);
    }
    const rows = wb.sheets[layout.sheet]!.rows;
    const txns = layout.kind === 'receipts' ? readReceipts(rows, layout, log) : readStatement(rows, layout, log);
    ctx.onProgress?.(1);
    return acquirerResult(FORMAT, txns, log);
  },
};

function accessor(rows: Cell[][], layout: Layout) {
  return (r: number, name: string): Cell | undefined => {
    const c = layout.columns.get(normalizeHeader(name));
    return c === undefined ? undefined : rows[r]![c];
  };
}

function readReceipts(rows: Cell[][], layout: Layout, log: IssueLog): AcquirerTxn[] {
  const at = accessor(rows, layout);
  const text = (r: number, name: string): string => {
    const c = at(r, name);
    return c ? cellText(c) : '';
  };
  const ids = new UniqueIds();
  const txns: AcquirerTxn[] = [];
  let offBook = 0,
    firstOffBook = 0;
  for (let r = layout.headerRow + 1; r < rows.length; r++) {
    const line = r + 1;
    const filled = rows[r]!.filter(c => c.text.trim() !== '').length;
    if (filled === 0) continue;
    const date = when(at(r, 'Dato'));
    // The report ends with a blank row and a note on VAT: a row without a date and few cells.
    if (!date && filled < 3) break;
    if (!date) {
      log.error(line, 'Dato', dateIssue(text(r, 'Dato')));
      continue;
    }
    const timeCell = at(r, 'Tid');
    const time = timeCell ? (when(timeCell)?.time ?? parseLocalDateTime(`${date.date} ${text(r, 'Tid')}`)?.time ?? null) : date.time;
    const method = text(r, 'Betalingsmetode');
    if (NOT_ZETTLE_MONEY.test(method)) {
      if (offBook++ === 0) firstOffBook = line;
      continue;
    }
    const total = readMoney(log, line, 'Total', text(r, 'Total'), { empty: null });
    const fee = readMoney(log, line, 'Afgift', text(r, 'Afgift'));
    const net = readMoney(log, line, 'Netto', text(r, 'Netto'), { empty: null });
    if (total === null || fee === null || net === null) continue;
    const event = text(r, 'Hændelsestype').toLowerCase();
    // Køb is a purchase; Refusion/Retur/Tilbagebetaling a refund. The event, not the printed sign, gives the direction.
    const kind: TxnKind = /refus|retur|tilbage/.test(event) ? 'refund' : 'sale';
    const direction = kind === 'sale' ? 1 : -1;
    const grossMinor = withDirection(total, direction);
    const netMinor = withDirection(net, direction);
    if (Math.abs(grossMinor - netMinor) !== Math.abs(fee)) log.warn(line, 'Afgift', { code: 'fee_not_difference', params: {} });
    const receipt = text(r, 'Kvitteringsnummer');
    if (!receipt) {
      log.error(line, 'Kvitteringsnummer', { code: 'empty_cell', params: { what: 'value' } });
      continue;
    }
    txns.push(
      makeTxn({
        id: ids.take(receipt),
        kind,
        at: instantIn(date.date, time, null),
        grossMinor,
        feeMinor: grossMinor - netMinor,
        netMinor,
        currency: CURRENCY,
        card: text(r, 'Sidste cifre') || null,
        line,
      }),
    );
  }
  if (offBook > 0) log.warn(firstOffBook, 'Betalingsmetode', { code: 'left_out_rows', params: { count: offBook, why: 'zettle_off_book' } });
  return txns;
}

interface Booking {
  line: number;
  type: string;
  reference: string;
  settled: LocalDateTime;
  paid: LocalDateTime | null;
  net: number;
}

/**
 * The account statement lists Zettle balance bookings newest first. Card payments carry their fee
 * as a separate Gebyr row with the same Reference and payment time (folded into the sale here);
 * each "Udbetaling til bankkonto" empties the balance into the bank, so every booking since the
 * previous payout belongs to it.
 */
function readStatement(rows: Cell[][], layout: Layout, log: IssueLog): AcquirerTxn[] {
  const at = accessor(rows, layout);
  const text = (r: number, name: string): string => {
    const c = at(r, name);
    return c ? cellText(c) : '';
  };
  const bookings: Booking[] = [];
  for (let r = layout.headerRow + 1; r < rows.length; r++) {
    const line = r + 1;
    if (rows[r]!.every(c => c.text.trim() === '')) continue;
    const settled = when(at(r, 'Afregningsdato'));
    if (!settled) {
      log.error(line, 'Afregningsdato', dateIssue(text(r, 'Afregningsdato')));
      continue;
    }
    const paidText = text(r, 'Betalingsdato');
    const paid = paidText ? when(at(r, 'Betalingsdato')) : null;
    if (paidText && !paid) {
      log.error(line, 'Betalingsdato', dateIssue(paidText));
      continue;
    }
    const type = text(r, 'Type');
    if (!type) {
      log.error(line, 'Type', { code: 'empty_cell', params: { what: 'value' } });
      continue;
    }
    const net = readMoney(log, line, 'Netto', text(r, 'Netto'), { empty: null });
    if (net === null) continue;
    bookings.push({ line, type, reference: text(r, 'Reference'), settled, paid, net });
  }
  // Oldest first, whichever way the file is sorted.
  const stamp = (b: Booking): string => `${b.settled.date}T${b.settled.time ?? ''}`;
  if (bookings.length > 1 && stamp(bookings[0]!) > stamp(bookings[bookings.length - 1]!)) bookings.reverse();

  const key = (b: Booking): string => `${b.reference}|${b.paid ? stamp({ ...b, settled: b.paid }) : ''}`;
  const payments = new Map<string, Booking>();
  for (const b of bookings) if (b.type === 'Kortbetaling' && b.reference) payments.set(key(b), b);
  const feeOf = new Map<Booking, number>();
  const folded = new Set<Booking>();
  for (const b of bookings) {
    const sale = b.type === 'Gebyr' ? payments.get(key(b)) : undefined;
    if (sale) {
      feeOf.set(sale, (feeOf.get(sale) ?? 0) - b.net);
      folded.add(b);
    }
  }

  const ids = new UniqueIds();
  const txns: AcquirerTxn[] = [];
  let batch: AcquirerTxn[] = [];
  let batchNet = 0;
  for (const b of bookings) {
    if (folded.has(b)) {
      batchNet += b.net;
      continue;
    }
    const kind = statementKind(b.type);
    const instant = b.paid ?? b.settled;
    const printedId = b.reference || `${b.type} ${b.settled.date} ${b.settled.time ?? ''}`.trim();
    if (kind === 'payout') {
      // A payout is shown as the positive amount the bank receives.
      const payoutId = ids.take(printedId);
      const paidOut = negate(b.net);
      if (batchNet !== paidOut)
        log.warn(b.line, 'Netto', { code: 'payout_differs', params: { payout: String(paidOut / 100), bookings: String(batchNet / 100) } });
      const payout = makeTxn({
        id: payoutId,
        kind,
        at: instantIn(b.settled.date, b.settled.time, null),
        grossMinor: paidOut,
        feeMinor: 0,
        netMinor: paidOut,
        currency: CURRENCY,
        payoutId,
        settlementDate: b.settled.date,
        line: b.line,
      });
      txns.push(...batch.map(t => ({ ...t, payoutId, settlementDate: b.settled.date })), payout);
      batch = [];
      batchNet = 0;
      continue;
    }
    const feeMinor = kind === 'sale' ? (feeOf.get(b) ?? 0) : 0;
    batch.push(
      makeTxn({
        id: ids.take(printedId),
        kind,
        at: instantIn(instant.date, instant.time, null),
        grossMinor: b.net,
        feeMinor,
        netMinor: b.net - feeMinor,
        currency: CURRENCY,
        line: b.line,
      }),
    );
    batchNet += b.net;
  }
  txns.push(...batch); // bookings after the last payout: not paid out yet
  return txns.sort((a, b) => a.line - b.line);
}

function statementKind(type: string): TxnKind {
  const t = type.toLowerCase();
  if (t.startsWith('udbetaling')) return 'payout';
  if (t === 'kortbetaling') return 'sale';
  if (t.includes('gebyr') && !t.includes('bonus')) return 'fee';
  if (/refus|tilbagebetal/.test(t)) return 'refund';
  if (/tilbageførsel|chargeback|indsigelse/.test(t)) return 'chargeback';
  return 'adjustment';
}
