import { dateIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime } from '../../model/date';
import { minorDigits } from '../../model/money';
import { readTable, type TableSpec } from '../table';
import { IssueLog, UniqueIds, acquirerResult, makeTxn, negate, readMoney } from './acquirer-rows';
import { ianaZone, instantIn } from './zone-names';

const FORMAT = 'square';

type Field =
  | 'date'
  | 'time'
  | 'timeZone'
  | 'totalCollected'
  | 'cash'
  | 'otherTender'
  | 'fees'
  | 'netTotal'
  | 'transactionId'
  | 'panSuffix'
  | 'deviceName'
  | 'eventType'
  | 'depositId'
  | 'depositDate';

// Square's transactions export changed its column set over the years (the 37-column export has no
// Service Charges or Deposit *): only the columns read here are needed, found by name.
const SPEC: TableSpec<Field> = {
  fields: {
    date: ['Date'],
    time: ['Time'],
    timeZone: ['Time Zone'],
    totalCollected: ['Total Collected'],
    cash: ['Cash'],
    otherTender: ['Other Tender'],
    fees: ['Fees'],
    netTotal: ['Net Total'],
    transactionId: ['Transaction ID'],
    panSuffix: ['PAN Suffix'],
    deviceName: ['Device Name'],
    eventType: ['Event Type'],
    depositId: ['Deposit ID'],
    depositDate: ['Deposit Date'],
  },
  required: ['date', 'time', 'totalCollected', 'fees', 'netTotal', 'transactionId'],
};

const KINDS: Readonly<Record<string, TxnKind>> = { payment: 'sale', refund: 'refund' };
const CURRENCY_MARK = /^(-?)(?:CA\$|A\$|C\$|[$£€¥￥])/;

// Square prints no currency column, only a symbol before each amount. `$` is USD unless the
// seller's time zone is Canadian or Australian (Square sells there in CAD / AUD).
const CANADIAN = /^America\/(Halifax|St_Johns|Regina|Toronto|Vancouver|Edmonton|Winnipeg)$/;
function currencyOf(amount: string, zone: string | null): string | null {
  const s = amount.replace(/^[-(\s]+/, '');
  if (s.startsWith('£')) return 'GBP';
  if (s.startsWith('€') || /€$/.test(s)) return 'EUR';
  if (s.startsWith('¥') || s.startsWith('￥')) return 'JPY';
  if (s.startsWith('A$')) return 'AUD';
  if (s.startsWith('CA$') || s.startsWith('C$')) return 'CAD';
  if (s.startsWith('$')) {
    if (zone && zone.startsWith('Australia/')) return 'AUD';
    if (zone && CANADIAN.test(zone)) return 'CAD';
    return 'USD';
  }
  return null;
}

/** Square transactions export (old 37-column and newer column sets): card money only, Deposit ID as payout. */
export const square: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string): number {
    const top = head.slice(0, 8192).toLowerCase();
    return top.includes('total collected') && top.includes('net total') && top.includes('transaction id') && top.includes('time zone')
      ? 0.9
      : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    const ids = new UniqueIds();
    const txns: AcquirerTxn[] = [];
    const unknownZones = new Set<string>();
    let cashOnly = 0,
      firstCashLine = 0;

    const info = readTable(
      bytes,
      SPEC,
      ({ line, cells }, col) => {
        const cell = (f: Field): string => (col[f] >= 0 ? (cells[col[f]] ?? '') : '');
        const name = (f: Field): string => SPEC.fields[f][0]!;
        const transactionId = cell('transactionId');
        if (!transactionId) {
          log.error(line, name('transactionId'), { code: 'empty_cell', params: { what: 'value' } });
          return;
        }
        const when = parseLocalDateTime(`${cell('date')} ${cell('time')}`, 'mdy');
        if (!when) {
          log.error(line, name('date'), dateIssue(`${cell('date')} ${cell('time')}`, true));
          return;
        }
        const zoneText = cell('timeZone');
        const zone = zoneText ? ianaZone(zoneText) : (ctx.timezone ?? null);
        if (zoneText && !zone) unknownZones.add(zoneText);
        const currency = currencyOf(cell('totalCollected'), zone);
        if (!currency) {
          log.error(line, name('totalCollected'), { code: 'no_currency_symbol', params: { text: cell('totalCollected') } });
          return;
        }
        const opts = { digits: minorDigits(currency), decimal: '.' as const };
        // "-$0.95", "CA$1.00": the symbol (already read as the currency) is dropped so the amount is plain.
        const strip = (f: Field): string => cell(f).replace(CURRENCY_MARK, '$1');
        const total = readMoney(log, line, name('totalCollected'), strip('totalCollected'), { ...opts, empty: null });
        const fees = readMoney(log, line, name('fees'), strip('fees'), opts);
        const netTotal = readMoney(log, line, name('netTotal'), strip('netTotal'), { ...opts, empty: null });
        const cash = readMoney(log, line, name('cash'), strip('cash'), opts);
        const other = readMoney(log, line, name('otherTender'), strip('otherTender'), opts);
        if (total === null || fees === null || netTotal === null || cash === null || other === null) return;
        // Cash and other tenders never pass through Square, so they never reach the bank from it.
        const grossMinor = total - cash - other;
        const netMinor = netTotal - cash - other;
        const feeMinor = negate(fees); // Square prints fees negative ("-$0.95"); a charged fee is positive here.
        if (grossMinor === 0 && netMinor === 0 && feeMinor === 0) {
          if (cashOnly++ === 0) firstCashLine = line;
          return;
        }
        if (grossMinor - feeMinor !== netMinor) {
          log.warn(line, name('netTotal'), { code: 'net_mismatch', params: { off: netMinor - (grossMinor - feeMinor) } });
        }
        const eventText = cell('eventType');
        let kind: TxnKind | undefined = KINDS[eventText.toLowerCase()];
        if (!kind) {
          if (eventText) log.warn(line, name('eventType'), { code: 'unknown_record_type', params: { text: eventText, by: 'sign' } });
          kind = grossMinor < 0 ? 'refund' : 'sale';
        }
        const depositText = cell('depositDate');
        const depositDate = depositText ? (parseLocalDateTime(depositText, 'mdy')?.date ?? null) : null;
        if (depositText && !depositDate) {
          log.error(line, name('depositDate'), dateIssue(depositText));
          return;
        }
        txns.push(
          makeTxn({
            // A refund repeats its payment's Transaction ID; the repeat gets a "#2" suffix and points back.
            id: ids.take(transactionId),
            kind,
            at: instantIn(when.date, when.time, zone ? { iana: zone } : null),
            grossMinor,
            feeMinor,
            netMinor,
            currency,
            terminal: cell('deviceName') || null,
            card: cell('panSuffix') || null,
            payoutId: cell('depositId') || null,
            settlementDate: depositDate,
            originalId: kind === 'refund' ? transactionId : null,
            line,
          }),
        );
      },
      { onProgress: ctx.onProgress, chunkBytes: ctx.chunkBytes },
    );

    log.issues.push(...info.issues);
    if (!info.columns)
      log.error(1, '(header)', {
        code: 'no_report_header',
        params: { report: 'square', columns: ['Date', 'Time', 'Total Collected', 'Fees', 'Net Total', 'Transaction ID'] },
      });
    for (const z of unknownZones) log.warn(info.headerLine || 1, 'Time Zone', { code: 'unknown_time_zone', params: { zone: z } });
    if (cashOnly > 0) log.warn(firstCashLine, 'Cash', { code: 'left_out_rows', params: { count: cashOnly, why: 'square_cash' } });
    return acquirerResult(FORMAT, txns, log);
  },
};
