import { amountIssue, codedIssue, dateIssue, type CodedIssue } from '../../messages/index';
import { decodeText, detectEncoding } from '../decode';
import { cleanCell, columnName, normalizeHeader, readTable, splitRecord, type ColumnMap } from '../table';
import { formatMinor, minorDigits, parseAmount, type AmountResult } from '../../model/money';
import { parseDate, parseLocalDateTime, type LocalDateTime } from '../../model/date';
import { cardStatementIssue, cardStatementMark } from './cn-card';
import type { BankLine, Format, ParseContext, ParseIssue, ParseResult, StatementPeriod } from '../../model/types';

/**
 * Header names of Chinese bank statement columns, per field (compared after normalizeHeader, so
 * `日 志 号` (ABC) and `记账金额（收入）` (ICBC) match). Fields that stand in for one another
 * (记账日期 before 交易日期, 收入/支出 before a signed 交易金额) are kept apart and chosen in mapCnBankRow.
 */
export const CN_BANK_COLUMNS = {
  /** The bank's own id. Not `序号` (BOCOM): a row number that changes with the query range. */
  id: ['交易流水号', '流水号', '交易流水', '日志号', '顺序号', '交易流水号码', '柜员流水号'],
  bookedDate: ['记账日期', '记账日', '入账日期', '入账日'],
  tradeDate: ['交易日期', '交易日', '日期'],
  time: ['交易时间', '记账时间', '时间'],
  valueDate: ['起息日', '起息日期'],
  credit: ['收入金额', '收入', '存入金额', '存入', '贷方金额', '贷方发生额', '记账金额(收入)', '收入金额(元)', '入账金额'],
  debit: ['支出金额', '支出', '取出金额', '取出', '借方金额', '借方发生额', '记账金额(支出)', '支出金额(元)', '出账金额'],
  amount: ['交易金额', '金额', '发生额', '交易金额(元)', '金额(元)'],
  direction: ['借贷', '借贷标志', '借贷方向', '借贷标识', '收支', '收/支', '收支方向'],
  balance: ['余额', '账户余额', '联机余额', '本次余额', '当前余额', '交易后余额', '余额(元)', '账户余额(元)'],
  currency: ['记账币种', '币种', '币别', '货币'],
  counterparty: ['对方户名', '对方账户名', '对手信息', '交易对手名称', '对方名称', '对方单位名称'],
  summary: ['摘要', '交易摘要', '交易名称'],
  kind: ['交易类型'],
  note: ['附言', '客户摘要', '交易详情', '交易附言', '备注', '用途', '交易备注'],
  account: ['本方账号', '借记卡号', '本方账户', '账号', '卡号'],
} as const satisfies Record<string, readonly string[]>;

/** A field of a Chinese bank statement row. */
export type CnBankField = keyof typeof CN_BANK_COLUMNS;

const FIELDS = Object.keys(CN_BANK_COLUMNS) as CnBankField[];
const NORMALIZED = {} as Record<CnBankField, ReadonlySet<string>>;
for (const f of FIELDS) NORMALIZED[f] = new Set<string>(CN_BANK_COLUMNS[f].map(normalizeHeader));

// Columns only an acquirer export has (`交易日期,交易时间,商户编号,终端号,卡号,…,检索参考号`): those files are cn-acquirer's.
const ACQUIRER_MARKS = new Set(
  ['商户编号', '商户号', '终端号', '终端编号', '检索参考号', '参考号', '清算日期', '结算金额'].map(normalizeHeader),
);

/**
 * Maps a header row to column indexes (-1 when absent), or null when it is not a Chinese bank
 * statement header: it needs a date, a balance, and either 收入/支出 columns or an amount column.
 */
export function mapCnBankHeader(cells: readonly string[]): ColumnMap<CnBankField> | null {
  const norm = cells.map(normalizeHeader);
  for (const h of norm) if (ACQUIRER_MARKS.has(h)) return null;
  const map = {} as Record<CnBankField, number>;
  for (const f of FIELDS) {
    const names = NORMALIZED[f];
    map[f] = norm.findIndex(h => names.has(h));
  }
  const dated = map.bookedDate >= 0 || map.tradeDate >= 0;
  const priced = map.credit >= 0 || map.debit >= 0 || map.amount >= 0;
  return dated && priced && map.balance >= 0 ? map : null;
}

/** Where the header row of a Chinese bank statement is in some text, with its column map. */
export interface CnBankHeader {
  /** 1-based line of the header row within the text. */
  readonly line: number;
  readonly cells: readonly string[];
  readonly columns: ColumnMap<CnBankField>;
}

const DELIMITERS = [',', '\t', ';', '|'] as const;
const HAS_CJK = /[\u4e00-\u9fff]/;

/** Finds the first row of `text` (within `within` lines) that is a Chinese bank statement header. */
export function findCnBankHeader(text: string, within = 40): CnBankHeader | null {
  let pos = 0;
  for (let n = 1; n <= within && pos < text.length; n++) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    pos = nl + 1;
    if (!HAS_CJK.test(line)) continue;
    for (const d of DELIMITERS) {
      if (line.indexOf(d) < 0) continue;
      const cells = splitRecord(line, d).map(cleanCell);
      const columns = mapCnBankHeader(cells);
      if (columns) return { line: n, cells, columns };
    }
  }
  return null;
}

/** What the title lines above the table say: account, statement period, currency, opening balance. */
export interface CnBankTitle {
  readonly account: string;
  readonly from: string | null;
  readonly to: string | null;
  /** ISO code from `币种:人民币`; null when the title does not say. */
  readonly currency: string | null;
  /** `期初余额` as printed, not yet in minor units (the currency may come later). */
  readonly opening: string | null;
}

// Title keys may be spread with spaces, as CCB prints `币　　种` with ideographic spaces.
const SP = '[\\s\\u3000]*';
const key = (words: readonly string[]): string => words.map(w => [...w].join(SP)).join('|');
const DATE = '\\d{4}[-/.年]\\d{1,2}[-/.月]\\d{1,2}日?|\\d{8}';
const TITLE_ACCOUNT = new RegExp(
  `(?:^|[,，\\s"])(?:${key(['账号', '帐号', '卡号', '账户', '本方账号'])})${SP}[:：,]${SP}([0-9A-Za-z*＊]{4,})`,
);
const TITLE_CURRENCY = new RegExp(`(?:${key(['币种', '币别', '货币'])})${SP}[:：,]${SP}([^,，\\s"]+)`);
// `起止日期:2026-01-05至2026-01-23` (CCB), `查询日期:…至…`, `起止日期:20260105-20260124`.
const TITLE_RANGE = new RegExp(
  `(?:${key(['起止日期', '查询日期', '查询期间', '查询时间', '起止时间', '交易日期', '日期范围', '账单周期'])})${SP}[:：]?${SP}(${DATE})(?:\\s*\\d{1,2}:\\d{2}(?::\\d{2})?)?${SP}(?:至|到|~|～|－|—|-{1,2})${SP}(${DATE})`,
);
const TITLE_START = new RegExp(`(?:${key(['起始日期', '开始日期'])})${SP}[:：]${SP}(${DATE})`);
const TITLE_END = new RegExp(`(?:${key(['终止日期', '结束日期', '截止日期'])})${SP}[:：]${SP}(${DATE})`);
const TITLE_OPENING = new RegExp(`${key(['期初余额'])}${SP}[:：,]${SP}"?([-+]?[\\d,]+(?:\\.\\d+)?)`);

/** Reads account, period, currency and opening balance from the lines above the header. */
export function readCnBankTitle(lines: readonly string[]): CnBankTitle {
  let account = '',
    from: string | null = null,
    to: string | null = null,
    currency: string | null = null,
    opening: string | null = null;
  for (const line of lines) {
    if (!account) {
      const m = TITLE_ACCOUNT.exec(line);
      if (m) account = m[1]!;
    }
    if (!currency) {
      const m = TITLE_CURRENCY.exec(line);
      if (m) currency = isoCurrency(m[1]!);
    }
    if (opening === null) {
      const m = TITLE_OPENING.exec(line);
      if (m) opening = m[1]!;
    }
    const range = TITLE_RANGE.exec(line);
    if (range) {
      from ??= parseDate(range[1]!);
      to ??= parseDate(range[2]!);
    }
    const start = TITLE_START.exec(line);
    if (start) from ??= parseDate(start[1]!);
    const end = TITLE_END.exec(line);
    if (end) to ??= parseDate(end[1]!);
  }
  return { account, from, to, currency, opening };
}

// A Map, not an object literal: a cell reading `constructor` must not find Object.prototype's.
const CURRENCY_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    人民币: 'CNY',
    人民币元: 'CNY',
    元: 'CNY',
    rmb: 'CNY',
    美元: 'USD',
    美金: 'USD',
    港币: 'HKD',
    港元: 'HKD',
    欧元: 'EUR',
    日元: 'JPY',
    英镑: 'GBP',
    澳元: 'AUD',
    澳大利亚元: 'AUD',
    加元: 'CAD',
    加拿大元: 'CAD',
    新加坡元: 'SGD',
    瑞士法郎: 'CHF',
    韩元: 'KRW',
    新台币: 'TWD',
    澳门元: 'MOP',
    新西兰元: 'NZD',
    卢布: 'RUB',
    泰铢: 'THB',
  }),
);
const ISO_CODE = /^[A-Za-z]{3}$/;

/** The ISO 4217 code of a currency as Chinese banks print it (人民币, RMB, 美元, usd…); null when unknown. */
export function isoCurrency(text: string): string | null {
  const s = text.trim();
  const named = CURRENCY_NAMES.get(s.toLowerCase());
  if (named) return named;
  return ISO_CODE.test(s) ? s.toUpperCase() : null;
}

// Cells banks fill when there is nothing to say: BOC `-------------------`, ICBC `-`, ABC `--`.
const PLACEHOLDER = /^[-—–－_\s]*$|^(?:null|none|n\/a)$/i;
const ZEROS = /^0+$/;
const TOTAL = /合计|总计|小计|汇总/;
const TIME = /^(\d{1,2}):?(\d{2}):?(\d{2})$/;

/** True for an empty cell or one holding only a placeholder. Checks the first character before any regex. */
function isPlaceholder(s: string): boolean {
  if (s.length === 0) return true;
  const ch = s.charCodeAt(0);
  // Digits and CJK text, nearly every cell, are never placeholders.
  if ((ch >= 0x30 && ch <= 0x39) || (ch >= 0x3400 && ch !== 0xff0d)) return false;
  return PLACEHOLDER.test(s);
}

/** True for a cell that may name a totals row (人民币合计): a date or amount never starts that way. */
function isTotal(s: string): boolean {
  const ch = s.charCodeAt(0);
  return s.length > 0 && !(ch >= 0x30 && ch <= 0x39) && TOTAL.test(s);
}

/** The state a file's rows share: its columns, defaults from the title, and the ids handed out so far. */
export interface CnBankSheet {
  readonly columns: ColumnMap<CnBankField>;
  /** Header cells as printed, to name fields in issues. */
  readonly header: readonly string[];
  /** Account from the title lines; a 借记卡号 / 本方账号 cell wins for its row. */
  readonly account: string;
  /** Currency when a row has no currency cell (default CNY). */
  readonly currency: string;
  /** Ids given so far; one `add` per row tells a repeat by the unchanged size. */
  readonly ids: Set<string>;
  /** How often each repeated id was seen, so that its repeats get `#2`, `#3`… */
  readonly repeats: Map<string, number>;
  /** Dates already read: a statement repeats a few dozen date cells over thousands of rows. */
  readonly dates: Map<string, LocalDateTime | null>;
}

/** A fresh sheet state for a header and title. */
export function newCnBankSheet(columns: ColumnMap<CnBankField>, header: readonly string[], title: CnBankTitle): CnBankSheet {
  return {
    columns,
    header,
    account: title.account,
    currency: title.currency ?? 'CNY',
    ids: new Set(),
    repeats: new Map(),
    dates: new Map(),
  };
}

/** What one row turned out to be. */
export type CnBankRow =
  | { readonly kind: 'line'; readonly bankLine: BankLine }
  /** A totals row (ICBC `人民币合计`): not a transaction; its sums are checked against the lines. */
  | { readonly kind: 'total'; readonly cells: readonly string[] }
  /** Nothing to keep: a blank row, or a malformed one (its issues were added). */
  | { readonly kind: 'skip' }
  /** Text with neither a date nor an amount (兴业银行's trailing `说明 | 本明细仅供参考…`): a note, not a transaction. */
  | { readonly kind: 'note' };

/** Issues about the header itself: no id column is a warning (ids get derived). */
export function checkCnBankHeader(columns: ColumnMap<CnBankField>, headerLine: number): ParseIssue[] {
  const issues: ParseIssue[] = [];
  if (columns.id < 0) {
    issues.push(codedIssue(headerLine, '交易流水号', 'warning', { code: 'derived_ids', params: { perLine: false } }));
  }
  return issues;
}

function cell(cells: readonly string[], col: number): string {
  if (col < 0) return '';
  const s = cells[col] ?? '';
  return isPlaceholder(s) ? '' : s;
}

function fail(issues: ParseIssue[], line: number, sheet: CnBankSheet, col: number, coded: CodedIssue): void {
  issues.push(codedIssue(line, columnName(sheet.header, col), 'error', coded));
}

function readDate(sheet: CnBankSheet, text: string): LocalDateTime | null {
  let dt = sheet.dates.get(text);
  if (dt === undefined) {
    dt = parseLocalDateTime(text);
    if (sheet.dates.size < 10_000) sheet.dates.set(text, dt);
  }
  return dt;
}

/**
 * parseAmount with a fast path for the plain amounts nearly every row holds (`-1,234.56`, `+10000.00`, `13.40`):
 * the same result, without parseAmount's regexes, which cost most of a 100,000-row import. Anything else goes to parseAmount.
 */
export function readCnAmount(text: string, digits: number): AmountResult {
  const n = text.length;
  let i = 0;
  let negative = false;
  const sign = text.charCodeAt(0);
  if (sign === 0x2d || sign === 0x2b) {
    negative = sign === 0x2d;
    i = 1;
  }
  let minor = 0;
  let intDigits = 0;
  let group = -1; // digits since the last comma; -1 before any comma
  let firstGroup = 0;
  for (; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 0x30 && ch <= 0x39) {
      minor = minor * 10 + (ch - 0x30);
      intDigits++;
      if (group >= 0) group++;
      else firstGroup++;
      continue;
    }
    if (ch === 0x2c && intDigits > 0 && (group < 0 ? firstGroup <= 3 : group === 3)) {
      group = 0;
      continue;
    }
    break;
  }
  // A comma-grouped amount needs its decimal point to be unambiguous ("1,234" may be a decimal comma).
  if (intDigits === 0 || (group > 0 && group !== 3) || group === 0 || (i < n && text.charCodeAt(i) !== 0x2e) || (group >= 0 && i === n)) {
    return parseAmount(text, { digits });
  }
  let frac = 0;
  if (i < n) {
    const fracDigits = n - i - 1;
    if (fracDigits > digits) return parseAmount(text, { digits });
    for (let k = i + 1; k < n; k++) {
      const ch = text.charCodeAt(k);
      if (ch < 0x30 || ch > 0x39) return parseAmount(text, { digits });
      frac = frac * 10 + (ch - 0x30);
    }
    for (let k = fracDigits; k < digits; k++) frac *= 10;
  } else for (let k = 0; k < digits; k++) minor *= 10;
  if (i < n) for (let k = 0; k < digits; k++) minor *= 10;
  minor += frac;
  if (intDigits + digits > 15) return parseAmount(text, { digits });
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}

/**
 * Maps one cleaned data row to a BankLine: amount = 收入 − 支出 (or the signed 交易金额, or 交易金额 by
 * its 借贷 flag), booked on 记账日期 (else 交易日期), id = 交易流水号 or one derived from the row.
 * Malformed amounts, dates and currencies become `error` issues naming the line and the column.
 */
export function mapCnBankRow(cells: readonly string[], line: number, sheet: CnBankSheet, issues: ParseIssue[]): CnBankRow {
  const c = sheet.columns;
  const dateCol = c.bookedDate >= 0 ? c.bookedDate : c.tradeDate;
  const dateText = cell(cells, dateCol);
  // A totals row (ICBC `人民币合计,,,…`) has no date where a data row has one.
  if ((isTotal(cells[0] ?? '') || isTotal(dateText)) && parseLocalDateTime(dateText) === null) return { kind: 'total', cells };
  let blank = true;
  for (let k = 0; k < cells.length; k++)
    if (!isPlaceholder(cells[k]!)) {
      blank = false;
      break;
    }
  if (blank) return { kind: 'skip' };
  if (!cell(cells, c.credit) && !cell(cells, c.debit) && !cell(cells, c.amount) && (!dateText || readDate(sheet, dateText) === null))
    return { kind: 'note' };

  const before = issues.length;
  let currency = sheet.currency;
  const currencyText = cell(cells, c.currency);
  if (currencyText) {
    const iso = isoCurrency(currencyText);
    if (iso) currency = iso;
    else fail(issues, line, sheet, c.currency, { code: 'unknown_currency', params: { text: currencyText } });
  }
  const digits = minorDigits(currency);

  let bookedOn: string | null = null;
  let time: string | null = null;
  if (!dateText) fail(issues, line, sheet, dateCol, { code: 'empty_cell', params: { what: 'date' } });
  else {
    const dt = readDate(sheet, dateText);
    if (!dt) fail(issues, line, sheet, dateCol, dateIssue(dateText));
    else {
      bookedOn = dt.date;
      time = dt.time;
    }
  }
  let valueOn: string | null = null;
  const valueText = cell(cells, c.valueDate);
  if (valueText) {
    valueOn = readDate(sheet, valueText)?.date ?? null;
    if (!valueOn) fail(issues, line, sheet, c.valueDate, dateIssue(valueText));
  }

  let amountMinor: number | null = null;
  if (c.credit >= 0 || c.debit >= 0) {
    const creditText = cell(cells, c.credit);
    const debitText = cell(cells, c.debit);
    let credit = 0,
      debit = 0,
      ok = true;
    if (creditText) {
      const r = readCnAmount(creditText, digits);
      if (r.ok) credit = r.minor;
      else {
        fail(issues, line, sheet, c.credit, amountIssue(r));
        ok = false;
      }
    }
    if (debitText) {
      // Some exports print 支出 as a negative number; it is a debit either way.
      const r = readCnAmount(debitText, digits);
      if (r.ok) debit = Math.abs(r.minor);
      else {
        fail(issues, line, sheet, c.debit, amountIssue(r));
        ok = false;
      }
    }
    if (ok && !creditText && !debitText)
      fail(issues, line, sheet, c.credit >= 0 ? c.credit : c.debit, { code: 'no_credit_debit', params: {} });
    else if (ok) amountMinor = credit - debit;
  } else {
    const amountText = cell(cells, c.amount);
    if (!amountText) fail(issues, line, sheet, c.amount, { code: 'empty_cell', params: { what: 'amount' } });
    else {
      const r = readCnAmount(amountText, digits);
      if (!r.ok) fail(issues, line, sheet, c.amount, amountIssue(r));
      else if (c.direction >= 0) {
        // BOCOM prints an unsigned 交易金额 and the side in 借贷: `借 Dr` / `贷 Cr`.
        const sign = directionSign(cell(cells, c.direction));
        if (sign === 0)
          fail(issues, line, sheet, c.direction, {
            code: 'neither_of',
            params: { text: cells[c.direction] ?? '', options: ['借 (debit)', '贷 (credit)'] },
          });
        else amountMinor = sign * Math.abs(r.minor);
      } else amountMinor = r.minor;
    }
  }

  if (issues.length > before || bookedOn === null || amountMinor === null) return { kind: 'skip' };

  // The running balance: kept on the line (coverage follows it) and part of a derived id.
  const balanceText = cell(cells, c.balance);
  const balance = balanceText ? readCnAmount(balanceText, digits) : null;
  let id = cell(cells, c.id);
  if (id.charCodeAt(0) === 0x30 && ZEROS.test(id)) id = ''; // ABC prints 日志号 0000000000 on interest lines: not an id.
  let derived = false;
  if (!id) {
    if (c.id >= 0)
      issues.push(codedIssue(line, sheet.header[c.id] ?? '(row)', 'warning', { code: 'derived_ids', params: { perLine: true } }));
    const timeText = cell(cells, c.time);
    if (timeText) {
      // ABC prints 交易时间 as `123456`.
      const m = TIME.exec(timeText);
      time = m ? `${m[1]!.padStart(2, '0')}:${m[2]}:${m[3]}` : timeText;
    }
    id = derivedId(bookedOn, time, amountMinor, balance, digits);
    derived = true;
  }
  const known = sheet.ids.size;
  sheet.ids.add(id);
  if (sheet.ids.size === known) {
    let n = sheet.repeats.get(id) ?? 1;
    let unique: string;
    do {
      n++;
      unique = `${id}#${n}`;
    } while (sheet.ids.has(unique)); // a printed id may already look like `A1#2`
    sheet.repeats.set(id, n);
    sheet.ids.add(unique);
    if (!derived)
      issues.push(codedIssue(line, sheet.header[c.id] ?? '(row)', 'warning', { code: 'reused_id', params: { id, as: unique } }));
    id = unique;
  }

  const summary = cell(cells, c.summary) || cell(cells, c.kind);
  const note = cell(cells, c.note);
  const description = note && note !== summary ? (summary ? `${summary} ${note}` : note) : summary;

  return {
    kind: 'line',
    bankLine: {
      id,
      account: cell(cells, c.account) || sheet.account,
      bookedOn,
      valueOn,
      amountMinor,
      currency,
      counterparty: cell(cells, c.counterparty),
      description: description.trim(),
      line,
      balanceMinor: balance?.ok ? balance.minor : null,
    },
  };
}

/** +1 for a credit flag (贷, Cr, 收, 入), -1 for a debit flag (借, Dr, 支, 出), 0 when unreadable. */
export function directionSign(flag: string): -1 | 0 | 1 {
  const ch = flag.trim().charAt(0);
  switch (ch) {
    case '贷':
    case '收':
    case '入':
    case '存':
    case 'C':
    case 'c':
    case '+':
      return 1;
    case '借':
    case '支':
    case '出':
    case '付':
    case '取':
    case 'D':
    case 'd':
    case '-':
      return -1;
    default:
      return 0;
  }
}

/**
 * An id for a line the bank printed without one (CMB, BOC, ICBC): date, time, amount and running balance,
 * so re-importing the same file, or an export that overlaps it, gives the same ids.
 */
function derivedId(
  date: string,
  time: string | null,
  amountMinor: number,
  balance: ReturnType<typeof readCnAmount> | null,
  digits: number,
): string {
  const amount = (amountMinor > 0 ? '+' : '') + formatMinor(amountMinor, digits);
  const at = time ? `${date}T${time}` : date;
  // An unreadable balance (ICBC's anonymised samples print `xx,yyyy.zz`) adds nothing; repeats get `#n`.
  return balance?.ok ? `${at}/${amount}/${formatMinor(balance.minor, digits)}` : `${at}/${amount}`;
}

/** Counts the note rows of a statement, for one warning that says how many were not read and where the first is. */
export class NoteRows {
  private count = 0;
  private first = 0;

  /** Notes one more row. */
  add(line: number): void {
    if (this.count++ === 0) this.first = line;
  }

  /** The warning, when there were notes. */
  issues(sheet: CnBankSheet): ParseIssue[] {
    if (this.count === 0) return [];
    return [
      codedIssue(
        this.first,
        sheet.header[sheet.columns.bookedDate >= 0 ? sheet.columns.bookedDate : sheet.columns.tradeDate] ?? '(row)',
        'warning',
        { code: 'notes_rows', params: { count: this.count } },
      ),
    ];
  }
}

/** Issues when a totals row (合计) or the title's opening balance disagrees with the lines read. */
export function checkCnBankTotals(
  lines: readonly BankLine[],
  total: readonly string[],
  sheet: CnBankSheet,
  opening: string | null,
  lastLine: number,
  totalLine?: number,
): ParseIssue[] {
  const issues: ParseIssue[] = [];
  if (lines.length === 0) return issues;
  const currency = lines[0]!.currency;
  if (lines.some(l => l.currency !== currency)) return issues;
  const digits = minorDigits(currency);
  const c = sheet.columns;
  let credits = 0,
    debits = 0;
  for (const l of lines) {
    if (l.amountMinor > 0) credits += l.amountMinor;
    else debits -= l.amountMinor;
  }
  const read = (col: number): number | null => {
    const text = cell(total, col);
    if (!text) return null;
    const r = parseAmount(text, { digits });
    return r.ok ? r.minor : null;
  };
  // readTable keeps no line numbers for its footer lines: then the issue names the last data line before it.
  const afterLine = totalLine === undefined ? lastLine : null;
  const at = totalLine ?? lastLine;
  const compare = (col: number, computed: number, side: 'credits' | 'debits'): void => {
    const printed = read(col);
    if (printed !== null && Math.abs(printed) !== computed) {
      issues.push(
        codedIssue(at, sheet.header[col] ?? '合计', 'warning', {
          code: 'statement_total',
          params: { side, printed: formatMinor(Math.abs(printed), digits), sum: formatMinor(computed, digits), afterLine },
        }),
      );
    }
  };
  if (c.credit >= 0) compare(c.credit, credits, 'credits');
  if (c.debit >= 0) compare(c.debit, debits, 'debits');
  const closing = read(c.balance);
  const start = opening === null ? null : parseAmount(opening, { digits });
  if (closing !== null && start !== null && start.ok && start.minor + credits - debits !== closing) {
    issues.push(
      codedIssue(at, sheet.header[c.balance] ?? '余额', 'warning', {
        code: 'statement_balance',
        params: {
          opening: formatMinor(start.minor, digits),
          computed: formatMinor(start.minor + credits - debits, digits),
          printed: formatMinor(closing, digits),
          afterLine,
        },
      }),
    );
  }
  return issues;
}

function emptyResult(issues: ParseIssue[]): ParseResult {
  return { format: 'cn-bank-csv', role: 'bank', acquirerTxns: [], bankLines: [], issues, merchantIds: [], acquirerName: null, periods: [] };
}

/** Reads a Chinese bank statement CSV (CCB, ICBC, CMB, BOC, BOCOM, ABC, SPDB layouts) into bank lines. */
export function parseCnBankCsv(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  const encoding = detectEncoding(bytes);
  const head = decodeText(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)), encoding);
  const found = findCnBankHeader(head);
  if (!found) {
    return emptyResult([
      codedIssue(1, '(header)', 'error', { code: 'no_statement_header', params: { fileName: ctx.fileName, within: 40, sheet: false } }),
    ]);
  }
  // The title lines sit above the header in the head already decoded; the sheet is ready before the first row.
  const titleLines = head
    .split('\n', found.line - 1)
    .map(cleanCell)
    .filter(l => l !== '');
  const card = cardStatementMark(found.cells, titleLines);
  if (card) return emptyResult([cardStatementIssue(ctx.fileName, found.line, card)]);
  const title = readCnBankTitle(titleLines);
  const sheet = newCnBankSheet(found.columns, found.cells, title);
  // readTable must stop at the very row found above: require every field that row has.
  const required = FIELDS.filter(f => found.columns[f] >= 0);
  const issues: ParseIssue[] = checkCnBankHeader(found.columns, found.line);
  const bankLines: BankLine[] = [];
  // Totals rows readTable does not take for a footer (ICBC `人民币合计`, one per currency) are skipped, not
  // an end of table: a later data row is still read, so no line is dropped without an issue.
  const totals: { readonly cells: readonly string[]; readonly line: number | undefined }[] = [];
  let lastLine = found.line;
  const notes = new NoteRows();
  const info = readTable(
    bytes,
    { fields: CN_BANK_COLUMNS, required, headerWithin: 40 },
    row => {
      const r = mapCnBankRow(row.cells, row.line, sheet, issues);
      if (r.kind === 'total') {
        totals.push({ cells: r.cells, line: row.line });
        return;
      }
      if (r.kind === 'note') {
        notes.add(row.line);
        return;
      }
      if (r.kind === 'line') bankLines.push(r.bankLine);
      lastLine = row.line;
    },
    ctx.onProgress ? { encoding, onProgress: ctx.onProgress } : { encoding },
  );
  issues.push(...info.issues, ...notes.issues(sheet));
  if (!info.columns) {
    issues.push(codedIssue(found.line, '(header)', 'error', { code: 'header_unreadable', params: {} }));
    return emptyResult(issues);
  }
  // CCB's `合计,,,收入57笔 支出19笔,…` ends the table inside readTable; its cells are in the footer.
  const footer = info.footer.find(l => TOTAL.test(l.slice(0, 12)));
  if (footer !== undefined) totals.push({ cells: splitRecord(footer, info.delimiter).map(cleanCell), line: undefined });
  // readTable ends the table at the first footer-like line (`合计`, `以上…`, `#`); rows after it are not read.
  // A dated row there may be a credit the merchant would then miss, so say so.
  const dateCol = sheet.columns.bookedDate >= 0 ? sheet.columns.bookedDate : sheet.columns.tradeDate;
  let unread = 0;
  for (let k = 1; k < info.footer.length; k++) {
    const cells = splitRecord(info.footer[k]!, info.delimiter);
    if (cells.length > dateCol && cells.length >= found.cells.length - 1 && parseLocalDateTime(cleanCell(cells[dateCol]!)) !== null)
      unread++;
  }
  if (unread > 0) {
    issues.push(codedIssue(lastLine, '(footer)', 'warning', { code: 'rows_after_footer', params: { count: unread } }));
  }
  const footerIssues =
    totals.length === 1 ? checkCnBankTotals(bankLines, totals[0]!.cells, sheet, title.opening, lastLine, totals[0]!.line) : [];
  issues.push(...footerIssues);
  const periods: StatementPeriod[] = [];
  if (title.from || title.to) {
    const digits = minorDigits(bankLines[0]?.currency ?? sheet.currency);
    const opening = title.opening === null ? null : parseAmount(title.opening, { digits });
    // A footer that does not add up shows lines are missing somewhere in the period (coverage says so).
    const mismatch = footerIssues[0];
    periods.push({
      account: title.account || (bankLines[0]?.account ?? ''),
      from: title.from,
      to: title.to,
      openingMinor: opening?.ok ? opening.minor : null,
      closingMinor: bankLines.length ? (bankLines[bankLines.length - 1]!.balanceMinor ?? null) : null,
      ...(mismatch && title.from && title.to
        ? { holes: [{ from: title.from, to: title.to, reason: 'footer_mismatch' as const, line: mismatch.line }] }
        : {}),
    });
  }
  return { ...emptyResult(issues), bankLines, periods };
}

/** Scores text that has a Chinese bank statement header in its first 40 lines. */
export function sniffCnBankCsv(head: string): number {
  return findCnBankHeader(head) ? 0.9 : 0;
}

/** Chinese bank statement CSVs: 收入/支出 or signed 交易金额, a running balance, titles and a 合计 footer. */
export const cnBankCsv: Format = {
  name: 'cn-bank-csv',
  role: 'bank',
  sniff: head => sniffCnBankCsv(head),
  parse: parseCnBankCsv,
};
