import { amountIssue, codedIssue, dateIssue, type CodedIssue } from '../messages/index';
import { cleanCell, isFooterLine, normalizeHeader } from './table';
import { minorDigits, parseAmount } from '../model/money';
import { parseLocalDateTime, type LocalDateTime } from '../model/date';
import type { AcquirerTxn, ParseIssue, ParseResult, TxnKind } from '../model/types';

/** The format name of rows captured from an acquirer portal's transaction list. */
export const PORTAL_TABLE_FORMAT = 'portal-table';

/** A column a portal's transaction list may show. */
export type PortalField =
  | 'date'
  | 'time'
  | 'gross'
  | 'fee'
  | 'net'
  | 'reference'
  | 'terminal'
  | 'card'
  | 'cardType'
  | 'type'
  | 'settlementDate'
  | 'payoutId'
  | 'merchantId'
  | 'currency'
  | 'status'
  | 'originalId';

/**
 * Header names per field, Chinese and English, as Lakala, ChinaUMS, Stripe, Square and Adyen print them.
 * Compared after {@link normalizeHeader}; a unit in brackets (`交易金额(元)`) is ignored.
 */
export const PORTAL_HEADERS: Readonly<Record<PortalField, readonly string[]>> = {
  date: [
    '交易日期',
    '日期',
    '交易时间',
    '创建时间',
    '时间',
    'date',
    'transaction date',
    'created',
    'created date',
    'creation date',
    'date & time',
    'date/time',
    'booking date',
  ],
  time: ['交易时间', '时间', 'time', 'transaction time'],
  gross: [
    '交易金额',
    '金额',
    '订单金额',
    '消费金额',
    'amount',
    'gross',
    'gross amount',
    'gross sales',
    'total',
    'captured amount',
    'original amount',
  ],
  fee: ['手续费', '商户手续费', '费用', 'fee', 'fees', 'processing fee', 'commission'],
  net: ['结算金额', '清算金额', '入账金额', '实收金额', 'net', 'net amount', 'net total', 'payable', 'settled amount'],
  reference: [
    '检索参考号',
    '参考号',
    '系统参考号',
    '交易参考号',
    'reference',
    'ref',
    'id',
    'payment id',
    'transaction id',
    'psp reference',
    'pspreference',
    'reference number',
  ],
  terminal: ['终端号', '终端编号', 'terminal', 'terminal id', 'device', 'device name'],
  card: ['卡号', '交易卡号', 'card', 'card number', 'card no', 'payment method'],
  cardType: ['卡类型', '卡种', '借贷标识', 'card type', 'funding'],
  type: ['交易类型', '类型', 'type', 'transaction type', 'record type'],
  settlementDate: ['清算日期', '结算日期', '入账日期', 'settlement date', 'payout date', 'available on', 'deposit date'],
  payoutId: ['payout id', 'payout', '结算批次号', '批次号', 'batch', 'batch number', 'deposit id'],
  merchantId: ['商户编号', '商户号', 'merchant id', 'merchant account', 'merchant'],
  currency: ['币种', '货币', 'currency'],
  status: ['交易状态', '状态', 'status'],
  originalId: ['原交易参考号', '原参考号', 'original reference', 'original id'],
};

// Fields claim columns in this order, so a specific name (原交易参考号, 清算日期) is taken
// before a general one (参考号, 日期) could match it.
const FIELD_ORDER: readonly PortalField[] = [
  'reference',
  'originalId',
  'settlementDate',
  'payoutId',
  'merchantId',
  'terminal',
  'cardType',
  'card',
  'type',
  'status',
  'currency',
  'gross',
  'fee',
  'net',
  'date',
  'time',
];

/** The column index of each field in a portal table (-1 when the page does not show it). */
export type PortalColumns = Readonly<Record<PortalField, number>>;

/** What a portal table reads to: a normal parse result plus the column mapping it used. */
export interface PortalTableResult extends ParseResult {
  readonly columns: PortalColumns;
}

/** A table found on a page: its header cells, its data rows and the portal (acquirer) it came from. */
export interface PortalTableInput {
  /** The portal id (`lakala`, `stripe`, …) or, for any other page, its host name. */
  readonly portal: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Currency when neither a column nor the amount cell names one (the portal's home currency). */
  readonly currency: string;
  /** Line number of the first data row (so a row keeps its place across pages). Default 1. */
  readonly firstLine?: number;
}

function headerKey(raw: string): string {
  // "交易金额(元)", "Amount (USD)", "Fee ↓" → the name alone.
  return normalizeHeader(raw)
    .replace(/\([^)]*\)$/, '')
    .replace(/[↑↓▲▼⇅]/g, '')
    .replace(/[:*]$/, '');
}

/** Maps header cells to fields; null when they do not make a transaction table (no reference, date or amount). */
export function mapPortalHeaders(headers: readonly string[]): PortalColumns | null {
  const keys = headers.map(headerKey);
  const taken = new Set<number>();
  const columns = {} as Record<PortalField, number>;
  for (const field of FIELD_ORDER) columns[field] = -1;
  const names = (f: PortalField) => PORTAL_HEADERS[f].map(headerKey);
  // 交易时间 beside 交易日期 is the time; alone it is the instant (date is mapped before time).
  for (const field of FIELD_ORDER) {
    const wanted = names(field);
    let at = -1;
    for (const name of wanted) {
      at = keys.findIndex((k, i) => k === name && !taken.has(i));
      if (at >= 0) break;
    }
    if (at < 0) continue;
    columns[field] = at;
    taken.add(at);
  }
  if (columns.date < 0 && columns.time >= 0) {
    columns.date = columns.time;
    columns.time = -1;
  }
  const amount = columns.gross >= 0 || columns.net >= 0;
  return columns.reference >= 0 && columns.date >= 0 && amount ? columns : null;
}

const KIND_WORDS: readonly (readonly [RegExp, TxnKind])[] = [
  [/撤销|冲正|void|cancel/i, 'void'],
  [/退货|退款|refund/i, 'refund'],
  [/拒付|调单|chargeback|dispute/i, 'chargeback'],
  [/手续费|^fee|fees?$/i, 'fee'],
  [/提现|出款|payout|transfer|deposit/i, 'payout'],
  [/调整|adjust/i, 'adjustment'],
  [/消费|收款|预授权完成|sale|charge|payment|capture|purchase|settled/i, 'sale'],
];

/** The kind of a transaction from its printed type (消费, 退货, 消费撤销, Charge, Refund…); null when unknown. */
export function kindFromType(text: string): TxnKind | null {
  const t = cleanCell(text);
  if (t === '') return 'sale';
  for (const [re, kind] of KIND_WORDS) if (re.test(t)) return kind;
  return null;
}

const VOIDED_STATUS = /已撤销|已冲正|voided|cancell?ed/i;
const FAILED_STATUS = /失败|failed|declined|blocked|incomplete|uncaptured|expired/i;

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** 12-hour clock with AM/PM to `HH:MM:SS`. */
function clock(h: number, m: number, s: number, meridiem: string | undefined): string | null {
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    const pm = /p/i.test(meridiem);
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || m > 59 || s > 59) return null;
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

/**
 * Reads a date as dashboards print it: what {@link parseLocalDateTime} reads, plus month names
 * (`Mar 1, 2026, 2:05 PM` on Stripe and Square, `1 Mar 2026 14:05` on Adyen) and 12-hour clocks.
 */
export function parsePortalDateTime(text: string): LocalDateTime | null {
  const s = cleanCell(text).replace(/\s+/g, ' ');
  const plain = parseLocalDateTime(s);
  if (plain) return plain;
  const time = /^(.*?)[,\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/.exec(s);
  const datePart = time ? time[1]! : s;
  let hms: string | null = null;
  if (time) {
    hms = clock(Number(time[2]), Number(time[3]), Number(time[4] ?? 0), time[5]);
    if (hms === null) return null;
    const numeric = parseLocalDateTime(datePart);
    if (numeric) return { date: numeric.date, time: hms };
  }
  const mdy = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(datePart.trim());
  const dmy = /^(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})$/.exec(datePart.trim());
  const month = mdy ? mdy[1]! : dmy ? dmy[2]! : null;
  if (!month) return null;
  const mo = MONTHS[month.toLowerCase().slice(0, month.toLowerCase().startsWith('sept') ? 4 : 3)];
  if (!mo) return null;
  const d = Number(mdy ? mdy[2] : dmy![1]);
  const y = Number(mdy ? mdy[3] : dmy![3]);
  const iso = `${y}-${pad2(mo)}-${pad2(d)}`;
  const check = parseLocalDateTime(iso);
  return check ? { date: check.date, time: hms } : null;
}

const CODE = /(?:^|[^A-Z])([A-Z]{3})(?:$|[^A-Z])/;
const SYMBOLS: readonly (readonly [RegExp, string])[] = [
  [/HK\$/, 'HKD'],
  [/US\$/, 'USD'],
  [/CN¥|RMB|[¥￥]|元/, 'CNY'],
  [/€/, 'EUR'],
  [/£/, 'GBP'],
];

/** The currency an amount cell names (`$12.00 USD`, `¥28.16`, `EUR 10,00`), or null (a bare `$`). */
export function currencyInCell(text: string): string | null {
  const code = CODE.exec(text.toUpperCase())?.[1];
  if (code && code !== 'RMB') return code;
  for (const [re, ccy] of SYMBOLS) if (re.test(text)) return ccy;
  return null;
}

function cardTypeOf(text: string): 'debit' | 'credit' | null {
  if (/借记|debit|prepaid/i.test(text)) return 'debit';
  if (/贷记|信用|credit/i.test(text)) return 'credit';
  return null;
}

/**
 * Turns a transaction table captured from a portal page into acquirer transactions, through the same
 * normalization as files (amounts exactly in minor units, dates as printed, kinds from 交易类型/Type).
 * Never throws: a row it cannot read becomes an issue naming its line and column, and is left out.
 * Refunds and chargebacks printed as positive amounts are stored negative, as money leaving the merchant.
 */
export function parsePortalTable(input: PortalTableInput): PortalTableResult {
  const issues: ParseIssue[] = [];
  const columns = mapPortalHeaders(input.headers);
  const empty = { format: PORTAL_TABLE_FORMAT, role: 'acquirer' as const, bankLines: [], merchantIds: [], acquirerName: null, periods: [] };
  if (!columns) {
    const none = {} as Record<PortalField, number>;
    for (const f of FIELD_ORDER) none[f] = -1;
    return {
      ...empty,
      acquirerTxns: [],
      columns: none,
      issues: [codedIssue(0, '(header)', 'error', { code: 'no_table_columns', params: {} })],
    };
  }
  const headerName = (f: PortalField) => input.headers[columns[f]] ?? f;
  const cell = (row: readonly string[], f: PortalField) => (columns[f] >= 0 ? cleanCell(row[columns[f]] ?? '') : '');
  const txns: AcquirerTxn[] = [];
  const merchantIds = new Set<string>();
  const seen = new Set<string>();
  const first = input.firstLine ?? 1;

  input.rows.forEach((row, index) => {
    const line = first + index;
    const problem = (f: PortalField, coded: CodedIssue) => issues.push(codedIssue(line, headerName(f), 'error', coded));
    if (row.every(c => cleanCell(c) === '') || isFooterLine(cleanCell(row[0] ?? ''))) return;
    const id = cell(row, 'reference');
    if (id === '') {
      problem('reference', { code: 'empty_cell', params: { what: 'reference' } });
      return;
    }
    if (seen.has(id)) return; // the same row shown twice (a sticky or repeated row) is one transaction
    const status = cell(row, 'status');
    if (FAILED_STATUS.test(status)) return; // a declined payment never moved money
    const kind = kindFromType(cell(row, 'type'));
    if (!kind) {
      problem('type', { code: 'unknown_kind', params: { text: cell(row, 'type'), known: null } });
      return;
    }

    const dateText = cell(row, 'date');
    let when = parsePortalDateTime(dateText);
    const timeText = cell(row, 'time');
    if (when && when.time === null && timeText !== '') {
      when = parsePortalDateTime(`${when.date} ${timeText}`);
      if (!when) {
        problem('time', { code: 'bad_time', params: { text: timeText } });
        return;
      }
    }
    if (!when) {
      problem('date', dateIssue(dateText));
      return;
    }

    const grossText = cell(row, 'gross');
    const netText = cell(row, 'net');
    const feeText = cell(row, 'fee');
    const currency =
      cell(row, 'currency')
        .toUpperCase()
        .match(/^[A-Z]{3}$/)?.[0] ??
      currencyInCell(grossText || netText) ??
      input.currency.toUpperCase();
    const digits = minorDigits(currency);
    const amount = (f: PortalField, text: string): number | null | undefined => {
      if (text === '' || text === '-' || text === '—') return null;
      const r = parseAmount(text, { digits });
      if (!r.ok) {
        problem(f, amountIssue(r));
        return undefined;
      }
      return r.minor;
    };
    let gross = amount('gross', grossText);
    let net = amount('net', netText);
    let fee = amount('fee', feeText);
    if (gross === undefined || net === undefined || fee === undefined) return;
    if (gross === null && net === null) {
      problem(columns.gross >= 0 ? 'gross' : 'net', { code: 'no_amount', params: { what: 'transaction', field: null } });
      return;
    }
    // Portals print the fee as a positive charge, or as a negative line (Stripe "-$0.59").
    if (fee !== null) fee = Math.abs(fee);
    const outgoing = kind === 'refund' || kind === 'chargeback';
    if (gross !== null && outgoing) gross = -Math.abs(gross);
    if (net !== null && outgoing) net = -Math.abs(net);
    if (gross === null) gross = net! + (fee ?? 0);
    if (fee === null) fee = net === null ? 0 : Math.abs(gross - net);
    if (net === null) net = outgoing ? gross + fee : gross - fee;

    const settlement = cell(row, 'settlementDate');
    const settlementDate = settlement === '' ? null : (parsePortalDateTime(settlement)?.date ?? null);
    if (settlement !== '' && settlementDate === null) {
      problem('settlementDate', dateIssue(settlement));
      return;
    }
    const merchantId = cell(row, 'merchantId') || null;
    if (merchantId) merchantIds.add(merchantId);
    seen.add(id);
    txns.push({
      id,
      kind,
      at: `${when.date}T${when.time ?? '00:00:00'}`,
      grossMinor: gross,
      feeMinor: fee,
      netMinor: net,
      currency,
      merchantId,
      terminal: cell(row, 'terminal') || null,
      card: cell(row, 'card') || null,
      cardType: cardTypeOf(cell(row, 'cardType')),
      payoutId: cell(row, 'payoutId') || null,
      settlementDate,
      voided: kind === 'void' || VOIDED_STATUS.test(status),
      originalId: cell(row, 'originalId') || null,
      line,
    });
  });
  return { ...empty, acquirerTxns: txns, merchantIds: [...merchantIds], acquirerName: null, issues, columns };
}
