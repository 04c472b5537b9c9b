import { dateIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime } from '../../model/date';
import { minorDigits } from '../../model/money';
import { readTable, type TableSpec } from '../table';
import { IssueLog, UniqueIds, acquirerResult, currencyCode, makeTxn, readMoney } from './acquirer-rows';
import { ADYEN_KINDS, cardTypeOf } from './adyen-sdr';
import { abbreviationOffset, instantIn } from './zone-names';

const FORMAT = 'adyen-par';

type Field =
  | 'merchantAccount'
  | 'pspReference'
  | 'bookingDate'
  | 'timeZone'
  | 'recordType'
  | 'modificationPspReference'
  | 'settlementCurrency'
  | 'payable'
  | 'commission'
  | 'markup'
  | 'schemeFees'
  | 'interchange'
  | 'variant';

// The Payments Accounting Report (Adyen's docs, "Payment accounting report"): one row per status change of a
// payment. Columns are found by name: merchants choose and reorder them in the interactive version.
const SPEC: TableSpec<Field> = {
  fields: {
    merchantAccount: ['Merchant Account'],
    pspReference: ['Psp Reference'],
    bookingDate: ['Booking Date'],
    timeZone: ['TimeZone', 'Time Zone'],
    recordType: ['Record Type'],
    modificationPspReference: ['Modification Psp Reference'],
    settlementCurrency: ['Settlement Currency'],
    payable: ['Payable (SC)'],
    commission: ['Commission (SC)'],
    markup: ['Markup (SC)'],
    schemeFees: ['Scheme Fees (SC)'],
    interchange: ['Interchange (SC)'],
    variant: ['Payment Method Variant'],
  },
  required: ['merchantAccount', 'pspReference', 'bookingDate', 'recordType', 'settlementCurrency', 'payable'],
};

/**
 * Adyen Payments Accounting Report: amounts are signed and move between registers as a payment goes
 * Received → Authorised → SentForSettle → Settled. Only a change of Payable (SC), what Adyen owes the
 * merchant, is money: those rows are read (Settled as sales, Refunded, Chargeback…); the lifecycle rows
 * before them are counted in one warning. The report names no payout batch: bank credits are matched
 * by the profile's settlement delay (the Settlement Details Report carries the batches).
 */
export const adyenPar: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string): number {
    const top = head.slice(0, 8192).toLowerCase();
    return top.includes('record type') && top.includes('payable (sc)') && top.includes('booking date') && top.includes('merchant account')
      ? 0.95
      : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    const ids = new UniqueIds();
    const txns: AcquirerTxn[] = [];
    const merchants = new Set<string>();
    const unknownZones = new Set<string>();
    const unknownTypes = new Set<string>();
    let lifecycle = 0;
    let firstLifecycle = 0;

    const info = readTable(
      bytes,
      SPEC,
      ({ line, cells }, col) => {
        const cell = (f: Field): string => (col[f] >= 0 ? (cells[col[f]] ?? '') : '');
        const header = (f: Field): string => SPEC.fields[f][0]!;
        const typeText = cell('recordType');
        if (!typeText) {
          log.error(line, header('recordType'), { code: 'type_empty', params: { report: 'par' } });
          return;
        }
        const merchant = cell('merchantAccount');
        if (!merchant) {
          log.error(line, header('merchantAccount'), { code: 'empty_cell', params: { what: 'value' } });
          return;
        }
        merchants.add(merchant);
        const payableText = cell('payable');
        const currency = currencyCode(cell('settlementCurrency'));
        if (payableText === '' && !currency) {
          if (lifecycle++ === 0) firstLifecycle = line;
          return;
        }
        if (!currency) {
          log.error(line, header('settlementCurrency'), {
            code: 'not_currency_code',
            params: { text: cell('settlementCurrency'), threeLetter: false },
          });
          return;
        }
        const digits = minorDigits(currency);
        const money = (f: Field): number | null => readMoney(log, line, header(f), cell(f), { digits, decimal: '.' });
        const netMinor = money('payable');
        const fees = (['commission', 'markup', 'schemeFees', 'interchange'] as const).map(money);
        if (netMinor === null || fees.some(f => f === null)) return;
        if (netMinor === 0 && fees.every(f => f === 0)) {
          if (lifecycle++ === 0) firstLifecycle = line;
          return;
        }
        const when = parseLocalDateTime(cell('bookingDate'));
        if (!when) {
          log.error(line, header('bookingDate'), dateIssue(cell('bookingDate'), true));
          return;
        }
        const feeMinor = fees.reduce<number>((a, b) => a + (b ?? 0), 0);
        const known = ADYEN_KINDS[typeText.toLowerCase()];
        if (!known) unknownTypes.add(typeText);
        const kind: TxnKind = known ?? 'adjustment';
        const zoneText = cell('timeZone');
        const offset = zoneText ? abbreviationOffset(zoneText) : null;
        if (zoneText && offset === null) unknownZones.add(zoneText);
        const psp = cell('pspReference');
        const modification = cell('modificationPspReference');
        // A refund or chargeback has its own PSP reference in Modification Psp Reference; Psp Reference is the payment's.
        const refersBack = kind !== 'sale' && modification !== '' && modification !== psp;
        txns.push(
          makeTxn({
            id: ids.take(refersBack ? modification : psp),
            kind,
            at: instantIn(when.date, when.time, offset === null ? null : { offset }),
            grossMinor: netMinor + feeMinor,
            feeMinor,
            netMinor,
            currency,
            merchantId: merchant,
            cardType: cardTypeOf(cell('variant')),
            originalId: refersBack ? psp : null,
            line,
          }),
        );
      },
      { onProgress: ctx.onProgress, chunkBytes: ctx.chunkBytes },
    );

    log.issues.push(...info.issues);
    if (!info.columns) {
      log.error(1, '(header)', {
        code: 'no_report_header',
        params: {
          report: 'adyen_par',
          columns: ['Merchant Account', 'Psp Reference', 'Booking Date', 'Record Type', 'Settlement Currency', 'Payable (SC)'],
        },
      });
      return acquirerResult(FORMAT, [], log);
    }
    if (lifecycle > 0) {
      log.warn(firstLifecycle, 'Payable (SC)', { code: 'left_out_rows', params: { count: lifecycle, why: 'adyen_lifecycle' } });
    }
    for (const zone of unknownZones) log.warn(info.headerLine || 1, 'TimeZone', { code: 'unknown_time_zone', params: { zone } });
    for (const type of unknownTypes)
      log.warn(info.headerLine || 1, 'Record Type', { code: 'unknown_record_type', params: { text: type, by: 'payable' } });
    return acquirerResult(FORMAT, txns, log, merchants);
  },
};
