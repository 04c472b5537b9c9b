import { dateIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseResult } from '../../model/types';
import { parseDate } from '../../model/date';
import { minorDigits } from '../../model/money';
import { readTable, type TableSpec } from '../table';
import { IssueLog, UniqueIds, acquirerResult, currencyCode, makeTxn, negate, readMoney } from './acquirer-rows';

const FORMAT = 'clearhaus';

type Field =
  'merchantId' | 'id' | 'settled' | 'currency' | 'periodEnd' | 'payoutAmount' | 'payoutDate' | 'fees' | 'net' | 'payoutReference';

// Clearhaus settlements export: one row per settlement period, with its payout to the bank.
const SPEC: TableSpec<Field> = {
  fields: {
    merchantId: ['merchant_id'],
    id: ['id'],
    settled: ['settled'],
    currency: ['currency'],
    periodEnd: ['period_end_date'],
    payoutAmount: ['payout_amount'],
    payoutDate: ['payout_date'],
    fees: ['summary_fees'],
    net: ['summary_net'],
    payoutReference: ['payout_reference_number'],
  },
  required: ['merchantId', 'id', 'settled', 'currency', 'payoutAmount', 'payoutDate', 'fees', 'net', 'payoutReference'],
};

/**
 * Clearhaus settlements: each settled row is one payout (net = payout_amount, the money the bank
 * receives; fee = −summary_fees; gross = net + fee). The open settlement (`settled` false) has no payout yet.
 */
export const clearhaus: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string): number {
    const top = head.slice(0, 4096);
    return top.includes('payout_reference_number') && top.includes('summary_net') && top.includes('merchant_id') ? 0.95 : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    const ids = new UniqueIds();
    const txns: AcquirerTxn[] = [];
    const merchants = new Set<string>();
    const info = readTable(
      bytes,
      SPEC,
      ({ line, cells }, col) => {
        const cell = (f: Field): string => (col[f] >= 0 ? (cells[col[f]] ?? '') : '');
        const name = (f: Field): string => SPEC.fields[f][0]!;
        const merchant = cell('merchantId');
        if (merchant) merchants.add(merchant);
        const settled = cell('settled').toLowerCase();
        if (settled !== 'true' && settled !== 'false') {
          log.error(line, name('settled'), { code: 'neither_of', params: { text: cell('settled'), options: ['true', 'false'] } });
          return;
        }
        const currency = currencyCode(cell('currency'));
        if (!currency) {
          log.error(line, name('currency'), { code: 'not_currency_code', params: { text: cell('currency'), threeLetter: false } });
          return;
        }
        const opts = { digits: minorDigits(currency), decimal: '.' as const };
        const net = readMoney(log, line, name('net'), cell('net'), opts);
        const fees = readMoney(log, line, name('fees'), cell('fees'), opts);
        if (net === null || fees === null) return;
        if (settled === 'false') {
          if (net !== 0) log.warn(line, name('settled'), { code: 'open_settlement', params: {} });
          return;
        }
        const id = cell('id');
        if (!id) {
          log.error(line, name('id'), { code: 'empty_cell', params: { what: 'value' } });
          return;
        }
        const payout = readMoney(log, line, name('payoutAmount'), cell('payoutAmount'), { ...opts, empty: null });
        const payoutDate = parseDate(cell('payoutDate'));
        if (!payoutDate) {
          log.error(line, name('payoutDate'), dateIssue(cell('payoutDate')));
          return;
        }
        const periodEnd = cell('periodEnd') ? parseDate(cell('periodEnd')) : payoutDate;
        if (!periodEnd) {
          log.error(line, name('periodEnd'), dateIssue(cell('periodEnd')));
          return;
        }
        if (payout === null) return;
        // A rolling reserve is withheld from summary_net; the bank only sees payout_amount.
        if (payout !== net) log.warn(line, name('payoutAmount'), { code: 'reserve_withheld', params: { difference: net - payout } });
        const feeMinor = negate(fees);
        txns.push(
          makeTxn({
            id: ids.take(id),
            kind: 'payout',
            at: `${periodEnd}T00:00:00`,
            grossMinor: payout + feeMinor,
            feeMinor,
            netMinor: payout,
            currency,
            merchantId: merchant || null,
            payoutId: cell('payoutReference') || id,
            settlementDate: payoutDate,
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
        params: {
          report: 'clearhaus',
          columns: [
            'merchant_id',
            'id',
            'settled',
            'currency',
            'payout_amount',
            'payout_date',
            'summary_fees',
            'summary_net',
            'payout_reference_number',
          ],
        },
      });
    return acquirerResult(FORMAT, txns, log, merchants);
  },
};
