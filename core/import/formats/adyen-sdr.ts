import { dateIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime } from '../../model/date';
import { minorDigits } from '../../model/money';
import { readTable, type TableSpec } from '../table';
import { IssueLog, UniqueIds, acquirerResult, currencyCode, makeTxn, negate, readMoney } from './acquirer-rows';
import { abbreviationOffset, instantIn } from './zone-names';

const FORMAT = 'adyen-sdr';

type Field =
  | 'merchantAccount'
  | 'pspReference'
  | 'paymentMethod'
  | 'creationDate'
  | 'timeZone'
  | 'type'
  | 'modificationReference'
  | 'grossCurrency'
  | 'grossDebit'
  | 'grossCredit'
  | 'netCurrency'
  | 'netDebit'
  | 'netCredit'
  | 'commission'
  | 'markup'
  | 'schemeFees'
  | 'interchange'
  | 'variant'
  | 'batchNumber'
  | 'arn';

// Classic 30-column SDR and the 49-column layout share these names; Adyen lets merchants
// reorder and add columns, so every column is found by its header (SmashPig keeps a "reordered" sample).
const SPEC: TableSpec<Field> = {
  fields: {
    merchantAccount: ['Merchant Account'],
    pspReference: ['Psp Reference'],
    paymentMethod: ['Payment Method'],
    creationDate: ['Creation Date'],
    timeZone: ['TimeZone', 'Time Zone'],
    type: ['Type'],
    modificationReference: ['Modification Reference'],
    grossCurrency: ['Gross Currency'],
    grossDebit: ['Gross Debit (GC)'],
    grossCredit: ['Gross Credit (GC)'],
    netCurrency: ['Net Currency'],
    netDebit: ['Net Debit (NC)'],
    netCredit: ['Net Credit (NC)'],
    commission: ['Commission (NC)'],
    markup: ['Markup (NC)'],
    schemeFees: ['Scheme Fees (NC)'],
    interchange: ['Interchange (NC)'],
    variant: ['Payment Method Variant'],
    batchNumber: ['Batch Number'],
    arn: ['ARN'],
  },
  required: ['merchantAccount', 'creationDate', 'type', 'netCurrency', 'netDebit', 'netCredit', 'batchNumber'],
};

/** Record types of the SDR (and the PAR), by lower-case name. */
// Types that refer back to a payment carry its PSP reference in
// `Psp Reference` and their own in `Modification Reference`.
export const ADYEN_KINDS: Readonly<Record<string, TxnKind>> = {
  settled: 'sale',
  settledbulk: 'sale',
  settledexternal: 'sale',
  settledininstallments: 'sale',
  refunded: 'refund',
  refundedbulk: 'refund',
  refundedexternal: 'refund',
  refundedininstallments: 'refund',
  chargeback: 'chargeback',
  secondchargeback: 'chargeback',
  chargebackexternal: 'chargeback',
  chargebackreversed: 'adjustment',
  refundedreversed: 'adjustment',
  depositcorrection: 'adjustment',
  fee: 'fee',
  invoicededuction: 'fee',
  misccosts: 'fee',
  paymentcost: 'fee',
  merchantpayout: 'payout',
};

interface Draft {
  txn: AcquirerTxn;
  batchKey: string | null;
}

/** The card's funding source from an Adyen Payment Method Variant, null when the name does not say. */
export function cardTypeOf(variant: string): 'debit' | 'credit' | null {
  // Adyen variants spell the funding source into the name: visadebit, mccredit, maestro (debit only).
  const v = variant.toLowerCase();
  if (v.includes('debit') || v === 'maestro' || v === 'electron') return 'debit';
  if (v.includes('credit')) return 'credit';
  return null;
}

/** Adyen Settlement Details Report (classic 30 and 49 columns): one row per booking, batches closed by MerchantPayout. */
export const adyenSdr: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string): number {
    const top = head.slice(0, 8192).toLowerCase();
    return top.includes('gross debit (gc)') &&
      top.includes('net credit (nc)') &&
      top.includes('batch number') &&
      top.includes('merchant account')
      ? 0.95
      : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    const ids = new UniqueIds();
    const drafts: Draft[] = [];
    const merchants = new Set<string>();
    const payoutDates = new Map<string, string>();
    const payoutRefs = new Map<string, string>();
    // Each batch's last line and row count, to say which batches the report closes with no payout.
    const batchEnds = new Map<string, { line: number; rows: number; batch: string; merchant: string }>();
    const unknownZones = new Set<string>();
    const unknownTypes = new Set<string>();
    let arnWarned = false;

    const info = readTable(
      bytes,
      SPEC,
      ({ line, cells }, col) => {
        const cell = (f: Field): string => (col[f] >= 0 ? (cells[col[f]] ?? '') : '');
        const header = (f: Field): string => SPEC.fields[f][0]!;
        const typeText = cell('type');
        const kind = ADYEN_KINDS[typeText.toLowerCase()];
        if (!typeText) {
          log.error(line, header('type'), { code: 'type_empty', params: { report: 'sdr' } });
          return;
        }
        const merchant = cell('merchantAccount');
        if (!merchant) {
          log.error(line, header('merchantAccount'), { code: 'empty_cell', params: { what: 'value' } });
          return;
        }
        merchants.add(merchant);
        const when = parseLocalDateTime(cell('creationDate'));
        if (!when) {
          log.error(line, header('creationDate'), dateIssue(cell('creationDate'), true));
          return;
        }
        const currency = currencyCode(cell('netCurrency'));
        if (!currency) {
          log.error(line, header('netCurrency'), { code: 'not_currency_code', params: { text: cell('netCurrency'), threeLetter: false } });
          return;
        }
        const digits = minorDigits(currency);
        const money = (f: Field): number | null => readMoney(log, line, header(f), cell(f), { digits, decimal: '.' });
        const netDebit = money('netDebit'),
          netCredit = money('netCredit');
        const fees = (['commission', 'markup', 'schemeFees', 'interchange'] as const).map(money);
        if (netDebit === null || netCredit === null || fees.some(f => f === null)) return;
        if (!cell('netDebit') && !cell('netCredit')) log.warn(line, header('netDebit'), { code: 'net_empty', params: {} });
        const feeMinor = fees.reduce<number>((a, b) => a + (b ?? 0), 0);
        // Amounts are unsigned: the filled column says the direction.
        let netMinor = netCredit - netDebit;
        let grossMinor = netMinor + feeMinor;
        const grossCurrency = currencyCode(cell('grossCurrency'));
        if (grossCurrency === currency && (cell('grossDebit') || cell('grossCredit'))) {
          const gd = money('grossDebit'),
            gc = money('grossCredit');
          if (gd === null || gc === null) return;
          grossMinor = gc - gd;
        }
        const resolvedKind: TxnKind = kind ?? 'adjustment';
        if (!kind) unknownTypes.add(typeText);
        if (resolvedKind === 'payout') {
          // A MerchantPayout debits the Adyen balance by what it sends to the bank: shown as the
          // positive amount the bank will credit (a Net Credit payout, a returned one, is negative).
          netMinor = negate(netMinor);
          grossMinor = netMinor;
        }
        const zoneText = cell('timeZone');
        const offset = zoneText ? abbreviationOffset(zoneText) : null;
        if (zoneText && offset === null) unknownZones.add(zoneText);
        const psp = cell('pspReference');
        const modification = cell('modificationReference');
        const refersBack = psp !== '' && modification !== '' && resolvedKind !== 'sale' && /^[A-Za-z0-9]+$/.test(modification);
        const printedId = refersBack ? modification : psp || modification || `${merchant} ${typeText} batch ${cell('batchNumber')}`;
        const batch = cell('batchNumber');
        const batchKey = batch ? `${merchant} batch ${batch}` : null;
        if (batchKey) batchEnds.set(batchKey, { line, rows: (batchEnds.get(batchKey)?.rows ?? 0) + 1, batch, merchant });
        if (resolvedKind === 'payout' && batchKey) {
          payoutDates.set(batchKey, when.date);
          // "TX3488899933XT batch 3, WikimediaCOM": the TX…XT code is the transfer's reference, the
          // one token of it a bank statement line can carry, so it names the batch when present.
          const reference = /\b(TX[0-9A-Z]+XT)\b/.exec(modification);
          if (reference) payoutRefs.set(batchKey, reference[1]!);
        }
        const arn = cell('arn');
        if (!arnWarned && /^\d(\.\d+)?E\+\d+$/i.test(arn)) {
          arnWarned = true;
          log.warn(line, header('arn'), { code: 'arn_rounded', params: { text: arn } });
        }
        drafts.push({
          batchKey,
          txn: makeTxn({
            id: ids.take(printedId),
            kind: resolvedKind,
            at: instantIn(when.date, when.time, offset === null ? null : { offset }),
            grossMinor,
            feeMinor,
            netMinor,
            currency,
            merchantId: merchant,
            cardType: cardTypeOf(cell('variant')),
            payoutId: batchKey,
            originalId: refersBack ? psp : null,
            line,
          }),
        });
      },
      { onProgress: ctx.onProgress, chunkBytes: ctx.chunkBytes },
    );

    log.issues.push(...info.issues);
    if (!info.columns) {
      log.error(1, '(header)', {
        code: 'no_report_header',
        params: {
          report: 'adyen_sdr',
          columns: ['Merchant Account', 'Creation Date', 'Type', 'Net Currency', 'Net Debit (NC)', 'Net Credit (NC)', 'Batch Number'],
        },
      });
    }
    for (const zone of unknownZones) log.warn(info.headerLine || 1, 'TimeZone', { code: 'unknown_time_zone', params: { zone } });
    for (const type of unknownTypes)
      log.warn(info.headerLine || 1, 'Type', { code: 'unknown_record_type', params: { text: type, by: 'net' } });
    // A batch with no MerchantPayout row is read as not paid out yet: said, since a report cut short before the
    // payout row looks the same (issue 16), and its rows then wait for a credit the bank has already booked.
    for (const [key, end] of batchEnds) {
      if (!payoutDates.has(key))
        log.warn(end.line, SPEC.fields.type[0]!, {
          code: 'batch_not_paid',
          params: { batch: end.batch, merchant: end.merchant, rows: end.rows },
        });
    }
    // The MerchantPayout row's date is when the whole batch was paid out, its reference the batch's payout id.
    const txns = drafts.map(({ txn, batchKey }) => {
      if (!batchKey) return txn;
      return { ...txn, settlementDate: payoutDates.get(batchKey) ?? null, payoutId: payoutRefs.get(batchKey) ?? batchKey };
    });
    return acquirerResult(FORMAT, txns, log, merchants);
  },
};
