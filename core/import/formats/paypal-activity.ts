import type { AcquirerTxn, Format, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime, type DateOrder } from '../../model/date';
import { minorDigits } from '../../model/money';
import type { TableRow, TableSpec } from '../table';
import { IssueLog, UniqueIds, acquirerResult, currencyCode, makeTxn, negate, readAllRows, readMoney } from './acquirer-rows';
import { abbreviationOffset, ianaZone, instantIn } from './zone-names';

const FORMAT = 'paypal-activity';

type Field = 'date' | 'time' | 'timeZone' | 'type' | 'status' | 'currency' | 'gross' | 'fee' | 'net'
  | 'transactionId' | 'referenceTxnId' | 'balanceImpact';

// PayPal's activity download ("Download.CSV"): every field quoted, long and short column sets,
// so columns are found by name. "Time Zone" is spelled both ways across locales.
const SPEC: TableSpec<Field> = {
  fields: {
    date: ['Date'], time: ['Time'], timeZone: ['TimeZone', 'Time Zone'], type: ['Type'], status: ['Status'],
    currency: ['Currency'], gross: ['Gross'], fee: ['Fee'], net: ['Net'], transactionId: ['Transaction ID'],
    referenceTxnId: ['Reference Txn ID'], balanceImpact: ['Balance Impact'],
  },
  required: ['date', 'type', 'currency', 'gross', 'net', 'transactionId'],
};

// Rows that never moved money: authorizations, denied or cancelled payments.
const SKIPPED_STATUS = new Set(['denied', 'failed', 'canceled', 'cancelled', 'voided']);
// Zones of locales whose PayPal prints month first (the US export); others print day first.
const MONTH_FIRST_ZONES = new Set(['PST', 'PDT', 'MST', 'MDT', 'CST', 'CDT', 'EST', 'EDT', 'AKST', 'AKDT', 'HST']);

function kindOf(type: string, grossMinor: number): TxnKind {
  const t = type.toLowerCase();
  if (t.includes('withdraw') || t.includes('transfer to bank')) return 'payout';
  if (t.includes('refund')) return 'refund';
  if (t.includes('fee')) return 'fee';
  if (t.includes('chargeback') || t.includes('reversal')) return grossMinor < 0 ? 'chargeback' : 'adjustment';
  if (grossMinor > 0 && (t.includes('payment') || t.includes('received') || t.includes('donation'))) return 'sale';
  return 'adjustment';
}

/**
 * The date order of the whole file, from its values: day-first if any first number exceeds 12,
 * month-first if any second one does, day-first for dotted dates; else from the zone, with a warning.
 */
function dateOrderOf(dates: { text: string; line: number }[], zones: string[], log: IssueLog): DateOrder {
  let dayFirst = false, monthFirst = false;
  for (const { text } of dates) {
    if (/^\d{4}/.test(text)) return 'ymd';
    const m = /^(\d{1,2})([./-])(\d{1,2})[./-]\d{2,4}/.exec(text.trim());
    if (!m) continue;
    if (m[2] === '.' || Number(m[1]) > 12) dayFirst = true;
    if (Number(m[3]) > 12) monthFirst = true;
  }
  if (dayFirst !== monthFirst) return dayFirst ? 'dmy' : 'mdy';
  const first = dates[0]?.line ?? 1;
  if (dayFirst && monthFirst) {
    log.error(first, 'Date', 'dates are written both day-first and month-first in one file');
    return 'dmy';
  }
  const order: DateOrder = zones.some(z => MONTH_FIRST_ZONES.has(z.toUpperCase())) ? 'mdy' : 'dmy';
  if (dates.some(d => /^\d{1,2}[/-]\d{1,2}[/-]/.test(d.text.trim()) && !/^(\d{1,2})[/-]\1[/-]/.test(d.text.trim()))) {
    log.warn(first, 'Date', `no day above 12 in this file, so its date order is taken from the time zone as ${order === 'mdy' ? 'month/day/year' : 'day/month/year'}`);
  }
  return order;
}

/** The decimal mark of the whole file: the mark before the last two digits of Gross/Fee/Net (`1,500.00` vs `1.234,56`). */
function decimalOf(values: string[]): '.' | ',' {
  for (const v of values) {
    const m = /([.,])\d{2}$/.exec(v.trim());
    if (m) return m[1] as '.' | ',';
  }
  return '.';
}

/** PayPal activity download: signed Gross/Fee/Net, locale-dependent dates and decimals, Memo rows skipped. */
export const paypalActivity: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string): number {
    const top = head.slice(0, 8192);
    return /"?Date"?,\s*"?Time"?,\s*"?Time ?Zone"?,\s*"?Name"?,\s*"?Type"?,\s*"?Status"?/i.test(top)
      && /Transaction ID/i.test(top) && /"?Gross"?,\s*"?Fee"?,\s*"?Net"?/i.test(top) ? 0.9 : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    // Two passes: the date order and decimal mark are decided from all the rows.
    const { rows, columns: col, headerLine } = readAllRows(bytes, SPEC, log, ctx.onProgress);
    if (!col) {
      log.error(1, '(header)', 'no PayPal activity header found (needs Date, Type, Currency, Gross, Net, Transaction ID)');
      return acquirerResult(FORMAT, [], log);
    }
    const cell = (row: TableRow, f: Field): string => (col[f] >= 0 ? row.cells[col[f]] ?? '' : '');
    const name = (f: Field): string => SPEC.fields[f][0]!;
    const moving = rows.filter(r => cell(r, 'balanceImpact').toLowerCase() !== 'memo' && !SKIPPED_STATUS.has(cell(r, 'status').toLowerCase()));
    const order = dateOrderOf(moving.map(r => ({ text: cell(r, 'date'), line: r.line })), moving.map(r => cell(r, 'timeZone')), log);
    const decimal = decimalOf(moving.flatMap(r => [cell(r, 'gross'), cell(r, 'fee'), cell(r, 'net')]));
    const ids = new UniqueIds();
    const txns: AcquirerTxn[] = [];
    const unknownZones = new Set<string>();
    for (const row of moving) {
      const { line } = row;
      const id = cell(row, 'transactionId');
      if (!id) { log.error(line, name('transactionId'), 'is empty'); continue; }
      const when = parseLocalDateTime(`${cell(row, 'date')} ${cell(row, 'time')}`.trim(), order);
      if (!when) { log.error(line, name('date'), `"${cell(row, 'date')} ${cell(row, 'time')}" is not a date and time`); continue; }
      const currency = currencyCode(cell(row, 'currency'));
      if (!currency) { log.error(line, name('currency'), `"${cell(row, 'currency')}" is not a currency code`); continue; }
      const opts = { digits: minorDigits(currency), decimal };
      const gross = readMoney(log, line, name('gross'), cell(row, 'gross'), { ...opts, empty: null });
      const fee = readMoney(log, line, name('fee'), cell(row, 'fee'), opts);
      const net = readMoney(log, line, name('net'), cell(row, 'net'), { ...opts, empty: null });
      if (gross === null || fee === null || net === null) continue;
      if (gross + fee !== net) log.warn(line, name('net'), 'Net is not Gross + Fee');
      const zoneText = cell(row, 'timeZone');
      const offset = zoneText ? abbreviationOffset(zoneText) : null;
      const iana = zoneText && offset === null ? ianaZone(zoneText) : null;
      if (zoneText && offset === null && !iana) unknownZones.add(zoneText);
      const kind = kindOf(cell(row, 'type'), gross);
      // PayPal prints the fee negative; a charged fee is positive here. A withdrawal leaves the
      // PayPal balance negative: it is shown as the positive amount the bank receives.
      const payout = kind === 'payout';
      const feeMinor = negate(fee);
      const netMinor = payout ? negate(gross) : net;
      const reference = cell(row, 'referenceTxnId');
      txns.push(makeTxn({
        id: ids.take(id), kind, at: instantIn(when.date, when.time, offset !== null ? { offset } : iana ? { iana } : null),
        grossMinor: payout ? netMinor + feeMinor : gross, feeMinor, netMinor, currency,
        payoutId: payout ? id : null, settlementDate: payout ? when.date : null,
        originalId: kind === 'refund' || kind === 'chargeback' ? reference || null : null, line,
      }));
    }
    for (const z of unknownZones) log.warn(headerLine || 1, 'TimeZone', `time zone "${z}" is not known; those times are kept without an offset`);
    return acquirerResult(FORMAT, txns, log);
  },
};
