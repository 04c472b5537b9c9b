import { dateIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime, type DateOrder } from '../../model/date';
import { minorDigits } from '../../model/money';
import type { TableRow, TableSpec } from '../table';
import { IssueLog, UniqueIds, acquirerResult, currencyCode, makeTxn, negate, readAllRows, readMoney } from './acquirer-rows';
import { abbreviationOffset, ianaZone, instantIn } from './zone-names';

const FORMAT = 'paypal-activity';

type Field =
  | 'date'
  | 'time'
  | 'timeZone'
  | 'name'
  | 'type'
  | 'status'
  | 'currency'
  | 'gross'
  | 'fee'
  | 'net'
  | 'amount'
  | 'transactionId'
  | 'receiptId'
  | 'referenceTxnId'
  | 'balanceImpact';

// Three PayPal layouts, columns found by name: the activity download ("Download.CSV": Type, Status, Gross/Fee/Net,
// Balance Impact), the monthly statement CSV (Description for the type, no Status; in English or Spanish:
// Fecha, Descripción, Bruto, Comisión, Neto, Id. de transacción) and the short "balance affecting" activity
// download (`Date, Time, Time Zone, Name, Type, Status, Currency, Amount, Receipt ID, Balance`: one signed
// Amount and no Transaction ID). "Time Zone" is spelled both ways across locales.
const SPEC: TableSpec<Field> = {
  fields: {
    date: ['Date', 'Fecha'],
    time: ['Time', 'Hora'],
    timeZone: ['TimeZone', 'Time Zone', 'Zona horaria'],
    name: ['Name', 'Nombre'],
    type: ['Type', 'Description', 'Tipo', 'Descripción'],
    status: ['Status', 'Estado'],
    currency: ['Currency', 'Divisa', 'Moneda'],
    gross: ['Gross', 'Bruto'],
    fee: ['Fee', 'Comisión', 'Tarifa'],
    net: ['Net', 'Neto'],
    amount: ['Amount', 'Importe'],
    transactionId: ['Transaction ID', 'Id. de transacción'],
    receiptId: ['Receipt ID', 'Id. de recibo'],
    referenceTxnId: ['Reference Txn ID', 'Id. de referencia de trans.'],
    balanceImpact: ['Balance Impact', 'Impacto en el saldo'],
  },
  required: ['date', 'type', 'currency'],
};

// Rows that never moved money: authorizations, denied or cancelled payments (English and Spanish).
const SKIPPED_STATUS = new Set(['denied', 'failed', 'canceled', 'cancelled', 'voided', 'denegado', 'fallido', 'cancelado', 'anulado']);
// Zones of locales whose PayPal prints month first (the US export); others print day first.
const MONTH_FIRST_ZONES = new Set([
  'PST',
  'PDT',
  'MST',
  'MDT',
  'CST',
  'CDT',
  'EST',
  'EDT',
  'AKST',
  'AKDT',
  'HST',
  'AMERICA/LOS_ANGELES',
  'AMERICA/DENVER',
  'AMERICA/PHOENIX',
  'AMERICA/CHICAGO',
  'AMERICA/NEW_YORK',
  'AMERICA/ANCHORAGE',
  'PACIFIC/HONOLULU',
]);

function kindOf(type: string, grossMinor: number): TxnKind {
  const t = type.toLowerCase();
  if (t.includes('withdraw') || t.includes('transfer to bank') || t.includes('retirada') || t.includes('transferencia al banco'))
    return 'payout';
  if (t.includes('refund') || t.includes('reembolso')) return 'refund';
  if (t.includes('fee') || t.includes('comisión') || t.includes('tarifa')) return 'fee';
  if (t.includes('chargeback') || t.includes('reversal') || t.includes('contracargo')) return grossMinor < 0 ? 'chargeback' : 'adjustment';
  if (
    grossMinor > 0 &&
    (t.includes('payment') || t.includes('received') || t.includes('donation') || t.includes('pago') || t.includes('donativo'))
  )
    return 'sale';
  return 'adjustment';
}

/**
 * The date order of the whole file, from its values: day-first if any first number exceeds 12,
 * month-first if any second one does, day-first for dotted dates; else from the zone, with a warning.
 */
function dateOrderOf(dates: { text: string; line: number }[], zones: string[], log: IssueLog): DateOrder {
  let dayFirst = false,
    monthFirst = false;
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
    log.error(first, 'Date', { code: 'dates_mixed_orders', params: {} });
    return 'dmy';
  }
  const order: DateOrder = zones.some(z => MONTH_FIRST_ZONES.has(z.toUpperCase())) ? 'mdy' : 'dmy';
  if (dates.some(d => /^\d{1,2}[/-]\d{1,2}[/-]/.test(d.text.trim()) && !/^(\d{1,2})[/-]\1[/-]/.test(d.text.trim()))) {
    log.warn(first, 'Date', { code: 'date_order_from_zone', params: { order } });
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

const HEAD = /^"?(?:Date|Fecha)"?,\s*"?(?:Time|Hora)"?,\s*"?(?:Time ?Zone|Zona horaria)"?,/i;
const MONEY = /"?(?:Gross|Bruto)"?,\s*"?(?:Fee|Comisión|Tarifa)"?,\s*"?(?:Net|Neto)"?/i;
const AMOUNT = /"?Currency"?,\s*"?Amount"?,\s*"?Receipt ID"?,\s*"?Balance"?/i;

/** PayPal activity download and statement CSV: signed Gross/Fee/Net (or one Amount), locale-dependent dates and decimals, Memo rows skipped. */
export const paypalActivity: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string): number {
    const first = head.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
    if (!HEAD.test(first)) return 0;
    if (MONEY.test(first) && /Transaction ID|Id\. de transacción/i.test(first)) return 0.9;
    return AMOUNT.test(first) ? 0.9 : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    // Two passes: the date order and decimal mark are decided from all the rows.
    const { rows, columns: col, headerLine } = readAllRows(bytes, SPEC, log, ctx.onProgress);
    const singleAmount = col !== null && col.amount >= 0 && col.gross < 0;
    if (!col || (!singleAmount && (col.gross < 0 || col.net < 0 || col.transactionId < 0))) {
      log.error(headerLine || 1, '(header)', { code: 'no_paypal_header', params: {} });
      return acquirerResult(FORMAT, [], log);
    }
    const cell = (row: TableRow, f: Field): string => (col[f] >= 0 ? (row.cells[col[f]] ?? '') : '');
    const name = (f: Field): string => SPEC.fields[f][0]!;
    const moving: TableRow[] = [];
    const left: TableRow[] = [];
    for (const r of rows)
      (cell(r, 'balanceImpact').toLowerCase() !== 'memo' && !SKIPPED_STATUS.has(cell(r, 'status').toLowerCase()) ? moving : left).push(r);
    if (left.length > 0) {
      log.warn(left[0]!.line, col.balanceImpact >= 0 ? name('balanceImpact') : name('status'), {
        code: 'left_out_rows',
        params: { count: left.length, why: 'paypal_no_money' },
      });
    }
    if (singleAmount) {
      log.warn(headerLine, name('amount'), { code: 'single_amount', params: {} });
    }
    const order = dateOrderOf(
      moving.map(r => ({ text: cell(r, 'date'), line: r.line })),
      moving.map(r => cell(r, 'timeZone')),
      log,
    );
    const decimal = decimalOf(moving.flatMap(r => [cell(r, 'gross'), cell(r, 'fee'), cell(r, 'net'), cell(r, 'amount')]));
    const ids = new UniqueIds();
    const txns: AcquirerTxn[] = [];
    const unknownZones = new Set<string>();
    for (const row of moving) {
      const { line } = row;
      const when = parseLocalDateTime(`${cell(row, 'date')} ${cell(row, 'time')}`.trim(), order);
      if (!when) {
        log.error(line, name('date'), dateIssue(`${cell(row, 'date')} ${cell(row, 'time')}`, true));
        continue;
      }
      const currency = currencyCode(cell(row, 'currency'));
      if (!currency) {
        log.error(line, name('currency'), { code: 'not_currency_code', params: { text: cell(row, 'currency'), threeLetter: false } });
        continue;
      }
      const opts = { digits: minorDigits(currency), decimal };
      const amount = singleAmount ? readMoney(log, line, name('amount'), cell(row, 'amount'), { ...opts, empty: null }) : undefined;
      const gross = singleAmount ? amount! : readMoney(log, line, name('gross'), cell(row, 'gross'), { ...opts, empty: null });
      const fee = singleAmount ? 0 : readMoney(log, line, name('fee'), cell(row, 'fee'), opts);
      const net = singleAmount ? amount! : readMoney(log, line, name('net'), cell(row, 'net'), { ...opts, empty: null });
      if (gross === null || fee === null || net === null) continue;
      // The short layout has no Transaction ID: its Receipt ID, else when, how much and with whom, stays stable on re-import.
      const id =
        cell(row, 'transactionId') ||
        cell(row, 'receiptId') ||
        (singleAmount ? `paypal:${when.date}T${when.time ?? ''}:${net}:${cell(row, 'name')}` : '');
      if (!id) {
        log.error(line, name('transactionId'), { code: 'empty_cell', params: { what: 'value' } });
        continue;
      }
      if (gross + fee !== net) log.warn(line, name('net'), { code: 'net_not_gross_plus_fee', params: {} });
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
      txns.push(
        makeTxn({
          id: ids.take(id),
          kind,
          at: instantIn(when.date, when.time, offset !== null ? { offset } : iana ? { iana } : null),
          grossMinor: payout ? netMinor + feeMinor : gross,
          feeMinor,
          netMinor,
          currency,
          payoutId: payout ? id : null,
          settlementDate: payout ? when.date : null,
          originalId: kind === 'refund' || kind === 'chargeback' ? reference || null : null,
          line,
        }),
      );
    }
    for (const z of unknownZones) log.warn(headerLine || 1, 'TimeZone', { code: 'unknown_time_zone', params: { zone: z } });
    return acquirerResult(FORMAT, txns, log);
  },
};
