import { normalizeHeader } from '../table';
import type { MappedField } from './profile';

/**
 * Header names per field, as banks and acquirers print them (FORMATS.md B7: HSBC `Billing amount`,
 * BMO ` Transaction Amount`; Danish, German and Chinese names too). Compared after normalizeHeader.
 * Only a tie-breaker and a source for the fields values cannot reveal (counterparty, id, fee…).
 */
const NAMES: Readonly<Record<MappedField, readonly string[]>> = {
  date: ['date', 'transaction date', 'booking date', 'posting date', 'date posted', 'posted date', 'value date', 'dato', 'bogføringsdato', 'datum', 'buchungstag', 'buchungsdatum', 'fecha', '日期', '交易日期', '记账日期', 'created', 'created (utc)'],
  amount: ['amount', 'billing amount', 'transaction amount', 'amount (gbp)', 'amount (eur)', 'beløb', 'betrag', 'importe', 'montant', '金额', '交易金额', 'value'],
  credit: ['credit', 'credits', 'deposit', 'deposits', 'paid in', 'money in', 'credit amount', 'indsat', 'haben', '收入', '存入金额', '贷方金额'],
  debit: ['debit', 'debits', 'withdrawal', 'withdrawals', 'paid out', 'money out', 'debit amount', 'hævet', 'soll', '支出', '取出金额', '借方金额'],
  currency: ['currency', 'billing currency', 'ccy', 'cur', 'valuta', 'währung', 'devise', '币种', '货币'],
  counterparty: ['payee', 'payer', 'name', 'counterparty', 'beneficiary', 'merchant', 'modtager', 'empfänger', 'auftraggeber', '对方户名', '对方名称'],
  description: ['description', 'beskrivelse', 'beschreibung', 'details', 'memo', 'narrative', 'text', 'tekst', 'reference text', 'verwendungszweck', 'buchungstext', 'concepto', 'libellé', '摘要', '备注', '附言', 'transaction details'],
  id: ['id', 'transaction id', 'beleg', 'belegnummer', 'reference', 'ref', 'transaction reference', 'receipt number', 'kvitteringsnummer', 'referenz', '交易流水号', '流水号', '参考号', '订单号', 'item #'],
  balance: ['balance', 'running balance', 'saldo', 'kontostand', '余额', '账户余额'],
  time: ['time', 'transaction time', 'tid', 'uhrzeit', '交易时间', '时间'],
  gross: ['gross', 'gross amount', 'total', 'sale amount', 'amount', 'brutto', '交易金额', '订单金额'],
  fee: ['fee', 'fees', 'commission', 'processing fee', 'afgift', 'gebyr', 'gebühr', '手续费'],
  net: ['net', 'net amount', 'netto', 'payout amount', '结算金额', '清算金额'],
  terminal: ['terminal', 'terminal id', 'device', 'device name', '终端号', '终端编号'],
  card: ['card', 'card number', 'pan', 'last 4', 'sidste cifre', 'card #', '卡号'],
  payoutId: ['payout id', 'payout', 'deposit id', 'settlement id', 'batch', 'batch number', 'transfer id', '结算批次号', '批次号'],
  settlementDate: ['settlement date', 'payout date', 'deposit date', 'available on', 'afregningsdato', '清算日期', '结算日期'],
  kind: ['type', 'typ', 'transaction type', 'kind', 'event', 'hændelsestype', 'reporting category', '交易类型'],
};

const NORMALIZED = new Map<MappedField, ReadonlySet<string>>(
  (Object.keys(NAMES) as MappedField[]).map(f => [f, new Set(NAMES[f].map(normalizeHeader))]),
);

/** The column whose header names `field`, or -1. `taken` columns are skipped. */
export function columnNamed(header: readonly string[], field: MappedField, taken: ReadonlySet<number> = new Set()): number {
  const names = NORMALIZED.get(field)!;
  return header.findIndex((h, i) => !taken.has(i) && names.has(normalizeHeader(h)));
}
