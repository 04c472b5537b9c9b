import { dateIssue, codedIssue, type CodedIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseIssue, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime } from '../../model/date';
import { decodeText, detectEncoding } from '../decode';
import { readTable, type TableSpec } from '../table';
import { isZip, readZip } from '../zip';
import { IssueLog, UniqueIds, acquirerResult, makeTxn, negate, readMoney, refusal, withDirection } from './acquirer-rows';
import { instantIn } from './zone-names';

const FORMAT = 'alipay';

type TradeField = 'tradeNo' | 'kind' | 'created' | 'finished' | 'terminal' | 'received' | 'refundNo' | 'serviceFee';
type LedgerField = 'entryNo' | 'tradeNo' | 'time' | 'income' | 'expense' | 'kind';

// 支付宝 对账单 业务明细: one row per trade or refund. Headers use full-width parentheses （元）;
// normalizeHeader folds them, so either width matches.
const TRADES: TableSpec<TradeField> = {
  fields: {
    tradeNo: ['支付宝交易号'],
    kind: ['业务类型'],
    created: ['创建时间'],
    finished: ['完成时间'],
    terminal: ['终端号'],
    received: ['商家实收（元）'],
    refundNo: ['退款批次号/请求号'],
    serviceFee: ['服务费（元）'],
  },
  required: ['tradeNo', 'kind', 'created', 'received', 'serviceFee'],
};

// 账务明细: the account's bookings (income, fees, refunds, withdrawals to the bank).
const LEDGER: TableSpec<LedgerField> = {
  fields: {
    entryNo: ['账务流水号'],
    tradeNo: ['业务流水号'],
    time: ['发生时间'],
    income: ['收入金额（+元）'],
    expense: ['支出金额（-元）'],
    kind: ['业务类型'],
  },
  required: ['entryNo', 'time', 'income', 'expense', 'kind'],
};

const CURRENCY = 'CNY';

/** The Alipay account number printed in the `#账号：[2088…]` comment line. */
function accountOf(preamble: readonly string[]): string | null {
  for (const line of preamble) {
    const m = /账号[:：]\s*\[?(\d{6,})/.exec(line);
    if (m) return m[1]!;
  }
  return null;
}

interface Part {
  txns: AcquirerTxn[];
  account: string | null;
  found: boolean;
}

/** Reads one 业务明细 CSV; the `#交易合计：N笔` / `#退款合计：N笔` comments are checked against the rows. */
function readTrades(bytes: Uint8Array, log: IssueLog, ids: UniqueIds, onProgress?: (share: number) => void): Part {
  const txns: AcquirerTxn[] = [];
  let sales = 0,
    refunds = 0;
  const info = readTable(
    bytes,
    TRADES,
    ({ line, cells }, col) => {
      const cell = (f: TradeField): string => (col[f] >= 0 ? (cells[col[f]] ?? '') : '');
      const name = (f: TradeField): string => TRADES.fields[f][0]!;
      const tradeNo = cell('tradeNo');
      if (!tradeNo) {
        log.error(line, name('tradeNo'), { code: 'empty_cell', params: { what: 'value' } });
        return;
      }
      const type = cell('kind');
      if (type !== '交易' && type !== '退款') {
        log.error(line, name('kind'), { code: 'neither_of', params: { text: type, options: ['交易', '退款'] } });
        return;
      }
      const refund = type === '退款';
      if (refund) refunds++;
      else sales++;
      const stamp = cell('finished') || cell('created');
      const when = parseLocalDateTime(stamp);
      if (!when) {
        log.error(line, cell('finished') ? name('finished') : name('created'), dateIssue(stamp, true));
        return;
      }
      const received = readMoney(log, line, name('received'), cell('received'), { decimal: '.', empty: null });
      const fee = readMoney(log, line, name('serviceFee'), cell('serviceFee'), { decimal: '.' });
      if (received === null || fee === null) return;
      // Signs differ between bill versions (服务费 printed -0.60 or 0.60): the business type decides
      // the direction, so a trade's fee is charged and a refund's fee is given back.
      const grossMinor = withDirection(received, refund ? -1 : 1);
      const feeMinor = withDirection(fee, refund ? -1 : 1);
      const kind: TxnKind = refund ? 'refund' : 'sale';
      txns.push(
        makeTxn({
          id: ids.take(refund && cell('refundNo') ? cell('refundNo') : tradeNo),
          kind,
          at: instantIn(when.date, when.time, null),
          grossMinor,
          feeMinor,
          netMinor: grossMinor - feeMinor,
          currency: CURRENCY,
          terminal: cell('terminal') || null,
          originalId: refund ? tradeNo : null,
          line,
        }),
      );
    },
    { onProgress },
  );
  log.issues.push(...info.issues);
  const footer = info.footer.join('\n');
  const check = (label: string, seen: number): void => {
    const m = new RegExp(`${label}[:：]\\s*(\\d+)笔`).exec(footer);
    if (m && Number(m[1]) !== seen)
      log.error(info.headerLine || 1, '业务类型', { code: 'bill_row_count', params: { label, printed: m[1]!, found: seen } });
  };
  if (info.columns) {
    check('交易合计', sales);
    check('退款合计', refunds);
  }
  log.issues.push(...unendedBill(info, txns));
  const account = accountOf(info.preamble);
  return { txns, account, found: info.columns !== null };
}

function ledgerKind(type: string, amount: number): TxnKind {
  if (type.includes('提现')) return 'payout';
  if (type.includes('收费') || type.includes('服务费')) return 'fee';
  if (type.includes('退款')) return 'refund';
  if (amount > 0 && (type.includes('支付') || type.includes('交易') || type.includes('收款'))) return 'sale';
  return 'adjustment';
}

/** Reads one 账务明细 CSV; with `payoutsOnly` (a zip that also holds 业务明细) only withdrawals to the bank are kept. */
function readLedger(bytes: Uint8Array, log: IssueLog, ids: UniqueIds, payoutsOnly: boolean, onProgress?: (share: number) => void): Part {
  const txns: AcquirerTxn[] = [];
  const info = readTable(
    bytes,
    LEDGER,
    ({ line, cells }, col) => {
      const cell = (f: LedgerField): string => (col[f] >= 0 ? (cells[col[f]] ?? '') : '');
      const name = (f: LedgerField): string => LEDGER.fields[f][0]!;
      const entryNo = cell('entryNo');
      if (!entryNo) {
        log.error(line, name('entryNo'), { code: 'empty_cell', params: { what: 'value' } });
        return;
      }
      const when = parseLocalDateTime(cell('time'));
      if (!when) {
        log.error(line, name('time'), dateIssue(cell('time'), true));
        return;
      }
      const income = readMoney(log, line, name('income'), cell('income'), { decimal: '.' });
      const expense = readMoney(log, line, name('expense'), cell('expense'), { decimal: '.' });
      if (income === null || expense === null) return;
      // 支出 is printed negative in some bills and unsigned in others; it always leaves the account.
      const amount = Math.abs(income) - Math.abs(expense);
      const kind = ledgerKind(cell('kind'), amount);
      if (payoutsOnly && kind !== 'payout') return;
      // A withdrawal empties the Alipay balance into the bank: shown as the positive amount the bank receives.
      const netMinor = kind === 'payout' ? negate(amount) : amount;
      txns.push(
        makeTxn({
          id: ids.take(entryNo),
          kind,
          at: instantIn(when.date, when.time, null),
          grossMinor: netMinor,
          feeMinor: 0,
          netMinor,
          currency: CURRENCY,
          payoutId: kind === 'payout' ? entryNo : null,
          settlementDate: kind === 'payout' ? when.date : null,
          originalId: kind === 'refund' || kind === 'fee' ? cell('tradeNo') || null : null,
          line,
        }),
      );
    },
    { onProgress },
  );
  log.issues.push(...info.issues, ...unendedBill(info, txns));
  return { txns, account: accountOf(info.preamble), found: info.columns !== null };
}

/**
 * Both bills end with `#-----…列表结束-----` and their 合计 lines: without that end, a bill cut at a line break
 * reads whole rows and nothing tells (issue 16).
 */
function unendedBill(info: { columns: unknown; footer: readonly string[] }, txns: readonly AcquirerTxn[]): ParseIssue[] {
  if (!info.columns || txns.length === 0 || info.footer.some(l => l.includes('结束'))) return [];
  return [
    codedIssue(txns[txns.length - 1]!.line, '(footer)', 'warning', {
      code: 'may_be_cut_short',
      params: { missing: 'list_end', rows: txns.length },
    }),
  ];
}

type BillKind = 'trades' | 'ledger' | 'personal' | null;

function billKind(head: string): BillKind {
  const top = head.slice(0, 8192);
  if (top.includes('支付宝交易号') && top.includes('商家实收')) return 'trades';
  if (top.includes('账务流水号') && top.includes('业务流水号') && top.includes('收入金额')) return 'ledger';
  if (top.includes('交易分类') && top.includes('收/支') && (top.includes('支付宝') || top.includes('交易订单号'))) return 'personal';
  return null;
}

// Alipay hands the bill out as a zip of GBK CSVs; an xlsx is a zip too, so only .csv entries count.
const MAX_CSV_BYTES = 64 << 20;
function csvEntries(bytes: Uint8Array): { name: string; data: Uint8Array }[] | string {
  if (!isZip(bytes)) return [];
  const files = readZip(bytes, name => /\.csv$/i.test(name), MAX_CSV_BYTES);
  if (typeof files === 'string') return files;
  return [...files].map(([name, data]) => ({ name: entryName(name), data }));
}

/**
 * Alipay's zips store GBK file names without the UTF-8 flag, which fflate reads as Latin-1:
 * such a name is turned back into its bytes and read as GBK.
 */
function entryName(name: string): string {
  // eslint-disable-next-line no-control-regex -- Latin-1 range test: a name decoded byte by byte has only U+0000–U+00FF
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  const bytes = Uint8Array.from(name, ch => ch.charCodeAt(0));
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    return name;
  }
}

/** An issue of a zip's entry, the entry named in its params (and so in its words in every language). */
function inEntry(entry: string, issue: ParseIssue): ParseIssue {
  if (issue.code === undefined) return { ...issue, message: `${entry}: ${issue.message}` };
  const { line, field, severity } = issue;
  return codedIssue(line, field, severity, {
    code: 'in_zip_entry',
    params: { entry, issue: { code: issue.code, params: issue.params } as CodedIssue },
  });
}

function headOf(bytes: Uint8Array): string {
  return decodeText(bytes.subarray(0, 16384), detectEncoding(bytes));
}

/** Alipay merchant bill: 业务明细 and/or 账务明细 GBK CSVs, alone or in the zip Alipay hands out. */
export const alipay: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string, bytes: Uint8Array): number {
    const kind = billKind(head);
    if (kind === 'trades' || kind === 'ledger') return 0.95;
    const entries = csvEntries(bytes);
    return typeof entries !== 'string' &&
      entries.some(e => {
        const k = billKind(headOf(e.data));
        return k === 'trades' || k === 'ledger';
      })
      ? 0.95
      : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const entries = csvEntries(bytes);
    if (typeof entries === 'string')
      return refusal(FORMAT, 1, '(file)', {
        code: 'workbook_unreadable',
        params: { reason: 'zip', detail: entries, sheet: null, fileName: null },
      });
    const log = new IssueLog();
    const ids = new UniqueIds();
    const accounts: string[] = [];
    const txns: AcquirerTxn[] = [];
    if (entries.length === 0) {
      const kind = billKind(headOf(bytes));
      const part = kind === 'ledger' ? readLedger(bytes, log, ids, false, ctx.onProgress) : readTrades(bytes, log, ids, ctx.onProgress);
      if (!part.found) log.error(1, '(header)', { code: 'no_alipay_header', params: {} });
      if (part.account) accounts.push(part.account);
      txns.push(...part.txns);
      return acquirerResult(FORMAT, txns, log, accounts);
    }
    // In a zip, trades come from 业务明细; from 账务明细 only the withdrawals, which 业务明细 lacks
    // (taking its trade and fee rows too would count every sale twice).
    const kinds = entries.map(e => ({ ...e, kind: billKind(headOf(e.data)) }));
    const haveTrades = kinds.some(e => e.kind === 'trades');
    for (const entry of kinds) {
      if (entry.kind !== 'trades' && entry.kind !== 'ledger') continue; // 汇总 (per-store totals) and others
      const own = new IssueLog();
      const part = entry.kind === 'trades' ? readTrades(entry.data, own, ids) : readLedger(entry.data, own, ids, haveTrades);
      for (const issue of own.issues) log.issues.push(inEntry(entry.name, issue));
      if (part.account) accounts.push(part.account);
      txns.push(...part.txns);
    }
    if (!kinds.some(e => e.kind === 'trades' || e.kind === 'ledger')) log.error(1, '(file)', { code: 'zip_no_bill', params: {} });
    return acquirerResult(FORMAT, txns, log, accounts);
  },
};

/**
 * An Alipay personal bill (支付宝交易记录明细) records a person's spending, not a merchant's
 * settlement: it is recognised only to refuse it with a message saying what to download instead.
 */
export const alipayPersonal: Format = {
  name: 'alipay-personal',
  role: 'acquirer',
  sniff(head: string): number {
    return billKind(head) === 'personal' ? 0.9 : 0;
  },
  parse(): ParseResult {
    return refusal('alipay-personal', 1, '(file)', { code: 'personal_bill', params: { app: 'alipay' } });
  },
};
