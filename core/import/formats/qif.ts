import { codedIssue, amountIssue } from '../../messages/index';
import { decodeText, detectEncoding } from '../decode';
import { MAX_ROWS, tooManyLines, tooManyRows } from '../limits';
import { parseAmount } from '../../model/money';
import { isIsoDate, type DateOrder } from '../../model/date';
import type { BankLine, Format, ParseContext, ParseIssue, ParseResult } from '../../model/types';

/** One `^`-terminated QIF record: its first line and its field lines by code letter. */
interface QifRecord {
  readonly line: number;
  readonly fields: { readonly code: string; readonly value: string; readonly line: number }[];
  readonly account: string;
}

/**
 * A QIF date split into its three printed numbers, before the file's order is known. `iso` dates
 * (`2019-01-23`, `2019/01/23`) are year first whatever the file says; a 4-digit or apostrophe year
 * (`01/23/2019`, `1/ 1'00`) ends the date; only three short numbers (`26/03/15`) may also be year first.
 */
export interface DateParts {
  readonly first: number;
  readonly second: number;
  readonly third: number;
  readonly form: 'iso' | 'long' | 'apostrophe' | 'short';
}

// Account types whose records are bank-like transactions (D, T, P, M …).
const BANK_TYPES = new Set(['bank', 'cash', 'ccard', 'oth a', 'oth l']);

/** QIF carries no currency: lines are marked ISO 4217 "XXX" (no currency) until the merchant says which. */
export const QIF_CURRENCY = 'XXX';

/** The orders a file's dates may be in: Quicken's US default first. */
const ORDERS: readonly DateOrder[] = ['mdy', 'dmy', 'ymd'];
const ORDER_NAMES: Readonly<Record<DateOrder, string>> = { mdy: 'month/day/year', dmy: 'day/month/year', ymd: 'year/month/day' };

/**
 * Reads the parts of a QIF date: `01/23/2019`, `1/23/19`, `1/ 1'00` and `1/ 5' 4` (Quicken pads with spaces
 * and writes years from 2000 after an apostrophe), `23.01.2019`, `26/03/15`, `2019-01-23`. Null when it is not a date.
 */
export function dateParts(text: string): DateParts | null {
  const s = text.trim();
  const iso = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(s);
  if (iso) return { first: Number(iso[1]), second: Number(iso[2]), third: Number(iso[3]), form: 'iso' };
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*(['/.-])\s*(\d{4}|\d{1,2})$/.exec(s);
  if (!m || (m[4]!.length === 1 && m[3] !== "'")) return null;
  const form = m[4]!.length === 4 ? 'long' : m[3] === "'" ? 'apostrophe' : 'short';
  return { first: Number(m[1]), second: Number(m[2]), third: Number(m[4]), form };
}

/** A two-digit year: after an apostrophe always 20xx (Quicken), otherwise 19xx from 70 on. */
function widenYear(yy: number, apostrophe: boolean): number {
  return apostrophe || yy < 70 ? 2000 + yy : 1900 + yy;
}

/** The date in `order`, or null when the parts are no real date in that order. */
export function isoFromParts(p: DateParts, order: DateOrder): string | null {
  let year: number, month: number, day: number;
  if (p.form === 'iso') [year, month, day] = [p.first, p.second, p.third];
  else if (order === 'ymd') {
    if (p.form !== 'short') return null;
    [year, month, day] = [widenYear(p.first, false), p.second, p.third];
  } else {
    year = p.form === 'long' ? p.third : widenYear(p.third, p.form === 'apostrophe');
    [month, day] = order === 'mdy' ? [p.first, p.second] : [p.second, p.first];
  }
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
}

/** Days from the first to the last of some ISO dates. */
function spanDays(dates: readonly string[]): number {
  let min = Infinity,
    max = -Infinity;
  for (const d of dates) {
    const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return dates.length === 0 ? 0 : (max - min) / 86_400_000;
}

/**
 * The order of a file's dates, decided from all of them because QIF does not say (GnuCash's QIF import
 * does the same: it keeps the formats every date parses in, and asks when several remain). An order fits
 * when every date is a real date in it. When several fit, the one whose dates lie closest together wins
 * if it is clearly closer (a register covers weeks, not decades: `24/03/15 24/04/02` is 2024), else
 * month first (Quicken's US default); `ambiguous` says the dates would read differently in another order
 * that fits. `conflicting` when no order reads every date.
 */
export function dateOrder(dates: readonly DateParts[]): { order: DateOrder; ambiguous: boolean; conflicting: boolean } {
  const readings = new Map<DateOrder, string[]>(ORDERS.map(o => [o, []]));
  const fits = new Set(ORDERS);
  for (const d of dates) {
    if (d.form === 'iso') continue;
    const read = ORDERS.map(o => isoFromParts(d, o));
    // A date no order reads (02/30/2026) gets its own error; it says nothing about the order.
    if (read.every(r => r === null)) continue;
    ORDERS.forEach((o, k) => {
      if (read[k] === null) fits.delete(o);
      else readings.get(o)!.push(read[k]!);
    });
  }
  if (fits.size === 0) return { order: 'mdy', ambiguous: false, conflicting: true };
  const fitting = ORDERS.filter(o => fits.has(o));
  let order = fitting[0]!;
  for (const other of fitting.slice(1)) {
    if (spanDays(readings.get(other)!) * 2 < spanDays(readings.get(order)!)) order = other;
  }
  const chosen = readings.get(order)!;
  const ambiguous = fitting.some(o => o !== order && readings.get(o)!.some((d, i) => d !== chosen[i]));
  return { order, ambiguous, conflicting: false };
}

/** The order a `!Option:MDY` / `!Option:DMY` / `!Option:YMD` line sets, as some QIF writers print it. */
function optionOrder(header: string): DateOrder | null {
  const m = /^option:\s*(mdy|dmy|ymd)$/i.exec(header.trim());
  return m ? (m[1]!.toLowerCase() as DateOrder) : null;
}

/** Splits the text into records of the bank-like sections, remembering the `!Account` each belongs to. */
function readRecords(text: string, issues: ParseIssue[]): { records: QifRecord[]; order: DateOrder | null } {
  const records: QifRecord[] = [];
  let order: DateOrder | null = null;
  const tooLong = tooManyLines(text);
  if (tooLong) {
    issues.push(tooLong);
    return { records, order };
  }
  const lines = text.split(/\r\n|\n|\r/);
  // null before any header; 'bank' in a transaction section; 'account' in an !Account block; 'skip' elsewhere.
  let section: 'bank' | 'account' | 'skip' | null = null;
  let account = '';
  let pendingAccount = '';
  let current: QifRecord | null = null;
  let warnedHeaderless = false;
  for (let i = 0; i < lines.length; i++) {
    // eslint-disable-next-line no-control-regex -- stripping control characters from the line is the point
    const raw = lines[i]!.replace(/^\ufeff/, '').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('!')) {
      const header = line.slice(1).trim().toLowerCase();
      if (header.startsWith('type:')) {
        const type = header.slice(5).trim();
        if (BANK_TYPES.has(type)) section = 'bank';
        else {
          section = 'skip';
          if (type === 'invst')
            issues.push({
              line: i + 1,
              field: '!Type',
              severity: 'warning',
              message: 'investment transactions (!Type:Invst) are not read',
            });
        }
      } else if (header === 'account') {
        section = 'account';
        pendingAccount = '';
      } else if (header.startsWith('option:')) {
        order = optionOrder(header) ?? order;
      } else if (!header.startsWith('clear:')) {
        section = 'skip';
        issues.push({
          line: i + 1,
          field: '!',
          severity: 'warning',
          message: `"${line.slice(0, 40)}" is not a QIF section this reader knows; its records are skipped`,
        });
      }
      current = null;
      continue;
    }
    if (section === null) {
      if (!warnedHeaderless) issues.push({ line: i + 1, field: '!Type', severity: 'error', message: 'a record before any !Type: header' });
      warnedHeaderless = true;
      continue;
    }
    if (line === '^' || raw.startsWith('^')) {
      if (section === 'account') account = pendingAccount;
      current = null;
      continue;
    }
    const code = raw.trimStart()[0]!;
    const value = raw.trimStart().slice(1).trim();
    if (section === 'account') {
      if (code === 'N') pendingAccount = value;
      continue;
    }
    if (section !== 'bank') continue;
    if (!current) {
      if (records.length >= MAX_ROWS) {
        // Refused before the rest is read: ten million tiny records would otherwise exhaust memory.
        issues.push(tooManyRows(i + 1));
        return { records: [], order };
      }
      current = { line: i + 1, fields: [], account };
      records.push(current);
    }
    current.fields.push({ code, value, line: i + 1 });
  }
  const last = records[records.length - 1];
  if (current && last === current) {
    issues.push(
      codedIssue(current.line, '^', 'warning', { code: 'may_be_cut_short', params: { missing: 'record_end', rows: records.length } }),
    );
  }
  return { records, order };
}

/** Reads a QIF money value (`-1,234.56`, `-10,00`) into cents; QIF has no currency, so two decimals. */
function money(text: string): ReturnType<typeof parseAmount> {
  return parseAmount(text, { digits: 2 });
}

/**
 * Reads the bank, cash and credit-card transactions of a QIF file into bank lines. The date order is the
 * caller's (`ctx.dateOrder`), else the file's `!Option:` line, else read from the dates themselves.
 */
export function parseQif(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  const issues: ParseIssue[] = [];
  const { records, order: printedOrder } = readRecords(decodeText(bytes, detectEncoding(bytes)), issues);
  const error = (line: number, field: string, message: string): void => {
    issues.push({ line, field, message, severity: 'error' });
  };
  const warn = (line: number, field: string, message: string): void => {
    issues.push({ line, field, message, severity: 'warning' });
  };

  // Registers repeat the same few hundred dates; read each printed form once.
  const partsCache = new Map<string, DateParts | null>();
  const dates = records.map(r => {
    const d = r.fields.find(f => f.code === 'D');
    if (!d) return null;
    let parts = partsCache.get(d.value);
    if (parts === undefined) {
      parts = dateParts(d.value);
      partsCache.set(d.value, parts);
    }
    return { field: d, parts };
  });
  const given = ctx.dateOrder ?? printedOrder;
  const detected = given ? null : dateOrder(dates.flatMap(d => (d?.parts ? [d.parts] : [])));
  const order = given ?? detected!.order;
  if (detected?.conflicting) {
    // The first date that month/day/year, Quicken's default, cannot read names the conflict.
    const first = dates.find(d => d?.parts && isoFromParts(d.parts, 'mdy') === null) ?? dates.find(d => d?.parts)!;
    error(
      first.field.line,
      'D',
      'the dates mix orders: no one order (month/day/year, day/month/year or year/month/day) reads them all; set the order (!Option:MDY, DMY or YMD)',
    );
  } else if (detected?.ambiguous) {
    const first = dates.find(d => d?.parts && d.parts.form !== 'iso')!;
    warn(first.field.line, 'D', `the dates do not show their order; read as ${ORDER_NAMES[order]} (set it with !Option:MDY, DMY or YMD)`);
  }

  const bankLines: BankLine[] = [];
  const occurrences = new Map<string, number>();
  const isoCache = new Map<string, string | null>();
  records.forEach((r, index) => {
    const date = dates[index];
    const get = (code: string): string | null => r.fields.find(f => f.code === code)?.value ?? null;
    let bookedOn: string | null = null;
    if (!date) error(r.line, 'D', 'the record has no date (D)');
    else if (!date.parts) error(date.field.line, 'D', `"${date.field.value}" is not a date`);
    else {
      bookedOn = isoCache.get(date.field.value) ?? isoFromParts(date.parts, order);
      isoCache.set(date.field.value, bookedOn);
      if (!bookedOn) error(date.field.line, 'D', `"${date.field.value}" is not a date in ${ORDER_NAMES[order]} order`);
    }

    // Split amounts ($) share out the total; they are checked against it, never added to the line.
    let splitTotal = 0;
    let splitCount = 0;
    const badSplits: { line: number; message: string }[] = [];
    for (const f of r.fields.filter(x => x.code === '$')) {
      const split = money(f.value);
      if (!split.ok) badSplits.push({ line: f.line, message: `split amount ${split.message}` });
      else {
        splitTotal += split.minor;
        splitCount++;
      }
    }
    const splitsOk = badSplits.length === 0;
    const amountField = r.fields.find(f => f.code === 'T') ?? r.fields.find(f => f.code === 'U');
    let amountMinor: number | null = null;
    if (amountField) {
      const amount = money(amountField.value);
      if (!amount.ok) issues.push(codedIssue(amountField.line, amountField.code, 'error', amountIssue(amount, 'amount')));
      else {
        amountMinor = amount.minor;
        if (splitCount > 0 && splitsOk && splitTotal !== amountMinor) {
          warn(amountField.line, '$', `the splits add up to ${splitTotal} but the amount is ${amountMinor} (minor units)`);
        }
      }
    } else if (splitCount > 0 && splitsOk) {
      amountMinor = splitTotal;
    } else if (splitsOk) {
      error(r.line, 'T', 'the record has no amount (T)');
    }
    // A split Quicken writes and this reader cannot (`$=746.36` in its own example file) only loses the check when the
    // record's total (T) is read; with no total to take, the record cannot be read.
    for (const bad of badSplits) {
      if (amountMinor !== null) warn(bad.line, '$', `${bad.message}; the record's amount (T) is taken and its splits are not checked`);
      else error(bad.line, '$', bad.message);
    }
    if (bookedOn === null || amountMinor === null) return;

    const payee = get('P') ?? '';
    // QIF has no transaction ids: date, amount, payee and how often that trio occurred before stay stable on re-import.
    const key = `${bookedOn}:${amountMinor}:${payee}`;
    const seen = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, seen);
    bankLines.push({
      id: `qif:${key}:${seen}`,
      account: r.account,
      bookedOn,
      valueOn: null,
      amountMinor,
      currency: QIF_CURRENCY,
      counterparty: payee,
      description: get('M') ?? '',
      line: r.line,
    });
  });
  if (bankLines.length > 0) {
    warn(
      bankLines[0]!.line,
      '(file)',
      `QIF states no currency; the lines are marked ${QIF_CURRENCY} until the account's currency is known`,
    );
  }
  if (records.length === 0 && !issues.some(i => i.severity === 'error')) {
    error(1, '!Type', 'no bank, cash or credit card transactions (!Type:Bank, Cash, CCard, Oth A, Oth L) found');
  }
  ctx.onProgress?.(1);
  return { format: 'qif', role: 'bank', acquirerTxns: [], bankLines, issues, merchantIds: [], acquirerName: null, periods: [] };
}

/** Scores text as QIF: a line starting `!Type:` (or `!Account`/`!Option:`) among the first lines. */
export function sniffQif(head: string): number {
  const lines = head.replace(/^\ufeff/, '').split(/\r\n|\n|\r/, 20);
  return lines.some(l => /^!(?:type:|account\s*$|option:)/i.test(l.trim())) ? 0.9 : 0;
}

/** Quicken Interchange Format bank, cash and credit card registers. */
export const qif: Format = {
  name: 'qif',
  role: 'bank',
  sniff: sniffQif,
  parse: parseQif,
};
