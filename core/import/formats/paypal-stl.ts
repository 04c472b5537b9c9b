import { dateIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime } from '../../model/date';
import { decodeText } from '../decode';
import { cleanCell, cutRowIssue, normalizeHeader, splitRecord } from '../table';
import { IssueLog, UniqueIds, acquirerResult, currencyCode, makeTxn, negate } from './acquirer-rows';
import { instantIn } from './zone-names';

const FORMAT = 'paypal-stl';

type Field =
  | 'id'
  | 'referenceId'
  | 'referenceType'
  | 'eventCode'
  | 'initiated'
  | 'completed'
  | 'grossSide'
  | 'gross'
  | 'currency'
  | 'feeSide'
  | 'fee'
  | 'bankReference';

// Columns of the STL "CH" record, found by name (PayPal adds columns between report versions).
const NAMES: Readonly<Record<Field, string>> = {
  id: 'Transaction ID',
  referenceId: 'PayPal Reference ID',
  referenceType: 'PayPal Reference ID Type',
  eventCode: 'Transaction Event Code',
  initiated: 'Transaction Initiation Date',
  completed: 'Transaction Completion Date',
  grossSide: 'Transaction Debit or Credit',
  gross: 'Gross Transaction Amount',
  currency: 'Gross Transaction Currency',
  feeSide: 'Fee Debit or Credit',
  fee: 'Fee Amount',
  bankReference: 'Bank Reference ID',
};
const REQUIRED: readonly Field[] = ['id', 'eventCode', 'initiated', 'grossSide', 'gross', 'currency'];

/** Event code (T-code) → kind: T00 payments, T01 fees, T04 withdrawals to the bank, T11 refunds and reversals, T12 chargebacks. */
function kindOf(code: string, credit: boolean): TxnKind {
  const group = code.slice(0, 3).toUpperCase();
  if (group === 'T00') return credit ? 'sale' : 'adjustment';
  if (group === 'T01') return 'fee';
  if (group === 'T04') return 'payout';
  if (code.toUpperCase() === 'T1106') return 'chargeback';
  if (group === 'T11') return 'refund';
  if (group === 'T12') return credit ? 'adjustment' : 'chargeback';
  return 'adjustment';
}

/** `2026/01/06 00:00:30 -0800` → local date-time with its printed offset. */
function stlInstant(text: string): { at: string; date: string } | null {
  const when = parseLocalDateTime(text);
  if (!when) return null;
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(text.trim());
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : null;
  return { at: instantIn(when.date, when.time, offset === null ? null : { offset }), date: when.date };
}

/** PayPal settlement report (STL): RH/SH/CH/SB/SF records, amounts in minor units with CR/DR flags, T0400 = payout. */
export const paypalStl: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string): number {
    const top = head.slice(0, 8192);
    return /^"?(RH|FH|SH)"?,/m.test(top) && /^"?CH"?,.*Transaction Event Code/m.test(top) ? 0.95 : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    const ids = new UniqueIds();
    const txns: AcquirerTxn[] = [];
    const accounts = new Set<string>();
    let columns: Record<Field, number> | null = null;
    let header: string[] = [];
    // The report ends with RF, RC and FF: rows after the last of them mean the file was cut at a line break.
    let footed = false;
    const text = decodeText(bytes);
    const lines = text.split('\n');
    lines.forEach((raw, index) => {
      const line = index + 1;
      const record = raw.replace(/\r$/, '');
      if (!record.trim()) return;
      const cells = splitRecord(record, ',').map(cleanCell);
      const type = cells[0]!.toUpperCase();
      if (type === 'SH' || type === 'RH') {
        if (cells[3]) accounts.add(cells[3]);
        return;
      }
      if (type === 'CH') {
        const norm = cells.map(normalizeHeader);
        const map = {} as Record<Field, number>;
        for (const f of Object.keys(NAMES) as Field[]) map[f] = norm.indexOf(normalizeHeader(NAMES[f]));
        const missing = REQUIRED.filter(f => map[f] < 0);
        if (missing.length) {
          log.error(line, NAMES[missing[0]!], { code: 'record_no_column', params: { record: 'CH', column: NAMES[missing[0]!] } });
          columns = null;
          return;
        }
        columns = map;
        header = cells;
        return;
      }
      if (type === 'RF' || type === 'RC' || type === 'FF') footed = true;
      if (type !== 'SB') return; // FH, SF, SC, RF, RC, FF: headers, totals and counts
      footed = false;
      if (!columns) {
        log.error(line, '(record)', { code: 'row_before_header', params: { row: 'SB', header: 'CH' } });
        return;
      }
      // The last line without its line break, short of cells: the file was cut inside it.
      if (index === lines.length - 1 && cells.length < header.length) {
        log.issues.push(cutRowIssue(line, header, cells.length));
        return;
      }
      const col: Record<Field, number> = columns;
      const cell = (f: Field): string => (col[f] >= 0 ? (cells[col[f]] ?? '') : '');
      const id = cell('id');
      if (!id) {
        log.error(line, NAMES.id, { code: 'empty_cell', params: { what: 'value' } });
        return;
      }
      const code = cell('eventCode');
      if (!/^T\d{4}$/i.test(code)) {
        log.error(line, NAMES.eventCode, { code: 'not_t_code', params: { text: code } });
        return;
      }
      const when = stlInstant(cell('initiated'));
      if (!when) {
        log.error(line, NAMES.initiated, dateIssue(cell('initiated'), true));
        return;
      }
      const currency = currencyCode(cell('currency'));
      if (!currency) {
        log.error(line, NAMES.currency, { code: 'not_currency_code', params: { text: cell('currency'), threeLetter: false } });
        return;
      }
      // STL amounts are integers in the currency's minor unit (5200 AUD = 52.00), sign in a CR/DR column.
      const side = cell('grossSide').toUpperCase();
      if (side !== 'CR' && side !== 'DR') {
        log.error(line, NAMES.grossSide, { code: 'neither_of', params: { text: cell('grossSide'), options: ['CR', 'DR'] } });
        return;
      }
      if (!/^\d+$/.test(cell('gross'))) {
        log.error(line, NAMES.gross, { code: 'not_whole_minor', params: { text: cell('gross'), unit: 'minor' } });
        return;
      }
      const feeText = cell('fee') || '0';
      if (!/^\d+$/.test(feeText)) {
        log.error(line, NAMES.fee, { code: 'not_whole_minor', params: { text: cell('fee'), unit: 'minor' } });
        return;
      }
      const feeSide = cell('feeSide').toUpperCase();
      if (feeSide !== '' && feeSide !== 'CR' && feeSide !== 'DR') {
        log.error(line, NAMES.feeSide, { code: 'neither_of', params: { text: cell('feeSide'), options: ['CR', 'DR'] } });
        return;
      }
      const credit = side === 'CR';
      const gross = credit ? Number(cell('gross')) : negate(Number(cell('gross')));
      // A DR fee is charged (positive here); a CR fee is one PayPal gives back on a refund.
      const feeMinor = feeSide === 'CR' ? negate(Number(feeText)) : Number(feeText);
      if (!Number.isSafeInteger(gross) || !Number.isSafeInteger(feeMinor)) {
        log.error(line, NAMES.gross, { code: 'too_large', params: {} });
        return;
      }
      const kind = kindOf(code, credit);
      const payout = kind === 'payout';
      // A withdrawal debits the PayPal balance; it is shown as the positive amount the bank receives.
      const netMinor = payout ? negate(gross) : gross - feeMinor;
      const completed = payout ? stlInstant(cell('completed')) : null;
      const reference = cell('referenceType').toUpperCase() === 'TXN' ? cell('referenceId') : '';
      txns.push(
        makeTxn({
          id: ids.take(id),
          kind,
          at: when.at,
          grossMinor: payout ? netMinor + feeMinor : gross,
          feeMinor,
          netMinor,
          currency,
          merchantId: [...accounts].at(-1) ?? null,
          payoutId: payout ? cell('bankReference') || id : null,
          settlementDate: payout ? (completed ?? when).date : null,
          originalId: kind === 'refund' || kind === 'chargeback' ? reference || null : null,
          line,
        }),
      );
      if (index % 4096 === 0) ctx.onProgress?.(index / lines.length);
    });
    if (txns.length > 0 && !footed)
      log.warn(txns.at(-1)!.line, '(file)', { code: 'may_be_cut_short', params: { missing: 'report_footer', rows: txns.length } });
    if (!columns && !log.failed && txns.length === 0)
      log.error(1, '(file)', { code: 'no_marker_record', params: { report: 'paypal_stl' } });
    return acquirerResult(FORMAT, txns, log, accounts);
  },
};
