import { codedIssue, type BaiTotal, type CodedIssue, type DateLabel, type IssueParamMap } from '../../messages/index';
import { decodeText, detectEncoding } from '../decode';
import { tooManyLines } from '../limits';
import { isIsoDate } from '../../model/date';
import type { BankLine, Format, ParseContext, ParseIssue, ParseResult, StatementPeriod } from '../../model/types';

/** One physical line of a BAI2 file: its record code, its fields without the closing `/`, and its length. */
interface PhysicalRecord {
  readonly code: string;
  readonly line: number;
  readonly fields: string[];
  /** The text after the record code, for `88` lines that continue a `16` text field. */
  readonly body: string;
  readonly length: number;
}

/** A logical record: a physical record and the `88` lines that continue it. */
interface LogicalRecord {
  readonly head: PhysicalRecord;
  readonly continuations: PhysicalRecord[];
}

/** A `16` transaction detail as printed, before it becomes a bank line. */
export interface Bai2Detail {
  readonly line: number;
  readonly typeCode: number;
  readonly amount: number;
  readonly fundsType: string;
  readonly valueOn: string | null;
  readonly bankRef: string;
  readonly customerRef: string;
  readonly text: string;
}

/** A `03` account with its details, inside a `02` group. */
export interface Bai2Account {
  readonly line: number;
  readonly account: string;
  readonly currency: string;
  readonly asOf: string;
  readonly details: Bai2Detail[];
}

/**
 * Many BAI2 writers cut physical records at 80 columns in the middle of a word (NatWest:
 * `…INTERNATIONAL-5373 CLIE` + `88,NT SECCY AC TFR`): text after a full-width line joins without a space.
 */
const FULL_WIDTH = 80;

/** Reads a `YYMMDD` date (years 80–99 are 19xx). */
function yymmdd(text: string): string | null {
  if (!/^\d{6}$/.test(text)) return null;
  const yy = Number(text.slice(0, 2));
  const date = `${yy >= 80 ? 1900 + yy : 2000 + yy}-${text.slice(2, 4)}-${text.slice(4, 6)}`;
  return isIsoDate(date) ? date : null;
}

/** Reads a BAI2 amount: an integer in minor units, optionally signed; null when it is not one. */
function integer(text: string): number | null {
  if (!/^[+-]?\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * The records that may follow each record type, and the shape their start must have: some banks write
 * several records on one physical line (`…,2/02,…/03,…/`), and only a `/` followed by a record that may
 * come next in that shape is taken for a record boundary (a `16` text like `PAID 12/02, THANKS` is not).
 */
const NEXT_RECORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['01', ['02', '88']],
  ['02', ['03', '88']],
  ['03', ['16', '49', '88']],
  ['16', ['16', '49', '88']],
  ['88', ['02', '03', '16', '49', '88', '98', '99']],
  ['49', ['03', '98']],
  ['98', ['02', '99']],
]);
const RECORD_START: ReadonlyMap<string, RegExp> = new Map([
  ['16', /^16,\d{3},/],
  ['49', /^49,[+-]?\d*,\d*/],
  ['98', /^98,[+-]?\d*,\d*/],
  ['99', /^99,[+-]?\d*,\d*/],
]);

/** Splits one physical line at the `/` that close records when several records share it. */
function splitRecords(raw: string): string[] {
  if (raw.indexOf('/') < 0) return [raw];
  const parts: string[] = [];
  let start = 0;
  const boundary = /\/\s*(?=(\d\d),)/g;
  for (let m = boundary.exec(raw); m; m = boundary.exec(raw)) {
    const code = raw.slice(start, raw.indexOf(',', start)).trim();
    const next = m[1]!;
    const rest = raw.slice(m.index + m[0].length);
    if (!NEXT_RECORDS.get(code)?.includes(next) || !(RECORD_START.get(next) ?? /^\d\d,/).test(rest)) continue;
    parts.push(raw.slice(start, m.index + 1));
    start = m.index + m[0].length;
  }
  parts.push(raw.slice(start));
  return parts;
}

/**
 * Splits the text into physical records; the closing `/` is optional on the last one (SVB). A line that
 * starts like a continuation but lacks the comma (`88SEE ATTACHED`) and a line with no record type right
 * after a `16` or `88` (the bank wrapped the text without writing `88,`) continue the record before them.
 */
function readPhysical(text: string, issues: ParseIssue[]): PhysicalRecord[] {
  const out: PhysicalRecord[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    // eslint-disable-next-line no-control-regex -- stripping control characters from the record is the point
    const line = lines[i]!.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '').trimEnd();
    if (line.trim() === '') continue;
    for (const raw of splitRecords(line)) {
      const comma = raw.indexOf(',');
      let code = (comma < 0 ? raw : raw.slice(0, comma)).trim();
      let body = comma < 0 ? '' : raw.slice(comma + 1);
      const previous = out[out.length - 1]?.code;
      if (code !== '88' && /^88\D/.test(raw.trimStart())) {
        issues.push(codedIssue(i + 1, '88', 'warning', { code: 'continuation_read', params: { kind: 'no_comma' } }));
        code = '88';
        body = raw
          .trimStart()
          .slice(2)
          .replace(/^[\s,]+/, '');
      } else if (!/^\d/.test(code) && (previous === '16' || previous === '88')) {
        issues.push(codedIssue(i + 1, '88', 'warning', { code: 'continuation_read', params: { kind: 'no_type' } }));
        code = '88';
        body = raw.trim();
      }
      if (body.endsWith('/')) body = body.slice(0, -1);
      out.push({ code, line: i + 1, fields: body.split(','), body, length: raw.length });
    }
  }
  return out;
}

/** Hands out the fields of a record and then of its `88` continuations, one by one. */
class FieldCursor {
  private record = 0;
  private index = 0;
  constructor(private readonly parts: readonly PhysicalRecord[]) {}

  /** The next field, or null when the record and its continuations are used up. */
  next(): string | null {
    while (this.record < this.parts.length) {
      const fields = this.parts[this.record]!.fields;
      if (this.index < fields.length) return fields[this.index++]!.trim();
      this.record++;
      this.index = 0;
    }
    return null;
  }

  /** The line of the record the cursor is in, for issues. */
  get line(): number {
    return this.parts[Math.min(this.record, this.parts.length - 1)]!.line;
  }

  /**
   * The free text that ends a `16`: the rest of the current record (commas included) and every
   * following `88`, joined with a space unless the line before was cut at full width.
   */
  rest(): string {
    let text = '';
    let previousLength = 0;
    for (let r = this.record; r < this.parts.length; r++) {
      const part = this.parts[r]!;
      const piece = r === this.record ? part.fields.slice(this.index).join(',') : part.body;
      if (r > this.record && text !== '' && piece.trim() !== '') text += previousLength >= FULL_WIDTH ? '' : ' ';
      text += r === this.record ? piece.trim() : piece.trimEnd();
      previousLength = part.length;
    }
    this.record = this.parts.length;
    return text.trim();
  }
}

/** A record out of its place in a BAI2 file. */
function structure(what: IssueParamMap['bai2_structure']['what'], record = ''): CodedIssue {
  return { code: 'bai2_structure', params: { what, record } };
}

/** A BAI2 date (YYMMDD) that does not read. */
function baiDate(text: string, label: DateLabel): CodedIssue {
  return { code: 'bad_date_format', params: { text, label, where: null, kind: 'date', pattern: 'YYMMDD' } };
}

/** A BAI2 number field that is not a number. */
function notNumber(what: IssueParamMap['not_a_number']['what'], text: string, type: string | null = null): CodedIssue {
  return { code: 'not_a_number', params: { what, text, type } };
}

/** Groups physical records into logical ones, each `88` joining the record before it. */
function readLogical(records: PhysicalRecord[], issues: ParseIssue[]): LogicalRecord[] {
  const out: LogicalRecord[] = [];
  for (const r of records) {
    if (r.code === '88') {
      const previous = out[out.length - 1];
      if (!previous) issues.push(codedIssue(r.line, '88', 'error', structure('orphan_continuation')));
      else previous.continuations.push(r);
    } else {
      out.push({ head: r, continuations: [] });
    }
  }
  return out;
}

/** Running totals of a file, group or account, to check against its trailer. */
interface Totals {
  control: number;
  records: number;
  children: number;
}

const newTotals = (records: number): Totals => ({ control: 0, records, children: 0 });

/** Reads the BAI2 structure (groups, accounts, details) as printed, with the issues found on the way. */
export function readBai2(text: string): { accounts: Bai2Account[]; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  // A record with no type code still needs a field to name: '(record)'.
  const error = (line: number, field: string, coded: CodedIssue): void => {
    issues.push(codedIssue(line, field || '(record)', 'error', coded));
  };
  const warn = (line: number, field: string, coded: CodedIssue): void => {
    issues.push(codedIssue(line, field || '(record)', 'warning', coded));
  };
  const accounts: Bai2Account[] = [];
  const tooLong = tooManyLines(text);
  if (tooLong) {
    issues.push(tooLong);
    return { accounts, issues };
  }
  const records = readLogical(readPhysical(text, issues), issues);
  if (records.length === 0 || records[0]!.head.code !== '01') {
    error(records[0]?.head.line ?? 1, '01', structure('first_not_header'));
    return { accounts, issues };
  }

  let file: Totals | null = null;
  let group: (Totals & { line: number; asOf: string | null; currency: string }) | null = null;
  let account: (Totals & { data: Bai2Account | null; line: number }) | null = null;
  let ended = false;

  const closeAccount = (line: number): void => {
    if (account) warn(account.line, '49', { code: 'missing_trailer', params: { what: 'account', before: line } });
    account = null;
  };
  const closeGroup = (line: number): void => {
    closeAccount(line);
    if (group) warn(group.line, '98', { code: 'missing_trailer', params: { what: 'group', before: line } });
    group = null;
  };
  const check = (line: number, field: string, what: BaiTotal, printed: string | undefined, counted: number): number => {
    const total = (problem: IssueParamMap['trailer_total']['problem'], text: string): CodedIssue => ({
      code: 'trailer_total',
      params: { what, problem, printed: text, counted },
    });
    // Some banks leave a trailer short of a field (`98,10000,2/` with no record count): nothing to check, not an error.
    if (printed === undefined || printed.trim() === '') {
      warn(line, field, total('missing', printed ?? ''));
      return counted;
    }
    const value = integer(printed.trim());
    if (value === null) error(line, field, total('not_number', printed));
    else if (value !== counted) warn(line, field, total('differs', String(value)));
    return value ?? counted;
  };

  for (const rec of records) {
    const { head } = rec;
    const physical = 1 + rec.continuations.length;
    if (file) file.records += physical;
    if (group) group.records += physical;
    if (account) account.records += physical;
    const f = head.fields.map(s => s.trim());
    if (ended) {
      error(head.line, head.code, structure('after_trailer', head.code));
      continue;
    }
    switch (head.code) {
      case '01':
        if (file) {
          error(head.line, '01', structure('second_header'));
          break;
        }
        file = newTotals(physical);
        if (f[7] !== undefined && f[7] !== '' && f[7] !== '2') warn(head.line, '01', { code: 'bai_version', params: { version: f[7] } });
        break;
      case '02': {
        closeGroup(head.line);
        const asOf = yymmdd(f[3] ?? '');
        if (!asOf) error(head.line, '02', baiDate(f[3] ?? '', 'as-of date'));
        const currency = (f[5] ?? '').toUpperCase();
        if (currency !== '' && !/^[A-Z]{3}$/.test(currency))
          error(head.line, '02', { code: 'bad_currency', params: { text: f[5] ?? '', labelled: true } });
        group = { ...newTotals(physical), line: head.line, asOf, currency };
        if (file) file.children++;
        break;
      }
      case '03': {
        closeAccount(head.line);
        if (!group) {
          error(head.line, '03', structure('account_outside_group'));
          break;
        }
        const cursor = new FieldCursor([head, ...rec.continuations]);
        const number = cursor.next() ?? '';
        const printedCurrency = (cursor.next() ?? '').toUpperCase();
        if (number === '') error(head.line, '03', structure('no_account_number'));
        if (printedCurrency !== '' && !/^[A-Z]{3}$/.test(printedCurrency))
          error(head.line, '03', { code: 'bad_currency', params: { text: printedCurrency, labelled: true } });
        // BAI2 defaults to USD when neither the account nor its group names a currency.
        const currency = printedCurrency || group.currency || 'USD';
        const totals = newTotals(physical);
        totals.control += readSummaries(cursor, error);
        const data = group.asOf ? { line: head.line, account: number, currency, asOf: group.asOf, details: [] } : null;
        if (data) accounts.push(data);
        account = { ...totals, data, line: head.line };
        group.children++;
        break;
      }
      case '16': {
        if (!account) {
          error(head.line, '16', structure('detail_outside_account'));
          break;
        }
        const detail = readDetail(new FieldCursor([head, ...rec.continuations]), head.line, error);
        if (detail) {
          account.control += detail.amount;
          if (detail.typeCode >= 100 && detail.typeCode <= 699) account.data?.details.push(detail);
          else warn(head.line, '16', { code: 'type_code_skipped', params: { typeCode: detail.typeCode } });
        }
        break;
      }
      case '49': {
        if (!account) {
          error(head.line, '49', structure('account_trailer_unopened'));
          break;
        }
        const control = check(head.line, '49', 'account_control', f[0], account.control);
        check(head.line, '49', 'account_records', f[1], account.records);
        if (group) group.control += control;
        account = null;
        break;
      }
      case '98': {
        if (!group) {
          error(head.line, '98', structure('group_trailer_unopened'));
          break;
        }
        closeAccount(head.line);
        const control = check(head.line, '98', 'group_control', f[0], group.control);
        check(head.line, '98', 'group_accounts', f[1], group.children);
        check(head.line, '98', 'group_records', f[2], group.records);
        if (file) file.control += control;
        group = null;
        break;
      }
      case '99': {
        closeGroup(head.line);
        if (file) {
          check(head.line, '99', 'file_control', f[0], file.control);
          check(head.line, '99', 'file_groups', f[1], file.children);
          check(head.line, '99', 'file_records', f[2], file.records);
        }
        ended = true;
        break;
      }
      default:
        error(head.line, head.code.slice(0, 8) || '(record)', { code: 'bad_record_type', params: { text: head.code.slice(0, 8) } });
    }
  }
  if (!ended) {
    const tail = records[records.length - 1]!;
    const last = (tail.continuations[tail.continuations.length - 1] ?? tail.head).line;
    closeGroup(last);
    issues.push(codedIssue(last, '99', 'warning', { code: 'may_be_cut_short', params: { missing: 'trailer', rows: records.length } }));
  }
  return { accounts, issues };
}

/** Reads the extra fields a funds type adds (V: date, time; S: 3 amounts; D: count + day/amount pairs). */
function readFunds(
  cursor: FieldCursor,
  fundsType: string,
  line: number,
  field: string,
  error: (line: number, field: string, coded: CodedIssue) => void,
): { valueOn: string | null } | null {
  switch (fundsType) {
    case '':
    case 'Z':
    case '0':
    case '1':
    case '2':
      return { valueOn: null };
    case 'V': {
      const date = cursor.next() ?? '';
      cursor.next(); // value time: 2400 and 9999 mean end of day; the date is what matters here
      const valueOn = yymmdd(date);
      if (!valueOn) {
        error(line, field, baiDate(date, 'value date'));
        return null;
      }
      return { valueOn };
    }
    case 'S':
      for (let k = 0; k < 3; k++) {
        const amount = cursor.next() ?? '';
        if (amount !== '' && integer(amount) === null) {
          error(line, field, notNumber('availability_amount', amount));
          return null;
        }
      }
      return { valueOn: null };
    case 'D': {
      const countText = cursor.next() ?? '';
      const count = integer(countText);
      if (count === null || count < 0 || count > 1000) {
        error(line, field, notNumber('distribution_count', countText));
        return null;
      }
      for (let k = 0; k < 2 * count; k++) {
        const value = cursor.next() ?? '';
        if (integer(value) === null) {
          error(line, field, notNumber('distribution', value));
          return null;
        }
      }
      return { valueOn: null };
    }
    default:
      error(line, field, { code: 'bad_funds_type', params: { text: fundsType } });
      return null;
  }
}

/** Reads the type code / amount / item count / funds type groups of a `03` and returns the sum of their amounts. */
function readSummaries(cursor: FieldCursor, error: (line: number, field: string, coded: CodedIssue) => void): number {
  let sum = 0;
  for (;;) {
    const type = cursor.next();
    if (type === null) return sum;
    // A record closed with `,/` leaves an empty field where the next type code would be.
    if (type === '') continue;
    const line = cursor.line;
    if (!/^\d{3}$/.test(type)) {
      error(line, '03', { code: 'type_code_digits', params: { text: type, summary: true } });
      return sum;
    }
    const amountText = cursor.next() ?? '';
    const amount = amountText === '' ? 0 : integer(amountText);
    if (amount === null) {
      error(line, '03', notNumber('summary_amount', amountText, type));
      return sum;
    }
    sum += amount;
    const countText = cursor.next() ?? '';
    if (countText !== '' && integer(countText) === null) {
      error(line, '03', notNumber('item_count', countText, type));
      return sum;
    }
    if (!readFunds(cursor, (cursor.next() ?? '').toUpperCase(), line, '03', error)) return sum;
  }
}

/** Reads a `16` record and its `88` text; null (with an error) when it is malformed. */
function readDetail(cursor: FieldCursor, line: number, error: (line: number, field: string, coded: CodedIssue) => void): Bai2Detail | null {
  const typeText = cursor.next() ?? '';
  if (!/^\d{3}$/.test(typeText)) {
    error(line, '16', { code: 'type_code_digits', params: { text: typeText, summary: false } });
    return null;
  }
  const amountText = cursor.next() ?? '';
  const typeCode = Number(typeText);
  // Information records (890 and other codes outside 100–699) may leave the amount empty.
  const amount = /^\d+$/.test(amountText) ? integer(amountText) : amountText === '' && (typeCode < 100 || typeCode > 699) ? 0 : null;
  if (amount === null) {
    error(line, '16', { code: 'not_minor_units', params: { text: amountText } });
    return null;
  }
  const fundsType = (cursor.next() ?? '').toUpperCase();
  const funds = readFunds(cursor, fundsType, line, '16', error);
  if (!funds) return null;
  const bankRef = cursor.next() ?? '';
  const customerRef = cursor.next() ?? '';
  const text = cursor.rest();
  return { line, typeCode, amount, fundsType, valueOn: funds.valueOn, bankRef, customerRef, text };
}

/** Reads a BAI2 cash management file into bank lines: 100–399 credits, 400–699 debits. */
export function parseBai2(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  const { accounts, issues } = readBai2(decodeText(bytes, detectEncoding(bytes)));
  // The bank reference is the id when unique in the file, else the customer reference, else a position.
  const seen = new Map<string, number>();
  for (const a of accounts)
    for (const d of a.details) for (const ref of [d.bankRef, d.customerRef]) if (ref !== '') seen.set(ref, (seen.get(ref) ?? 0) + 1);
  const bankLines: BankLine[] = [];
  const periods: StatementPeriod[] = [];
  const used = new Set<string>();
  for (const a of accounts) {
    a.details.forEach((d, index) => {
      const position = `bai2:${a.account}:${a.asOf}:${index + 1}`;
      let id = [d.bankRef, d.customerRef].find(ref => ref !== '' && seen.get(ref) === 1) ?? position;
      for (let k = 2; used.has(id); k++) id = `${position}#${k}`;
      used.add(id);
      bankLines.push({
        id,
        account: a.account,
        bookedOn: a.asOf,
        valueOn: d.valueOn,
        amountMinor: d.typeCode <= 399 ? d.amount : -d.amount,
        currency: a.currency,
        counterparty: '',
        description: d.text,
        line: d.line,
      });
    });
    periods.push({ account: a.account, from: a.asOf, to: a.asOf });
  }
  ctx.onProgress?.(1);
  return { format: 'bai2', role: 'bank', acquirerTxns: [], bankLines, issues, merchantIds: [], acquirerName: null, periods };
}

/** Scores text as BAI2: the first record is a file header `01,`. */
export function sniffBai2(head: string): number {
  const first =
    head
      .replace(/^\ufeff/, '')
      .split(/\r\n|\n|\r/)
      .find(l => l.trim() !== '') ?? '';
  return /^01,[^,]*,[^,]*,\d{6},/.test(first.trim()) ? 0.95 : 0;
}

/** BAI2 (Bank Administration Institute, version 2) previous-day and intraday reports. */
export const bai2: Format = {
  name: 'bai2',
  role: 'bank',
  sniff: sniffBai2,
  parse: parseBai2,
};
