import { dateIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime } from '../../model/date';
import { readTable, type TableSpec } from '../table';
import { IssueLog, UniqueIds, acquirerResult, currencyCode, makeTxn, negate, readMoney, refusal, withDirection } from './acquirer-rows';
import { instantIn } from './zone-names';
import { workbookHead } from './cn-bank-xls';

const FORMAT = 'wechat-pay';

type Field =
  'time' | 'merchant' | 'subMerchant' | 'device' | 'orderId' | 'status' | 'currency' | 'settleAmount' | 'refundId' | 'refundAmount' | 'fee';

// 微信支付 交易账单 (ALL / SUCCESS / REFUND bills). Legacy bills still print 子商户号 and 总金额.
const SPEC: TableSpec<Field> = {
  fields: {
    time: ['交易时间'],
    merchant: ['商户号'],
    subMerchant: ['特约商户号', '子商户号'],
    device: ['设备号'],
    orderId: ['微信订单号'],
    status: ['交易状态'],
    currency: ['货币种类'],
    settleAmount: ['应结订单金额', '总金额'],
    refundId: ['微信退款单号'],
    refundAmount: ['退款金额'],
    fee: ['手续费'],
  },
  required: ['time', 'merchant', 'orderId', 'status', 'settleAmount', 'fee'],
};

// 手续费 is printed with 5 decimals (`0.07030`): kept exactly in 1e-5 yuan while summing, and
// rounded half up (away from zero) to the fen for each row, since settlement money moves in fen.
const FEE_DIGITS = 5;
const SUB_FEN = 10 ** (FEE_DIGITS - 2);

function toFen(units: number): number {
  const fen = Math.floor((Math.abs(units) + SUB_FEN / 2) / SUB_FEN);
  return units < 0 ? negate(fen) : fen;
}

/** WeChat Pay merchant trade bill (交易账单): backtick-guarded cells, 5-decimal 手续费, summary section checked against the rows. */
export const wechatPay: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string): number {
    const top = head.slice(0, 8192);
    return top.includes('微信订单号') && top.includes('交易状态') && top.includes('手续费') && /应结订单金额|总金额/.test(top) ? 0.95 : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    const ids = new UniqueIds();
    const txns: AcquirerTxn[] = [];
    const merchants = new Set<string>();
    const revoked = new Set<string>();
    let summaryHeader: string[] | null = null;
    let summary: { line: number; cells: readonly string[] } | null = null;
    let rows = 0,
      settleSum = 0,
      refundSum = 0,
      feeUnits = 0,
      roundedFee = 0,
      subFenRows = 0,
      firstSubFenLine = 0,
      lastRowLine = 0;

    const info = readTable(
      bytes,
      SPEC,
      ({ line, cells }, col) => {
        // The bill ends with a summary section: its own header (总交易单数,…) and one row of totals.
        if (cells[0] === '总交易单数') {
          summaryHeader = [...cells];
          return;
        }
        if (summaryHeader) {
          if (!summary) summary = { line, cells };
          return;
        }
        const cell = (f: Field): string => (col[f] >= 0 ? (cells[col[f]] ?? '') : '');
        const name = (f: Field): string => SPEC.fields[f][0]!;
        rows++;
        lastRowLine = line;
        const when = parseLocalDateTime(cell('time'));
        if (!when) {
          log.error(line, name('time'), dateIssue(cell('time'), true));
          return;
        }
        const orderId = cell('orderId');
        if (!orderId) {
          log.error(line, name('orderId'), { code: 'empty_cell', params: { what: 'value' } });
          return;
        }
        const currency = currencyCode(cell('currency') || 'CNY');
        if (!currency) {
          log.error(line, name('currency'), { code: 'not_currency_code', params: { text: cell('currency'), threeLetter: false } });
          return;
        }
        const settle = readMoney(log, line, name('settleAmount'), cell('settleAmount'), { decimal: '.', empty: null });
        const refund = readMoney(log, line, name('refundAmount'), cell('refundAmount'), { decimal: '.' });
        const fee = readMoney(log, line, name('fee'), cell('fee'), { digits: FEE_DIGITS, decimal: '.' });
        if (settle === null || refund === null || fee === null) return;
        settleSum += settle;
        refundSum += refund;
        feeUnits += fee;
        const status = cell('status').toUpperCase();
        let kind: TxnKind;
        if (status === 'SUCCESS') kind = 'sale';
        else if (status === 'REFUND') kind = 'refund';
        else if (status === 'REVOKED') kind = 'void';
        else {
          log.error(line, name('status'), {
            code: 'unknown_status',
            params: { text: cell('status'), known: ['SUCCESS', 'REFUND', 'REVOKED'] },
          });
          return;
        }
        const feeFen = toFen(fee);
        roundedFee += feeFen;
        if (fee % SUB_FEN !== 0 && subFenRows++ === 0) firstSubFenLine = line;
        const sub = cell('subMerchant');
        const merchantId = sub && sub !== '0' ? sub : cell('merchant');
        merchants.add(merchantId);
        let grossMinor = settle,
          feeMinor = feeFen,
          id = orderId,
          originalId: string | null = null;
        if (kind === 'refund') {
          // A refund row repeats the order's 微信订单号; its own id is 微信退款单号. The fee it
          // gives back is printed negative (some bills print it unsigned): either way it is returned.
          grossMinor = negate(refund);
          feeMinor = withDirection(feeFen, -1);
          id = cell('refundId') && cell('refundId') !== '0' ? cell('refundId') : orderId;
          originalId = orderId;
        } else if (kind === 'void') {
          grossMinor = negate(settle);
          feeMinor = withDirection(feeFen, -1);
          originalId = orderId;
          revoked.add(orderId);
        }
        txns.push(
          makeTxn({
            id: ids.take(id),
            kind,
            at: instantIn(when.date, when.time, null),
            grossMinor,
            feeMinor,
            netMinor: grossMinor - feeMinor,
            currency,
            merchantId,
            terminal: cell('device') || null,
            originalId,
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
        params: { report: 'wechat_pay', columns: ['交易时间', '商户号', '微信订单号', '交易状态', '应结订单金额', '手续费'] },
      });
      return acquirerResult(FORMAT, [], log);
    }
    if (subFenRows > 0) {
      log.warn(firstSubFenLine, '手续费', {
        code: 'sub_fen_fees',
        params: { rows: subFenRows, printed: String(feeUnits / 10 ** FEE_DIGITS), kept: String(roundedFee / 100) },
      });
    }
    // The bill always ends with its summary: without one, a bill cut at a line break reads whole rows and nothing tells.
    if (!summary && rows > 0) log.warn(lastRowLine, '总交易单数', { code: 'may_be_cut_short', params: { missing: 'summary', rows } });
    checkSummary(log, summaryHeader, summary, { rows, settleSum, refundSum, feeUnits, roundedFee });
    const result = txns.map(t => (t.kind === 'sale' && revoked.has(t.id) ? { ...t, voided: true } : t));
    return acquirerResult(FORMAT, result, log, merchants);
  },
};

/**
 * Checks the rows against the bill's own summary: a row count that differs means the file was
 * cut short (refused); money totals that differ are shown as warnings.
 */
function checkSummary(
  log: IssueLog,
  header: string[] | null,
  summary: { line: number; cells: readonly string[] } | null,
  seen: { rows: number; settleSum: number; refundSum: number; feeUnits: number; roundedFee: number },
): void {
  if (!header || !summary) return;
  const value = (name: string): string | null => {
    const k = header.indexOf(name);
    return k >= 0 ? (summary.cells[k] ?? null) : null;
  };
  const count = value('总交易单数');
  if (count !== null && count !== String(seen.rows)) {
    log.error(summary.line, '总交易单数', { code: 'row_count', params: { printed: count, found: seen.rows, where: 'summary' } });
  }
  const compare = (name: string, digits: number, ...sums: number[]): void => {
    const text = value(name);
    if (text === null) return;
    const printed = readMoney(log, summary.line, name, text, { digits, decimal: '.' });
    if (printed !== null && !sums.includes(printed))
      log.warn(summary.line, name, { code: 'summary_sum', params: { printed: text, sum: String(sums[0]! / 10 ** digits) } });
  };
  compare('应结订单总金额', 2, seen.settleSum);
  compare('退款总金额', 2, seen.refundSum);
  compare('手续费总金额', FEE_DIGITS, seen.feeUnits, seen.roundedFee * SUB_FEN);
}

/**
 * A WeChat personal bill (微信支付账单明细) is a person's spending record, not a merchant's
 * acquirer export: it has no settlement, fee or payout. It is recognised only to refuse it clearly.
 */
export const wechatPersonal: Format = {
  name: 'wechat-personal',
  role: 'acquirer',
  sniff(head: string, bytes: Uint8Array): number {
    // WeChat hands the bill out as CSV or as .xlsx; in a workbook the header also fits a bank statement's columns, so
    // the bill's own title has to outscore the bank reader.
    const top = `${head.slice(0, 8192)}\n${workbookHead(bytes)}`;
    return top.includes('微信支付账单明细') || /交易时间,交易类型,交易对方,商品,收\/支,金额\(元\)/.test(top) ? 0.99 : 0;
  },
  parse(): ParseResult {
    return refusal('wechat-personal', 1, '(file)', { code: 'personal_bill', params: { app: 'wechat' } });
  },
};
