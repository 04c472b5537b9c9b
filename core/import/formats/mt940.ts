import type { CutMarker } from '../../messages/types';
import { codedIssue, amountIssue } from '../../messages/index';
import { decodeText, detectEncoding } from '../decode';
import { tooManyLines } from '../limits';
import { minorDigits, parseAmount } from '../../model/money';
import { isIsoDate } from '../../model/date';
import type { BankLine, Format, ParseContext, ParseIssue, ParseResult, StatementPeriod } from '../../model/types';

/** One tag of a message: `:61:` with the text after the tag and its continuation lines. */
interface TagField {
  readonly tag: string;
  readonly line: number;
  readonly lines: string[];
}

/** A balance tag (`:60F:` `C110522EUR3236,28`): signed minor units, date and currency. */
export interface Balance {
  readonly date: string;
  readonly currency: string;
  readonly amountMinor: number;
  readonly line: number;
}

/** A `:61:` statement line as printed, before the statement's currency turns its amount into minor units. */
export interface Mt940Entry {
  readonly line: number;
  readonly valueOn: string;
  /** The entry date when printed (`MMDD`, year from the value date), else the value date. */
  readonly bookedOn: string;
  /** `C`, `D`, `RC`, `RD` (reversals), `EC`, `ED` (expected, MT942). */
  readonly mark: string;
  readonly sign: 1 | -1;
  readonly fundsCode: string | null;
  readonly amountText: string;
  /** `N` + 3 characters (`NTRF`, `NMSC`, `N192`), a shorter one with its padding trimmed (`S`), or '' when the bank printed none. */
  readonly typeCode: string;
  readonly customerRef: string;
  readonly bankRef: string;
  /** The supplementary details: the `:61:` second line, or what Rabobank prints after a 16-character reference. */
  readonly supplementary: string;
  /** The raw `:86:` lines that follow the entry, several `:86:` tags joined. */
  details: string[] | null;
  /** Why the value date is not the one printed (30 February read as the month's last day), or null. */
  readonly dateNote: string | null;
}

/** What the `:86:` text says, reduced to the two fields the matcher searches. */
export interface EntryDetails {
  readonly description: string;
  readonly counterparty: string;
}

const TAG = /^:(\d{2}[A-Z]?|NS):/;
// A message ends with `-` alone (`-XXX` at ING, `-}` in a SWIFT FIN envelope, `-` + ETX at mBank).
const MESSAGE_END = /^-(?:XXX)?\s*$|^-\}/;
// SOH/ETX wrap mBank's MT942 messages; soft hyphens U+00AD sit inside ING's `:86:` text.
// eslint-disable-next-line no-control-regex -- stripping control characters from the message is the point
const STRAY = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad]/g;
// Old Rabobank files write the amount with a decimal point (`C080930EUR1234.56`).
const BALANCE = /^([CD])(\d{6})([A-Za-z]{3})(\d[\d,.]*)$/;
// YYMMDD value date, [MMDD] entry date, mark (RC/RD reversals; EC/ED expected in MT942),
// [funds code], amount with decimal comma (a point in old Rabobank files), [transaction type], rest = references.
// The type is `N` + 3 characters in SWIFT's book, but banks pad shorter ones with spaces (`NOV `, `S   `,
// WoLpH mt940 reads `[A-Z][A-Z0-9 ]{3}`) and some leave it out altogether (`C100,00//REF`).
const STATEMENT_LINE = /^(\d{6})(\d{4})?(RC|RD|EC|ED|C|D)([A-Z])?(\d[\d,.]{0,16})([A-Z][A-Z0-9 ]{3})?(.*)$/;

// A statement repeats a handful of dates thousands of times; reading each once keeps large files fast.
const dateCache = new Map<string, string | null>();

/** Reads a `YYMMDD` date; MT940 years 80–99 are 19xx, the rest 20xx. */
function yymmdd(text: string): string | null {
  let date = dateCache.get(text);
  if (date === undefined) {
    const yy = Number(text.slice(0, 2));
    const year = yy >= 80 ? 1900 + yy : 2000 + yy;
    date = `${year}-${text.slice(2, 4)}-${text.slice(4, 6)}`;
    if (!isIsoDate(date)) date = null;
    if (dateCache.size < 10_000) dateCache.set(text, date);
  }
  return date;
}

/**
 * A `YYMMDD` whose day lies past the end of its month, as that month's last day: German banks date interest
 * by the 30/360 convention (`160230`, 30 February), and WoLpH mt940 reads it so (february_30.sta). Null when
 * the month or day is impossible in any month.
 */
function clampedDate(text: string): string | null {
  if (!/^\d{6}$/.test(text)) return null;
  const yy = Number(text.slice(0, 2));
  const year = yy >= 80 ? 1900 + yy : 2000 + yy;
  const month = Number(text.slice(2, 4));
  const day = Number(text.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${text.slice(2, 4)}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/**
 * The entry (booking) date of a `:61:` line, which prints only `MMDD`: the year is the one that puts
 * it nearest the value date, so a 31 Dec value date booked `0102` is booked in the next year and a
 * 2 Jan value date booked `1231` in the previous one (WoLpH mt940 `test_entry_dates.py`).
 */
export function entryDate(valueOn: string, mmdd: string): string | null {
  const key = valueOn + mmdd;
  let date = dateCache.get(key);
  if (date === undefined) {
    date = nearestEntryDate(valueOn, mmdd);
    if (dateCache.size < 10_000) dateCache.set(key, date);
  }
  return date;
}

/** The `MMDD` date in the year before, of, or after the value date that lies nearest to it. */
function nearestEntryDate(valueOn: string, mmdd: string): string | null {
  const year = Number(valueOn.slice(0, 4));
  const value = Date.UTC(year, Number(valueOn.slice(5, 7)) - 1, Number(valueOn.slice(8, 10)));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const y of [year - 1, year, year + 1]) {
    const date = `${y}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`;
    if (!isIsoDate(date)) continue;
    const distance = Math.abs(Date.UTC(y, Number(mmdd.slice(0, 2)) - 1, Number(mmdd.slice(2, 4))) - value);
    if (distance < bestDistance) {
      best = date;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Reads a `:86:` field. German banks (ZKA/DATEV "Mehrzweckfeld") print a 3-digit code and `?NN`
 * sub-fields wrapped at 65 columns anywhere, even inside `?2` `2`, so the lines are joined as they are
 * before splitting: purpose = `?20`–`?29` + `?60`–`?63`, counterparty = `?32` + `?33`. mBank prints
 * `KEY: value;` pairs (`OD:` payer, `DO:` payee). Anything else is free text, one line per line.
 */
export function readDetails(lines: readonly string[]): EntryDetails {
  const joined = lines.join('');
  if (/^\s*\d{3}\?\d{2}/.test(joined)) {
    const purpose: string[] = [];
    let counterparty = '';
    const parts = joined
      .trim()
      .slice(3)
      .split(/\?(\d{2})/);
    for (let i = 1; i + 1 < parts.length; i += 2) {
      const code = Number(parts[i]);
      const text = parts[i + 1]!;
      if ((code >= 20 && code <= 29) || (code >= 60 && code <= 63)) purpose.push(text);
      else if (code === 32 || code === 33) counterparty += text;
    }
    return { description: purpose.join('').trim(), counterparty: counterparty.trim() };
  }
  const structured = readStructured(joined);
  if (structured) return structured;
  const text = lines
    .map(l => l.trimEnd())
    .join('\n')
    .trim();
  let counterparty = '';
  if (/;\s*(?:OD|DO):/.test(text)) {
    // mBank wraps at 65 columns after a trailing space, so its lines join with a space.
    for (const part of lines
      .map(l => l.trim())
      .join(' ')
      .split(';')) {
      const m = /^\s*(OD|DO):\s*(.*)$/.exec(part);
      if (m && m[2]!.trim() !== '') {
        counterparty = m[2]!.trim().replace(/\s+/g, ' ');
        break;
      }
    }
  }
  return { description: text, counterparty };
}

/**
 * Keys of the structured `:86:` Dutch banks print since SEPA (Rabobank, ING, ABN AMRO, Triodos:
 * `/TRTP/SEPA OVERBOEKING/IBAN/NL…/BIC/…/NAME/J JANSEN/REMI/factuur 12/EREF/…`). A value runs to the next
 * `/KEY/`; a party block (`/BENM//NAME/…`, `/ORDP//NAME/…`) is a key with an empty value before its NAME.
 */
const STRUCTURED_KEYS = [
  'TRTP',
  'IBAN',
  'BIC',
  'NAME',
  'ADDR',
  'REMI',
  'EREF',
  'MARF',
  'CSID',
  'CNTP',
  'BENM',
  'ORDP',
  'ULTD',
  'ULTC',
  'ULTB',
  'PURP',
  'RTRN',
  'ISDT',
  'IREF',
  'PREF',
  'BUSP',
  'SVCL',
  'ACCW',
  'EXCH',
  'OCMT',
  'CHGS',
  'CDTRREF',
  'CDTRREFTP',
];
const STRUCTURED_KEY = new RegExp(`/(${STRUCTURED_KEYS.join('|')})/`, 'g');
// References worth keeping beside the remittance text: a payout id may sit in any of them.
const STRUCTURED_REFS = ['EREF', 'MARF', 'PREF', 'IREF', 'CSID'];

/**
 * Reads a structured Dutch `:86:` (joined without separators: the bank wraps it at 65 columns anywhere):
 * NAME (else the name in ING's `/CNTP/account/BIC/name/city/`) is the counterparty, REMI the description,
 * followed by the end-to-end and mandate references. Null when the text is not structured that way.
 */
function readStructured(joined: string): EntryDetails | null {
  const text = joined.trim();
  if (!text.startsWith('/') || !/\/(?:NAME|REMI|CNTP|BENM|ORDP)\//.test(text)) return null;
  const values = new Map<string, string>();
  const matches = [...text.matchAll(STRUCTURED_KEY)];
  if (matches.length === 0 || matches[0]!.index !== 0) return null;
  matches.forEach((m, k) => {
    const end = matches[k + 1]?.index ?? text.length;
    const value = text
      .slice(m.index + m[0].length, end)
      .replace(/\/+$/, '')
      .trim();
    if (!values.has(m[1]!)) values.set(m[1]!, value);
  });
  let counterparty = values.get('NAME') ?? '';
  if (counterparty === '' && values.has('CNTP')) counterparty = (values.get('CNTP')!.split('/')[2] ?? '').trim();
  // ING: `/REMI/USTD//free text/`, `/REMI/STRD/CUR/structured reference/`.
  const remittance = (values.get('REMI') ?? '').replace(/^(?:USTD\/\/?|STRD\/(?:CUR\/)?)/, '').trim();
  const refs = STRUCTURED_REFS.flatMap(key => {
    const value = values.get(key) ?? '';
    return value === '' || /^NOTPROVIDED$/i.test(value) ? [] : [`${key}/${value}`];
  });
  return { description: [remittance, ...refs].filter(t => t !== '').join(' '), counterparty: counterparty.replace(/\s+/g, ' ') };
}

/** Splits the text into statements (`:20:` … ) of tags, skipping header lines (`ABNANL2A`, `940`, `:940:`) and separators. */
function readMessages(text: string, issues: ParseIssue[]): TagField[][] {
  const statements: TagField[][] = [];
  let current: TagField[] | null = null;
  let field: TagField | null = null;
  const tooLong = tooManyLines(text);
  if (tooLong) {
    issues.push(tooLong);
    return statements;
  }
  const lines = text.split(/\r\n|\n|\r/);
  // The next tag after a line, found once per stretch of lines without one (so a file of dashes stays linear).
  let scannedTo = -1;
  let nextTagName: string | null = null;
  const nextTag = (from: number): string | null => {
    if (from > scannedTo) {
      nextTagName = null;
      for (scannedTo = from; scannedTo < lines.length; scannedTo++) {
        const tag = TAG.exec(lines[scannedTo]!.replace(STRAY, ''));
        if (tag) {
          nextTagName = tag[1]!;
          break;
        }
      }
    }
    return nextTagName;
  };
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i]!.replace(STRAY, '');
    // A SWIFT FIN envelope puts the text block after `{4:`, sometimes on the header line itself.
    const block = raw.indexOf('{4:');
    if (block >= 0 && raw.startsWith('{')) raw = raw.slice(block + 3);
    const tag = TAG.exec(raw);
    if (tag) {
      const name = tag[1]!;
      if (name === '20') {
        current = [];
        statements.push(current);
      }
      if (!current) {
        // Header tags may stand before `:20:`, but a booking there would be lost without a word.
        if (name === '61')
          issues.push({
            line: i + 1,
            field: ':61:',
            severity: 'error',
            message: 'a statement line outside a statement (no :20: since the last message ended)',
          });
        field = null;
        continue;
      }
      field = { tag: name, line: i + 1, lines: [raw.slice(tag[0].length)] };
      current.push(field);
    } else if (MESSAGE_END.test(raw) && !(field?.tag === '86' && raw.trim() === '-' && !endsMessage(nextTag(i + 1)))) {
      current = null;
      field = null;
    } else if (raw.trim() === '') {
      continue;
    } else if (field) {
      field.lines.push(raw);
    }
  }
  return statements;
}

/**
 * Whether a line of only `-` inside `:86:` ends the message: it does when a new message (`:20:`) or the end
 * of the file follows; when the next tag is another `:61:` or a balance, the dash was the bank's text.
 */
function endsMessage(nextTagName: string | null): boolean {
  return nextTagName === null || nextTagName === '20';
}

/**
 * Reads a SWIFT amount (`107,`, `000000000473,17`, `0,01`): digits, one decimal comma, at most the
 * currency's decimals, straight to minor units; anything else goes through {@link parseAmount} for its message.
 */
function swiftAmount(text: string, digits: number): ReturnType<typeof parseAmount> {
  const m = /^(\d{1,15})[,.](\d*)$/.exec(text);
  if (m && m[2]!.length <= digits) {
    const minor = Number(m[1]! + m[2]!.padEnd(digits, '0'));
    if (Number.isSafeInteger(minor)) return { ok: true, minor };
  }
  // Old Rabobank files write a decimal point; SWIFT's own is the comma.
  return parseAmount(text, { decimal: text.includes(',') ? ',' : '.', digits });
}

/**
 * Reads a balance tag; null when it is malformed. A balance without its currency (`C020315105000,00`, seen in
 * German test files WoLpH mt940 reads) takes the statement's, when one is known, and says so in `assumed`.
 */
function readBalance(f: TagField, statementCurrency: string | null): (Balance & { assumed: boolean }) | null {
  const text = f.lines[0]!.trim();
  const m = BALANCE.exec(text) ?? (statementCurrency ? /^([CD])(\d{6})()(\d[\d,.]*)$/.exec(text) : null);
  if (!m) return null;
  const date = yymmdd(m[2]!);
  const assumed = m[3] === '';
  const currency = assumed ? statementCurrency! : m[3]!.toUpperCase();
  const amount = swiftAmount(m[4]!, minorDigits(currency));
  if (!date || !amount.ok) return null;
  return { date, currency, amountMinor: m[1] === 'D' ? -amount.minor : amount.minor, line: f.line, assumed };
}

/** Reads a `:61:` line; a message when it is malformed. */
function readEntry(f: TagField): Mt940Entry | string {
  let first = f.lines[0]!.trim();
  let rest = f.lines.slice(1);
  let m = STATEMENT_LINE.exec(first);
  // Some Sparkassen break the line between the mark and the amount.
  if (!m && rest.length > 0) {
    m = STATEMENT_LINE.exec(first + rest[0]!.trim());
    if (m) {
      first += rest[0]!.trim();
      rest = rest.slice(1);
    }
  }
  if (!m) return `"${first}" is not a statement line (YYMMDD[MMDD] C/D/RC/RD amount Nxxx reference)`;
  let valueOn = yymmdd(m[1]!);
  let dateNote: string | null = null;
  if (!valueOn) {
    valueOn = clampedDate(m[1]!);
    if (!valueOn) return `value date "${m[1]}" is not a date (YYMMDD)`;
    dateNote = `value date "${m[1]}" is past the end of its month (30/360 interest dating); read as ${valueOn}`;
  }
  const bookedOn = m[2] ? entryDate(valueOn, m[2]) : valueOn;
  if (!bookedOn) return `entry date "${m[2]}" is not a date (MMDD)`;
  const mark = m[3]!;
  // RC (reversal of a credit) takes money out, RD (reversal of a debit) puts it back.
  const sign: 1 | -1 = mark === 'C' || mark === 'EC' || mark === 'RD' ? 1 : -1;
  const refs = m[7]!;
  let customerRef: string;
  let bankRef = '';
  let inline = '';
  // SWIFT forbids `//` inside the 16x customer reference, so the first `//` starts the bank reference
  // even when the customer reference is shorter than 16 (`NONREF//0724710290621954`).
  const slash = refs.indexOf('//');
  if (slash >= 0) {
    customerRef = refs.slice(0, slash).trim();
    bankRef = refs.slice(slash + 2).trim();
  } else {
    // Without `//` the customer reference is 16x; Rabobank prints the counter party right after it.
    customerRef = refs.slice(0, 16).trim();
    inline = refs.slice(16).trim();
  }
  const supplementary = [inline, ...rest.map(l => l.trim())].filter(s => s !== '').join(' ');
  return {
    line: f.line,
    valueOn,
    bookedOn,
    mark,
    sign,
    fundsCode: m[4] ?? null,
    amountText: m[5]!,
    typeCode: (m[6] ?? '').trimEnd(),
    customerRef,
    bankRef,
    supplementary,
    details: null,
    dateNote,
  };
}

/** An MT942 `:90D:`/`:90C:` total: how many debits or credits and their sum. */
export interface EntrySum {
  readonly tag: string;
  readonly line: number;
  readonly count: number;
  readonly minor: number;
}

/** A statement (or MT942 report) read from its tags, its lines not yet bank lines. */
export interface Mt940Statement {
  readonly account: string;
  readonly number: string;
  readonly reference: string;
  readonly currency: string | null;
  readonly entries: Mt940Entry[];
  readonly opening: Balance | null;
  readonly closing: Balance | null;
  readonly reportedOn: string | null;
  readonly sums: EntrySum[];
}

/**
 * Splits the currency some banks append to `:25:` off the account: ING and Rabobank print
 * `NL69INGB0123456789EUR` or `1291.99.348EUR`, others `NL69INGB0123456789 EUR`. Kept in the id, the same
 * account would have two names depending on the bank's layout.
 */
export function splitAccountCurrency(printed: string): { account: string; currency: string | null } {
  const m = /^(.*[\d.])\s*([A-Z]{3})$/.exec(printed) ?? /^(.+)\s+([A-Z]{3})$/.exec(printed);
  return m ? { account: m[1]!.trim(), currency: m[2]! } : { account: printed, currency: null };
}

/** Reads one statement's tags, adding issues for what is malformed. */
function readStatement(fields: TagField[], issues: ParseIssue[]): Mt940Statement {
  const error = (f: TagField, message: string): void => {
    issues.push({ line: f.line, field: `:${f.tag}:`, message, severity: 'error' });
  };
  const warn = (line: number, field: string, message: string): void => {
    issues.push({ line, field, message, severity: 'warning' });
  };
  let account = '';
  let accountCurrency: string | null = null;
  let number = '';
  let currency: string | null = null;
  let opening: Balance | null = null;
  let closing: Balance | null = null;
  let reportedOn: string | null = null;
  const entries: Mt940Entry[] = [];
  // A `:86:` belongs to the `:61:` before it; after a closing balance it is about the statement (ING).
  let last: Mt940Entry | null = null;
  const sums: EntrySum[] = [];
  const balance = (f: TagField, what: string): Balance | null => {
    const b = readBalance(f, currency);
    if (!b) error(f, `"${f.lines[0]!.trim()}" is not ${what} (C/D YYMMDD currency amount)`);
    else if (b.assumed) warn(f.line, `:${f.tag}:`, `the balance names no currency; read in ${b.currency}, the statement's`);
    return b;
  };
  for (const f of fields) {
    const value = f.lines[0]!.trim();
    switch (f.tag) {
      case '25': {
        const printed = splitAccountCurrency([value, ...f.lines.slice(1).map(l => l.trim())].join('').trim());
        account = printed.account;
        accountCurrency = printed.currency;
        break;
      }
      case '28':
      case '28C':
        number = value;
        break;
      case '60F':
      case '60M': {
        const b = balance(f, 'an opening balance');
        if (b && !opening) {
          opening = b;
          currency ??= b.currency;
        }
        last = null;
        break;
      }
      case '62F':
      case '62M':
        closing = balance(f, 'a closing balance') ?? closing;
        last = null;
        break;
      case '64':
      case '65':
        balance(f, 'a balance');
        last = null;
        break;
      case '34F': {
        const m = /^([A-Za-z]{3})[DC]?[\d,]*$/.exec(value);
        if (!m) error(f, `"${value}" is not a floor limit (currency [D/C] amount)`);
        else currency ??= m[1]!.toUpperCase();
        break;
      }
      case '13D':
      case '13': {
        const m = /^(\d{6})\d{4}/.exec(value);
        const date = m ? yymmdd(m[1]!) : null;
        if (!date) error(f, `"${value}" is not a date-time (YYMMDDHHMM±hhmm)`);
        else reportedOn = date;
        break;
      }
      case '61': {
        const e = readEntry(f);
        if (typeof e === 'string') {
          error(f, e);
          last = null;
        } else {
          if (e.dateNote) warn(f.line, ':61:', e.dateNote);
          entries.push(e);
          last = e;
        }
        break;
      }
      case '86':
        if (last) last.details = [...(last.details ?? []), ...f.lines];
        break;
      case '90D':
      case '90C': {
        const m = /^(\d+)([A-Za-z]{3})(\d[\d,]*)$/.exec(value);
        const cur = m?.[2]!.toUpperCase() ?? '';
        const amount = m ? swiftAmount(m[3]!, minorDigits(cur)) : null;
        if (!m || !amount?.ok) error(f, `"${value}" is not a count, currency and amount`);
        else {
          sums.push({ tag: f.tag, line: f.line, count: Number(m[1]), minor: amount.minor });
          currency ??= cur;
        }
        break;
      }
      default:
        break;
    }
  }
  const head = fields[0]!;
  if (account === '') error({ tag: '25', line: head.line, lines: [] }, 'the statement has no account (:25:)');
  const cut = (field: string, missing: CutMarker) =>
    issues.push(codedIssue(head.line, field, 'warning', { code: 'may_be_cut_short', params: { missing, rows: entries.length } }));
  if (opening && !closing) cut(':62F:', 'closing_balance');
  // Only its first tags (:20:, :25:, :28C:, :13D:): what a file cut at the start of its next statement leaves.
  if (!opening && !closing && entries.length === 0 && sums.length === 0) cut(':60F:', 'statement_parts');
  currency ??= accountCurrency;
  return { account, number, reference: head.lines[0]!.trim(), currency, entries, opening, closing, reportedOn, sums };
}

/** Reads the statements of an MT940/MT942 text as printed, with the issues found on the way. */
export function readMt940(text: string): { statements: Mt940Statement[]; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  const statements = readMessages(text, issues).map(fields => readStatement(fields, issues));
  if (statements.length === 0 && !issues.some(i => i.severity === 'error')) {
    issues.push({ line: 1, field: ':20:', severity: 'error', message: 'no MT940/MT942 statement found (no line starts with :20:)' });
  }
  return { statements, issues };
}

/** Reads MT940 statements and MT942 interim reports (several per file) into bank lines. */
export function parseMt940(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  const { statements, issues } = readMt940(decodeText(bytes, detectEncoding(bytes)));

  // The bank reference is the id when it is unique in the file; otherwise account, statement and position.
  const refCount = new Map<string, number>();
  const usableRef = (ref: string): boolean => ref !== '' && ref.toUpperCase() !== 'NONREF';
  for (const s of statements)
    for (const e of s.entries) if (usableRef(e.bankRef)) refCount.set(e.bankRef, (refCount.get(e.bankRef) ?? 0) + 1);

  const bankLines: BankLine[] = [];
  const periods: StatementPeriod[] = [];
  const used = new Set<string>();
  for (const s of statements) {
    let total = 0;
    const counts = { C: [0, 0], D: [0, 0] };
    s.entries.forEach((e, index) => {
      if (!s.currency) {
        issues.push({
          line: e.line,
          field: ':60F:',
          severity: 'error',
          message: 'the statement states no currency (no :60F:, :60M: or :34F: before its lines)',
        });
        return;
      }
      const amount = swiftAmount(e.amountText, minorDigits(s.currency));
      if (!amount.ok) {
        issues.push(codedIssue(e.line, ':61:', 'error', amountIssue(amount, 'amount')));
        return;
      }
      const amountMinor = e.sign * amount.minor;
      total += amountMinor;
      const side = counts[amountMinor < 0 || (amountMinor === 0 && e.sign < 0) ? 'D' : 'C'];
      side[0]!++;
      side[1]! += Math.abs(amountMinor);
      let id =
        usableRef(e.bankRef) && refCount.get(e.bankRef) === 1 ? e.bankRef : `mt940:${s.account}:${s.number}:${s.reference}:${index + 1}`;
      for (let k = 2; used.has(id); k++) id = `mt940:${s.account}:${s.number}:${s.reference}:${index + 1}#${k}`;
      used.add(id);
      const details = readDetails(e.details ?? []);
      const description = [details.description, e.supplementary].filter(t => t !== '').join('\n');
      bankLines.push({
        id,
        account: s.account,
        bookedOn: e.bookedOn,
        valueOn: e.valueOn,
        amountMinor,
        currency: s.currency,
        counterparty: details.counterparty,
        description,
        line: e.line,
      });
    });
    const unbalanced =
      s.opening !== null &&
      s.closing !== null &&
      s.opening.currency === s.closing.currency &&
      s.opening.amountMinor + total !== s.closing.amountMinor;
    if (unbalanced) {
      issues.push({
        line: s.closing.line,
        field: ':62F:',
        severity: 'warning',
        message: `closing balance ${s.closing.amountMinor} differs from opening balance ${s.opening.amountMinor} plus the lines (${total}) in minor units`,
      });
    }
    // An MT942 report (no opening balance) ends with its :90D:/:90C: totals: entries of a side with no total
    // are what a report cut short leaves (the last entry then without its :86:, or its :61: cut).
    if (!s.opening && s.reportedOn) {
      for (const [side, tag, what] of [
        ['D', '90D', 'debits'],
        ['C', '90C', 'credits'],
      ] as const) {
        if (counts[side][0]! > 0 && !s.sums.some(x => x.tag === tag)) {
          issues.push({
            line: s.entries.at(-1)!.line,
            field: `:${tag}:`,
            severity: 'warning',
            message: `the report lists ${counts[side][0]} ${what} but no :${tag}: total of them; the file may be cut short`,
          });
        }
      }
    }
    for (const sum of s.sums) {
      const [count, minor] = counts[sum.tag === '90D' ? 'D' : 'C'];
      if (count !== sum.count || minor !== sum.minor) {
        issues.push({
          line: sum.line,
          field: `:${sum.tag}:`,
          severity: 'warning',
          message: `the report says ${sum.count} ${sum.tag === '90D' ? 'debits' : 'credits'} of ${sum.minor} but lists ${count} of ${minor} (minor units)`,
        });
      }
    }
    // Coverage evidence: the balances chain statements (the next must open where this one closed), opening +
    // lines must reach closing (else lines are missing somewhere in the period), and :28C: numbers statements.
    const from = s.opening?.date ?? null,
      to = s.closing?.date ?? s.reportedOn;
    const sequence = /^\d+/.exec(s.number ?? '')?.[0];
    periods.push({
      account: s.account,
      from,
      to,
      ...(s.opening ? { openingMinor: s.opening.amountMinor } : {}),
      ...(s.closing ? { closingMinor: s.closing.amountMinor } : {}),
      ...(sequence !== undefined ? { sequence: Number(sequence) } : {}),
      ...(unbalanced && from && to ? { holes: [{ from, to, reason: 'footer_mismatch' as const, line: s.closing!.line }] } : {}),
    });
  }
  ctx.onProgress?.(1);
  return { format: 'mt940', role: 'bank', acquirerTxns: [], bankLines, issues, merchantIds: [], acquirerName: null, periods };
}

/** Scores text as MT940/MT942: a `:20:` tag near the start and a balance or statement line. */
export function sniffMt940(head: string): number {
  const lines = head.replace(STRAY, '').split(/\r\n|\n|\r/, 40);
  const start = lines.findIndex(l => /^(?:\{.*\{4:)?:20:/.test(l));
  if (start < 0 || start > 20) return 0;
  return /^:(?:60F|60M|61|34F):/m.test(head) ? 0.95 : 0;
}

/** SWIFT MT940 customer statements and MT942 interim reports. */
export const mt940: Format = {
  name: 'mt940',
  role: 'bank',
  sniff: sniffMt940,
  parse: parseMt940,
};
