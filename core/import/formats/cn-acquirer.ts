import { amountIssue, codedIssue, dateIssue, type CodedIssue } from '../../messages/index';
import { amountMinor, formatMinor, parseAmount, plainMinorAt } from '../../model/money';
import { FieldScanner } from '../fields';
import { dayNumber, isoDate, parseLocalDateTime } from '../../model/date';
import { formatOffset, zoneOffsetMinutes } from '../../model/zone';
import type { AcquirerTxn, Format, ParseContext, ParseIssue, ParseResult, TxnKind } from '../../model/types';
import {
  cleanCell,
  flat,
  ownCopy,
  normalizeHeader,
  readTable,
  splitRecord,
  type ColumnMap,
  type TableInfo,
  type TableSpec,
} from '../table';

type Field =
  | 'date'
  | 'time'
  | 'merchant'
  | 'terminal'
  | 'card'
  | 'cardType'
  | 'kind'
  | 'gross'
  | 'fee'
  | 'net'
  | 'ref'
  | 'origRef'
  | 'settlement'
  | 'status'
  | 'currency';

// Column names seen in Lakala / ChinaUMS merchant-portal exports and the bank-acquiring
// settlement files in FORMATS.md A9 (交易金额(元), 手续费(元), 原始交易检索参考号 …).
const SPEC: TableSpec<Field> = {
  fields: {
    date: ['交易日期', '交易日'],
    time: ['交易时间'],
    merchant: ['商户编号', '商户号', '商户代码'],
    terminal: ['终端号', '终端编号', '终端代码'],
    card: ['卡号', '交易卡号', '主账号'],
    cardType: ['卡类型', '卡类别', '卡种'],
    kind: ['交易类型'],
    gross: ['交易金额', '交易金额(元)', '交易本金'],
    fee: ['手续费', '手续费(元)', '商户手续费'],
    net: ['结算金额', '结算金额(元)', '清算金额', '入账金额'],
    ref: ['检索参考号', '参考号', '系统参考号'],
    origRef: ['原交易参考号', '原始交易检索参考号', '原参考号'],
    settlement: ['清算日期', '结算日期'],
    status: ['交易状态'],
    currency: ['币种', '交易币种'],
  },
  required: ['date', 'kind', 'gross', 'ref'],
};

const HEADER_NAMES = new Set(Object.values(SPEC.fields).flat().map(normalizeHeader));

// 交易类型 → kind. 撤销 is a same-day cancellation (a void); 退货/退款 a refund on a later day.
function kindOf(text: string): TxnKind | null {
  if (text === '消费') return 'sale';
  if (text.includes('撤销') || text.includes('冲正')) return 'void';
  if (text.includes('退货') || text.includes('退款')) return 'refund';
  if (text.includes('消费') || text.includes('预授权完成') || text === '扫码支付' || text.includes('支付')) return 'sale';
  if (text.includes('调账') || text.includes('差错')) return 'adjustment';
  return null;
}

function cardTypeOf(text: string): 'debit' | 'credit' | null {
  if (text === '借记卡') return 'debit';
  if (text === '贷记卡') return 'credit';
  if (text.includes('借记') || text.includes('储蓄')) return 'debit';
  if (text.includes('贷记') || text.includes('信用') || text.includes('准贷记')) return 'credit';
  return null;
}

/** True when text[start, end) is `HH:MM:SS`, checked by character. */
function isClock(text: string, start: number, end: number): boolean {
  if (end - start !== 8 || text.charCodeAt(start + 2) !== 58 || text.charCodeAt(start + 5) !== 58) return false;
  for (const k of CLOCK_DIGITS) {
    const c = text.charCodeAt(start + k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
const CLOCK_DIGITS = [0, 1, 3, 4, 6, 7];

/**
 * The `HH:MM:SS` at `start` (checked by isClock) as one shared one-byte string per second of the day, or
 * undefined past 23:59:59. A million rows then hold no copy of their time, and their `at` stays one-byte.
 */
function clockText(text: string, start: number): string | undefined {
  const d = (k: number) => text.charCodeAt(start + k) - 48;
  const h = d(0) * 10 + d(1),
    m = d(3) * 10 + d(4),
    s = d(6) * 10 + d(7);
  if (h > 23 || m > 59 || s > 59) return undefined;
  const key = (h * 60 + m) * 60 + s;
  return (CLOCKS[key] ??= flat(`${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`));
}
const CLOCKS = new Array<string | undefined>(86_400);

/** Why a text is not an amount (`label` names it), for the issue. */
const why = (label: 'amount' | 'fee' | 'settlement amount', text: string): CodedIssue => {
  const r = parseAmount(text);
  return r.ok ? { code: 'out_of_range', params: { label } } : amountIssue(r, label);
};

/** Reads the generator's (and real) Lakala / ChinaUMS style merchant transaction exports. */
function parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  const issues: ParseIssue[] = [];
  const txns: AcquirerTxn[] = [];
  const zone = ctx.timezone ?? 'Asia/Shanghai';
  const offsets = new Map<string, string>();
  const offsetFor = (date: string): string => {
    let o = offsets.get(date);
    if (o === undefined) {
      o = formatOffset(zoneOffsetMinutes(zone, date));
      offsets.set(date, o);
    }
    return o === 'Z' ? '+00:00' : o;
  };
  const dates = new Map<string, string | null>();
  const dateOf = (text: string): string | null => {
    let d = dates.get(text);
    if (d === undefined) {
      d = parseLocalDateTime(text)?.date ?? null;
      if (dates.size < 10_000) dates.set(text, d);
    }
    return d;
  };
  // Merchant numbers and terminals repeat row after row: one copy each, found by comparing with the last
  // one before any hashing. A copy (ownCopy) also stops a long substring such as a card
  // number from keeping its whole decoded chunk of the file alive.
  const copy = (s: string): string | null => (s === '' ? null : ownCopy(s));
  const interned = new Map<string, string>();
  const lastRaw = ['', ''];
  const lastValue: (string | null)[] = [null, null];
  const intern = (s: string, slot: 0 | 1): string | null => {
    if (s === lastRaw[slot]) return lastValue[slot]!;
    let v = interned.get(s);
    if (v === undefined) {
      v = copy(s) ?? '';
      if (interned.size < 10_000) interned.set(v, v);
    }
    lastRaw[slot] = s;
    lastValue[slot] = v || null;
    if (slot === 0 && v) rowMerchants.add(v);
    return v || null;
  };
  const rowMerchants = new Set<string>(); // merchant numbers of the rows, seen as they change
  // The common row, read in place (FieldScanner, plainMinorAt): a year of rows is a million of them.
  // Anything unusual returns false and goes through the general path above, which names the problem.
  const f = new FieldScanner();
  let lastDateRaw = '',
    lastDate: string | null = null,
    lastSettleRaw = '',
    lastSettle: string | null = null;
  let lastPrefixDate = '',
    lastPrefix = '',
    lastOffset = '';
  const atPrefix = (date: string): string => {
    lastPrefixDate = date;
    // Built from the day number: a date sliced from the decoded file is a two-byte string (the file holds
    // Chinese), and every `at` joined to it would be too, twice the memory of the one-byte text.
    lastPrefix = isoDate(dayNumber(date)) + 'T';
    lastOffset = offsetFor(date);
    return lastPrefix;
  };
  function fastRow(
    line: string,
    from: number,
    to: number,
    lineNo: number,
    c: ColumnMap<Field>,
    delimiter: string,
    width: number,
    firstQuote: number,
  ): boolean {
    if (!f.scan(line, delimiter, width, from, to, firstQuote) || f.empty(c.ref)) return false;
    let date = lastDate;
    if (!f.is(c.date, lastDateRaw)) {
      lastDateRaw = f.text(c.date);
      date = lastDate = dateOf(lastDateRaw);
    }
    if (!date) return false;
    if (c.time >= 0 && !f.empty(c.time) && !isClock(line, f.start(c.time), f.end(c.time))) return false;
    const time = c.time < 0 || f.empty(c.time) ? '00:00:00' : (clockText(line, f.start(c.time)) ?? f.text(c.time));
    const kind: TxnKind | null = f.is(c.kind, '消费') ? 'sale' : kindOf(f.text(c.kind));
    if (!kind) return false;
    const gross = plainMinorAt(line, f.start(c.gross), f.end(c.gross));
    const fee = c.fee < 0 || f.empty(c.fee) ? 0 : plainMinorAt(line, f.start(c.fee), f.end(c.fee));
    if (Number.isNaN(gross) || Number.isNaN(fee)) return false;
    const outgoing = kind === 'refund' || kind === 'void';
    const grossMinor = outgoing ? -Math.abs(gross) : gross;
    const netMinor = c.net < 0 || f.empty(c.net) ? grossMinor - fee : plainMinorAt(line, f.start(c.net), f.end(c.net));
    if (Number.isNaN(netMinor)) return false;
    let settlementDate: string | null = null;
    if (c.settlement >= 0 && !f.empty(c.settlement)) {
      if (!f.is(c.settlement, lastSettleRaw)) {
        lastSettleRaw = f.text(c.settlement);
        lastSettle = dateOf(lastSettleRaw);
      }
      settlementDate = lastSettle;
      if (!settlementDate) return false;
    }
    const merchantId = c.merchant < 0 ? null : f.is(c.merchant, lastRaw[0]!) ? lastValue[0]! : intern(f.text(c.merchant), 0);
    const terminal = c.terminal < 0 ? null : f.is(c.terminal, lastRaw[1]!) ? lastValue[1]! : intern(f.text(c.terminal), 1);
    txns.push({
      id: ownCopy(f.text(c.ref)),
      kind,
      at: flat((date === lastPrefixDate ? lastPrefix : atPrefix(date)) + time + lastOffset),
      grossMinor,
      feeMinor: fee,
      netMinor,
      currency: c.currency >= 0 ? currencyOf(f.text(c.currency)) : 'CNY',
      merchantId,
      terminal,
      card: c.card < 0 ? null : copy(f.text(c.card)),
      cardType: f.is(c.cardType, '借记卡') ? 'debit' : f.is(c.cardType, '贷记卡') ? 'credit' : cardTypeOf(f.text(c.cardType)),
      payoutId: null,
      settlementDate,
      voided: kind === 'sale' && (f.has(c.status, '撤销') || f.has(c.status, '冲正')),
      originalId: c.origRef < 0 || f.empty(c.origRef) ? null : ownCopy(f.text(c.origRef)),
      line: lineNo,
    });
    return true;
  }
  let col: ColumnMap<Field> | null = null;
  let names: readonly string[] = [];
  const TIME = /^\d{2}:\d{2}:\d{2}$/;

  const info = readTable(
    bytes,
    SPEC,
    (row, c: ColumnMap<Field>, header) => {
      if (col !== c) {
        col = c;
        names = header;
      }
      const cells = row.cells;
      const get = (k: number) => (k >= 0 ? cells[k]! : '');
      const bad = (f: Field, coded: CodedIssue) => {
        const field = c[f] >= 0 ? (names[c[f]] ?? f) : f;
        issues.push(codedIssue(row.line, field, 'error', coded));
      };
      const id = get(c.ref);
      if (!id) {
        bad('ref', { code: 'empty_cell', params: { what: 'reference' } });
        return;
      }
      const dateText = get(c.date);
      const date = dateOf(dateText);
      if (!date) {
        bad('date', dateIssue(dateText));
        return;
      }
      const rawTime = get(c.time);
      const time =
        rawTime === '' ? '00:00:00' : rawTime.length === 8 && TIME.test(rawTime) ? rawTime : parseLocalDateTime(`${date} ${rawTime}`)?.time;
      if (!time) {
        bad('time', { code: 'bad_time', params: { text: rawTime } });
        return;
      }
      const kindText = get(c.kind);
      const kind = kindOf(kindText);
      if (!kind) {
        bad('kind', { code: 'unknown_kind', params: { text: kindText, known: null } });
        return;
      }
      const gross = amountMinor(get(c.gross));
      if (Number.isNaN(gross)) {
        bad('gross', why('amount', get(c.gross)));
        return;
      }
      const feeText = get(c.fee);
      const fee = feeText === '' ? 0 : amountMinor(feeText);
      if (Number.isNaN(fee)) {
        bad('fee', why('fee', feeText));
        return;
      }
      // 交易金额 is printed unsigned; refunds and voids take money back.
      const outgoing = kind === 'refund' || kind === 'void';
      const grossMinor = outgoing ? -Math.abs(gross) : gross;
      const netText = get(c.net);
      const netMinor = netText === '' ? grossMinor - fee : amountMinor(netText);
      if (Number.isNaN(netMinor)) {
        bad('net', why('settlement amount', netText));
        return;
      }
      const settlementText = get(c.settlement);
      const settlementDate = settlementText === '' ? null : dateOf(settlementText);
      if (settlementText !== '' && !settlementDate) {
        bad('settlement', dateIssue(settlementText));
        return;
      }
      const status = get(c.status);
      txns.push({
        id,
        kind,
        at: flat(date + 'T' + time + offsetFor(date)),
        grossMinor,
        feeMinor: fee,
        netMinor,
        currency: c.currency >= 0 ? currencyOf(get(c.currency)) : 'CNY',
        merchantId: intern(get(c.merchant), 0),
        terminal: intern(get(c.terminal), 1),
        card: copy(get(c.card)),
        cardType: cardTypeOf(get(c.cardType)),
        payoutId: null,
        settlementDate,
        voided: kind === 'sale' && status !== '' && (status.includes('撤销') || status.includes('冲正')),
        originalId: get(c.origRef) || null,
        line: row.line,
      });
    },
    { onProgress: ctx.onProgress, chunkBytes: ctx.chunkBytes, rawLine: fastRow },
  );

  const merchantIds = new Set<string>();
  let acquirerName: string | null = null;
  for (const line of info.preamble) {
    const m = /商户(?:编号|号)\s*[:：]\s*(\d{6,20})/.exec(line);
    if (m) merchantIds.add(m[1]!);
    const title = /^(.+?)(?:商户)?(?:交易明细|交易查询|对账单|交易流水)/.exec(line);
    if (!acquirerName && title) acquirerName = title[1]!.trim();
  }
  for (const m of rowMerchants) merchantIds.add(m);
  if (!info.columns)
    issues.push(
      codedIssue(1, '(header)', 'error', { code: 'no_header', params: { columns: ['交易日期', '交易类型', '交易金额', '检索参考号'] } }),
    );
  issues.push(...info.issues);
  if (info.columns && !issues.some(i => i.severity === 'error')) issues.push(...footerIssues(info, txns));
  return {
    format: 'cn-acquirer',
    role: 'acquirer',
    acquirerTxns: txns,
    bankLines: [],
    issues,
    merchantIds: [...merchantIds],
    acquirerName,
    periods: [],
  };
}

/**
 * The 合计 line against the rows read: `合计,共203笔,…,交易金额,手续费,结算金额` states the count and the sums
 * (交易金额 unsigned as printed, 手续费 and 结算金额 signed). A file cut at a line break, or one with rows
 * removed, reads whole rows and only its footer tells (issue 16: 96 of 203 rows read without a word).
 */
function footerIssues(info: TableInfo<Field>, txns: readonly AcquirerTxn[]): ParseIssue[] {
  const line = info.footerLine;
  // The export ends with its 合计 line: without one, a file cut at a line break reads whole rows and nothing tells.
  if (!line && txns.length > 0) {
    return [
      codedIssue(txns[txns.length - 1]!.line, '合计', 'warning', {
        code: 'may_be_cut_short',
        params: { missing: 'total_line', rows: txns.length },
      }),
    ];
  }
  if (!line || !info.footer[0]) return [];
  const cells = splitRecord(info.footer[0], info.delimiter).map(cleanCell);
  const issues: ParseIssue[] = [];
  const count = /共\s*(\d+)\s*笔/.exec(cells.join(' '));
  if (count && Number(count[1]) !== txns.length) {
    issues.push(
      codedIssue(line, '合计', 'error', { code: 'row_count', params: { printed: count[1]!, found: txns.length, where: 'footer' } }),
    );
  }
  const c = info.columns!;
  const sums: [Field, (t: AcquirerTxn) => number][] = [
    ['gross', t => Math.abs(t.grossMinor)],
    ['fee', t => t.feeMinor],
    ['net', t => t.netMinor],
  ];
  for (const [field, of] of sums) {
    const stated = c[field] >= 0 && cells[c[field]] ? amountMinor(cells[c[field]]!) : NaN;
    if (Number.isNaN(stated)) continue;
    let sum = 0;
    for (const t of txns) sum += of(t);
    if (sum !== stated) {
      issues.push(
        codedIssue(line, info.header[c[field]]!, 'error', {
          code: 'footer_total',
          params: { printed: cells[c[field]]!, sum: formatMinor(sum, 2) },
        }),
      );
    }
  }
  return issues;
}

// 人民币 is by far the common case; some exports print a currency column.
function currencyOf(text: string): string {
  if (!text || text === '人民币' || text === 'RMB' || text === '156') return 'CNY';
  if (text === '美元') return 'USD';
  if (text === '港币' || text === '港元') return 'HKD';
  return /^[A-Za-z]{3}$/.test(text) ? text.toUpperCase() : 'CNY';
}

/** `cn-acquirer`: Chinese acquirer (拉卡拉, 银联商务 …) merchant transaction exports. */
export const cnAcquirer: Format = {
  name: 'cn-acquirer',
  role: 'acquirer',
  sniff(head) {
    const lines = head.split(/\r?\n/, 40);
    for (const line of lines) {
      const cells = line.split(/[,\t]/).map(normalizeHeader);
      const hits = cells.filter(h => HEADER_NAMES.has(h)).length;
      const hasRef = cells.some(h => SPEC.fields.ref.map(normalizeHeader).includes(h));
      const hasTerminal = cells.some(h => SPEC.fields.terminal.map(normalizeHeader).includes(h));
      if (hits >= 5 && hasRef && hasTerminal) return 0.9;
    }
    return 0;
  },
  parse,
};
