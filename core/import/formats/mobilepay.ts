import { dateIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime } from '../../model/date';
import { minorDigits } from '../../model/money';
import type { TableRow, TableSpec } from '../table';
import { IssueLog, UniqueIds, acquirerResult, currencyCode, makeTxn, readAllRows, readMoney } from './acquirer-rows';
import { instantIn } from './zone-names';

const FORMAT = 'mobilepay';

type Field =
  | 'event'
  | 'currency'
  | 'amount'
  | 'dateTime'
  | 'mpNumber'
  | 'transactionId'
  | 'transferId'
  | 'paymentPoint'
  | 'shopNumber'
  | 'date'
  | 'time';

// MobilePay MyShop "Transfer overview": `;`-separated, decimal comma, one row per event.
const SPEC: TableSpec<Field> = {
  fields: {
    event: ['Event'],
    currency: ['Currency'],
    amount: ['Amount'],
    dateTime: ['Date and time'],
    mpNumber: ['MP-number'],
    transactionId: ['TransactionID'],
    transferId: ['TransferID'],
    paymentPoint: ['Payment point'],
    shopNumber: ['MyShop-Number'],
    date: ['Date'],
    time: ['Time'],
  },
  required: ['event', 'currency', 'amount', 'transferId'],
};

const KINDS: Readonly<Record<string, TxnKind>> = { payment: 'sale', refund: 'refund', retainable: 'fee', transfer: 'payout' };

interface Event {
  row: TableRow;
  kind: TxnKind;
  amount: number;
  currency: string;
  at: string;
  date: string;
}

/**
 * MobilePay MyShop transfer overview. A Retainable (MobilePay's fee, negative) that names a Payment
 * of the same file becomes that payment's fee, so the sale carries its printed fee; a Transfer is the
 * payout to the bank and its date is the settlement date of every event with its TransferID.
 */
export const mobilepay: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string): number {
    const top = head.slice(0, 4096);
    return /\bEvent\b/.test(top) &&
      top.includes('TransferID') &&
      top.includes('TransactionID') &&
      /MyShop|Payment point|MP-number/.test(top)
      ? 0.95
      : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    const { rows, columns: col } = readAllRows(bytes, SPEC, log, ctx.onProgress);
    if (!col) {
      log.error(1, '(header)', {
        code: 'no_report_header',
        params: { report: 'mobilepay', columns: ['Event', 'Currency', 'Amount', 'TransferID'] },
      });
      return acquirerResult(FORMAT, [], log);
    }
    const cell = (row: TableRow, f: Field): string => (col[f] >= 0 ? (row.cells[col[f]] ?? '') : '');
    const name = (f: Field): string => SPEC.fields[f][0]!;
    const events: Event[] = [];
    const transferDates = new Map<string, string>();
    const feeByPayment = new Map<string, number>();
    const payments = new Set<string>();
    for (const row of rows) {
      const { line } = row;
      const eventText = cell(row, 'event');
      let kind = KINDS[eventText.toLowerCase()];
      if (!eventText) {
        log.error(line, name('event'), { code: 'empty_cell', params: { what: 'value' } });
        continue;
      }
      if (!kind) {
        log.warn(line, name('event'), { code: 'unknown_record_type', params: { text: eventText, by: 'amount' } });
        kind = 'adjustment';
      }
      const currency = currencyCode(cell(row, 'currency'));
      if (!currency) {
        log.error(line, name('currency'), { code: 'not_currency_code', params: { text: cell(row, 'currency'), threeLetter: false } });
        continue;
      }
      const amount = readMoney(log, line, name('amount'), cell(row, 'amount'), {
        digits: minorDigits(currency),
        decimal: ',',
        empty: null,
      });
      if (amount === null) continue;
      // `2021-08-27T03:43:24.0339786+02:00` carries the zone; the Date + Time columns (`03.43.24`) do not.
      const stamp = cell(row, 'dateTime');
      const zone = /([+-])(\d{2}):(\d{2})$|Z$/.exec(stamp);
      const when = stamp
        ? parseLocalDateTime(stamp.replace(/\.\d+(?=[+-]\d{2}:\d{2}$|Z$|$)/, ''))
        : parseLocalDateTime(`${cell(row, 'date')} ${cell(row, 'time')}`);
      if (!when) {
        log.error(line, stamp ? name('dateTime') : name('date'), dateIssue(stamp || cell(row, 'date'), true));
        continue;
      }
      const offset = zone ? (zone[1] ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 0) : null;
      const event: Event = {
        row,
        kind,
        amount,
        currency,
        at: instantIn(when.date, when.time, offset === null ? null : { offset }),
        date: when.date,
      };
      events.push(event);
      const transfer = cell(row, 'transferId');
      if (kind === 'payout' && transfer) transferDates.set(transfer, when.date);
      if (kind === 'sale') payments.add(cell(row, 'transactionId'));
    }
    for (const e of events) {
      const id = cell(e.row, 'transactionId');
      if (e.kind === 'fee' && id && payments.has(id)) feeByPayment.set(id, (feeByPayment.get(id) ?? 0) - e.amount);
    }
    // A Transfer pays out the events that name it: when they do not add up to it, some are not in the file
    // (a file cut short between a Payment and its Retainable reads that payment without its fee: issue 16).
    const eventSums = new Map<string, number>();
    for (const e of events) {
      if (e.kind !== 'payout') eventSums.set(cell(e.row, 'transferId'), (eventSums.get(cell(e.row, 'transferId')) ?? 0) + e.amount);
    }
    for (const e of events) {
      const transfer = cell(e.row, 'transferId');
      const sum = eventSums.get(transfer) ?? 0;
      if (e.kind === 'payout' && transfer && sum !== e.amount) {
        log.warn(e.row.line, name('amount'), { code: 'transfer_sum', params: { amount: e.amount, sum } });
      }
    }
    const ids = new UniqueIds();
    const txns: AcquirerTxn[] = [];
    for (const e of events) {
      const { line } = e.row;
      const transactionId = cell(e.row, 'transactionId');
      const transfer = cell(e.row, 'transferId');
      if (e.kind === 'fee' && feeByPayment.has(transactionId)) continue; // folded into its payment
      const printedId = e.kind === 'payout' ? transfer : transactionId;
      if (!printedId) {
        log.error(line, e.kind === 'payout' ? name('transferId') : name('transactionId'), {
          code: 'empty_cell',
          params: { what: 'value' },
        });
        continue;
      }
      const feeMinor = e.kind === 'sale' ? (feeByPayment.get(transactionId) ?? 0) : 0;
      txns.push(
        makeTxn({
          id: ids.take(printedId),
          kind: e.kind,
          at: e.at,
          grossMinor: e.amount,
          feeMinor,
          netMinor: e.amount - feeMinor,
          currency: e.currency,
          merchantId: cell(e.row, 'shopNumber') || null,
          terminal: cell(e.row, 'paymentPoint') || null,
          card: cell(e.row, 'mpNumber') || null,
          payoutId: transfer || null,
          settlementDate: transferDates.get(transfer) ?? null,
          line,
        }),
      );
    }
    return acquirerResult(
      FORMAT,
      txns,
      log,
      txns.map(t => t.merchantId ?? ''),
    );
  },
};
