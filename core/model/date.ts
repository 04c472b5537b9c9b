/** A local calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (NaN when it is not a real date). */
export function dayNumber(date: IsoDate): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const n = computeDayNumber(date);
  if (dayNumbers.size < 100_000) dayNumbers.set(date, n);
  return n;
}

function computeDayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) return Number.NaN;
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3]);
  const n = Date.UTC(y, mo - 1, d) / DAY_MS;
  return isoDate(n) === date ? n : Number.NaN;
}

const isoCache = new Map<number, string>();

/** The `YYYY-MM-DD` date of a day number. */
export function isoDate(day: number): IsoDate {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(day, s);
  }
  return s;
}

/** True when `text` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return !Number.isNaN(dayNumber(text));
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** The date `n` calendar days after `date` (before, when negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return isoDate(dayNumber(date) + n);
}

/** Calendar days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Order of day and month in a numeric date like 03/04/2026. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/** A date and optional time read from a cell. */
export interface LocalDateTime {
  readonly date: IsoDate;
  /** `HH:MM:SS`, or null when the cell had no time. */
  readonly time: string | null;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function build(y: number, mo: number, d: number): IsoDate | null {
  if (y < 100) y += y < 70 ? 2000 : 1900;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const s = `${y}-${pad2(mo)}-${pad2(d)}`;
  return isIsoDate(s) ? s : null;
}

function readTime(rest: string): string | null | undefined {
  const t = rest.trim();
  if (t === '') return null;
  // 14:06:51, 14.06.51, 140651, 14:06, 14:06:51.123, T14:06:51Z — zone suffixes are the caller's business.
  const m = /^T?(\d{1,2})[:.]?(\d{2})(?:[:.]?(\d{2}))?(?:[.,]\d+)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{3,4}))?$/.exec(t);
  if (!m) return undefined;
  const h = Number(m[1]),
    mi = Number(m[2]),
    s = Number(m[3] ?? 0);
  if (h > 24 || mi > 59 || s > 60) return undefined;
  return `${pad2(h === 24 ? 0 : h)}:${pad2(mi)}:${pad2(s)}`;
}

/**
 * Reads a printed date (and time, when present): `2026-01-05`, `20260105`, `2026/1/5`, `2026.01.05`,
 * `2026年1月5日`, `05.01.2026`, `05/01/2026` (by `order`), `1/ 1'00` (QIF), `2025/12/03  14:06:51`,
 * `2026-01-05T12:34:56+08:00`. Returns null when the text is not a date.
 */
export function parseLocalDateTime(text: string, order: DateOrder = 'ymd'): LocalDateTime | null {
  const fast = isoShape(text);
  if (fast !== null) return fast;
  const s = text.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(.*)$/.exec(s);
  if (m) return withTime(build(+m[1]!, +m[2]!, +m[3]!), m[4]!);
  m = /^(\d{4})(\d{2})(\d{2})(?:(\d{6})|[T\s](.*))?$/.exec(s);
  if (m) return withTime(build(+m[1]!, +m[2]!, +m[3]!), m[4] ?? m[5] ?? '');
  m = /^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*[-/.']\s*(\d{4}|\d{2})(.*)$/.exec(s);
  if (m) {
    const a = +m[1]!,
      b = +m[3]!,
      y = +m[4]!;
    // Without a stated order: 05.01.2026 is European (day first); 1/5/2026 is read month first unless the day shows it.
    const dayFirst = order === 'dmy' || (order === 'ymd' && (m[2] === '.' || a > 12));
    const date = order === 'mdy' ? build(y, a, b) : dayFirst ? build(y, b, a) : build(y, a, b);
    return withTime(date, m[5]!);
  }
  return null;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const dayCache = new Map<string, boolean>();

/**
 * `YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS` (or with `T`), the shapes of most exports, checked by character
 * instead of by regular expression: a million rows read two of them each. Null sends the text to the full reader.
 */
function isoShape(text: string): LocalDateTime | null {
  const n = text.length;
  if (n !== 10 && n !== 19) return null;
  if (
    !isDigit(text.charCodeAt(0)) ||
    !isDigit(text.charCodeAt(1)) ||
    !isDigit(text.charCodeAt(2)) ||
    !isDigit(text.charCodeAt(3)) ||
    text.charCodeAt(4) !== 45 ||
    !isDigit(text.charCodeAt(5)) ||
    !isDigit(text.charCodeAt(6)) ||
    text.charCodeAt(7) !== 45 ||
    !isDigit(text.charCodeAt(8)) ||
    !isDigit(text.charCodeAt(9))
  )
    return null;
  const date = n === 10 ? text : text.slice(0, 10);
  let real = dayCache.get(date);
  if (real === undefined) {
    real = isIsoDate(date);
    if (dayCache.size < 50_000) dayCache.set(date, real);
  }
  if (!real) return null;
  if (n === 10) return { date, time: null };
  const sep = text.charCodeAt(10);
  if (sep !== 32 && sep !== 84) return null;
  if (
    !isDigit(text.charCodeAt(11)) ||
    !isDigit(text.charCodeAt(12)) ||
    text.charCodeAt(13) !== 58 ||
    !isDigit(text.charCodeAt(14)) ||
    !isDigit(text.charCodeAt(15)) ||
    text.charCodeAt(16) !== 58 ||
    !isDigit(text.charCodeAt(17)) ||
    !isDigit(text.charCodeAt(18))
  )
    return null;
  const h = (text.charCodeAt(11) - 48) * 10 + text.charCodeAt(12) - 48;
  const m = (text.charCodeAt(14) - 48) * 10 + text.charCodeAt(15) - 48;
  const sec = (text.charCodeAt(17) - 48) * 10 + text.charCodeAt(18) - 48;
  if (h > 23 || m > 59 || sec > 59) return null;
  return { date, time: text.slice(11, 19) };
}

function withTime(date: IsoDate | null, rest: string): LocalDateTime | null {
  if (date === null) return null;
  const time = readTime(rest);
  if (time === undefined) return null;
  return { date, time };
}

/** Reads a date alone (see {@link parseLocalDateTime}); null when it is not one. */
export function parseDate(text: string, order: DateOrder = 'ymd'): IsoDate | null {
  return parseLocalDateTime(text, order)?.date ?? null;
}

/** Days since 1899-12-30 (Excel's serial date, 1900 system) to a date. */
export function excelSerialDate(serial: number): IsoDate {
  return isoDate(Math.floor(serial) - 25_569);
}
