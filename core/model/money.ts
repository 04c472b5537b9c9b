/** An amount of money: an integer count of minor units (fen, cents) and its ISO 4217 code. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

// ISO 4217 minor-unit exponents that are not 2.
const EXPONENT: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/** How many decimal places a currency's minor unit has (2 unless ISO 4217 says otherwise). */
export function minorDigits(currency: string): number {
  return EXPONENT[currency.toUpperCase()] ?? 2;
}

/** The result of reading an amount: the exact minor units, or why it is not an amount. */
export type AmountResult =
  | { readonly ok: true; readonly minor: number }
  | { readonly ok: false; readonly message: string; readonly problem: AmountProblem; readonly text: string; readonly digits: number };

/** Why a text is not an amount. */
export type AmountProblem =
  'empty' | 'not_amount' | 'ambiguous_decimal' | 'misplaced_groups' | 'groups_after_decimal' | 'too_many_decimals' | 'too_large';

/** Why `text` is not an amount, in English (the words of `AmountResult.message`). */
export function amountProblemText(problem: AmountProblem, text: string, digits: number): string {
  switch (problem) {
    case 'empty':
      return 'is empty';
    case 'not_amount':
      return `"${text}" is not an amount`;
    case 'ambiguous_decimal':
      return `"${text}" has an ambiguous decimal mark`;
    case 'misplaced_groups':
      return `"${text}" has misplaced thousands separators`;
    case 'groups_after_decimal':
      return `"${text}" has digit groups after its decimal mark`;
    case 'too_many_decimals':
      return `"${text}" has more than ${digits} decimal places`;
    case 'too_large':
      return `"${text}" is too large`;
  }
}

function notAmount(problem: AmountProblem, text: string, digits: number): AmountResult {
  return { ok: false, message: amountProblemText(problem, text, digits), problem, text, digits };
}

/** Options for {@link parseAmount}. */
export interface AmountOptions {
  /** Decimal places of the currency's minor unit (default 2). */
  readonly digits?: number;
  /** The decimal mark when the file is known to use one; otherwise it is inferred per value. */
  readonly decimal?: '.' | ',';
}

const CURRENCY_MARKS = /^(?:[A-Za-z]{3}|[¥￥$€£₩₹]|RMB|kr\.?|CN¥|US\$|HK\$|元)/;
const CURRENCY_SUFFIX = /(?:[A-Za-z]{3}|[¥￥$€£₩₹]|kr\.?|元)$/;

/**
 * Reads a printed amount exactly into minor units, never through floating point.
 * Accepts `1,234.50`, `-9.200,00`, `¥28.16`, `-$0.95`, `$-0.95`, `(12.50)`, `000000000473,17`,
 * `107,` (MT940), `+10000.00`, `1 234,56`, `1,665.00 kr.`, and full-width digits.
 */
export function parseAmount(text: string, options: AmountOptions = NO_OPTIONS): AmountResult {
  const digits = options.digits ?? 2;
  const fast = plainAmount(text, digits, options.decimal !== ',');
  if (fast !== null) return fast;
  let s = normalizeWidth(text).trim();
  if (s === '') return notAmount('empty', text, digits);
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // Sign may stand before or after a currency mark: "-$0.95", "$-0.95", "CNY -3.00".
  for (let guard = 0; guard < 3; guard++) {
    const sign = s[0];
    if (sign === '-' || sign === '+' || sign === '−') {
      if (sign !== '+') negative = !negative;
      s = s.slice(1).trim();
      continue;
    }
    const mark = CURRENCY_MARKS.exec(s);
    if (mark && !/^\d/.test(s)) {
      s = s.slice(mark[0].length).trim();
      continue;
    }
    break;
  }
  const suffix = CURRENCY_SUFFIX.exec(s);
  if (suffix && suffix.index > 0) s = s.slice(0, suffix.index).trim();
  if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(/[\s\u00a0\u202f']/g, '');
  if (s === '' || !/^[\d.,]+$/.test(s) || !/\d/.test(s)) return notAmount('not_amount', text, digits);

  const decimalAt = decimalIndex(s, options.decimal);
  if (decimalAt === -2) return notAmount('ambiguous_decimal', text, digits);
  const grouped = decimalAt < 0 ? s : s.slice(0, decimalAt);
  if (!validGroups(grouped, decimalAt < 0 ? null : s[decimalAt]!)) return notAmount('misplaced_groups', text, digits);
  const intPart = grouped.replace(/[.,]/g, '');
  let frac = decimalAt < 0 ? '' : s.slice(decimalAt + 1);
  if (/[.,]/.test(frac)) return notAmount('groups_after_decimal', text, digits);
  if (frac.length > digits) {
    if (/[^0]/.test(frac.slice(digits))) return notAmount('too_many_decimals', text, digits);
    frac = frac.slice(0, digits);
  }
  const minorText = (intPart === '' ? '0' : intPart) + frac.padEnd(digits, '0');
  const minor = Number(minorText);
  if (!Number.isSafeInteger(minor)) return notAmount('too_large', text, digits);
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}

const NO_OPTIONS: AmountOptions = {};
const POW10 = [1, 10, 100, 1000, 10000];

/**
 * The exact minor units of a printed amount, or NaN when it is not one (then {@link parseAmount} says why).
 * For hot loops: a million rows with three amounts each allocate nothing here.
 */
export function amountMinor(text: string, options: AmountOptions = NO_OPTIONS): number {
  const digits = options.digits ?? 2;
  const fast = plainMinor(text, digits, options.decimal !== ',');
  if (!Number.isNaN(fast)) return fast;
  const full = parseAmount(text, options);
  return full.ok ? full.minor : Number.NaN;
}
const PLAIN_OK: { ok: true; minor: number }[] = [];

/**
 * The common case read without regular expressions or allocation: `-1234.5`, `99.50`, `12`
 * (ASCII digits, an optional leading minus and a dot decimal mark). Null sends the text to the full reader.
 */
function plainAmount(text: string, digits: number, dotIsDecimal: boolean): AmountResult | null {
  const value = plainMinor(text, digits, dotIsDecimal);
  if (Number.isNaN(value)) return null;
  if (value >= 0 && value < 1024) return (PLAIN_OK[value] ??= { ok: true, minor: value });
  return { ok: true, minor: value };
}

/** The minor units of a plain amount (see {@link plainAmount}), NaN for anything else. */
function plainMinor(text: string, digits: number, dotIsDecimal: boolean): number {
  return plainMinorAt(text, 0, text.length, digits, dotIsDecimal);
}

/**
 * The exact minor units of a plain amount (`-1234.5`, ASCII digits, a dot decimal mark) written in
 * `text` from `start` to `end`, read in place; NaN when it is anything else (then read the substring
 * with {@link amountMinor}).
 */
export function plainMinorAt(text: string, start: number, end: number, digits = 2, dotIsDecimal = true): number {
  const n = end;
  if (n - start === 0 || n - start > 15 || digits > 4) return Number.NaN;
  let i = start;
  let negative = false;
  if (text.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  let whole = 0;
  const digitsFrom = i;
  let c = 0;
  while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
    whole = whole * 10 + (c - 48);
    i++;
  }
  if (i === digitsFrom) return Number.NaN;
  let frac = 0;
  let fracDigits = 0;
  if (i < n) {
    if (c !== 46 || !dotIsDecimal) return Number.NaN;
    i++;
    while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      frac = frac * 10 + (c - 48);
      fracDigits++;
      i++;
    }
    if (i < n || fracDigits > digits || fracDigits === 0) return Number.NaN;
  }
  const minor = whole * POW10[digits]! + frac * POW10[digits - fracDigits]!;
  if (!Number.isSafeInteger(minor)) return Number.NaN;
  return negative && minor !== 0 ? -minor : minor;
}

/** Thousands groups: one kind of mark, not the decimal one, every group after the first of three digits. */
function validGroups(intPart: string, decimalMark: string | null): boolean {
  const marks = intPart.replace(/\d/g, '');
  if (marks === '') return true;
  const mark = marks[0]!;
  if (mark === decimalMark || [...marks].some(m => m !== mark)) return false;
  const groups = intPart.split(mark);
  return groups[0]!.length >= 1 && groups[0]!.length <= 3 && groups.slice(1).every(g => g.length === 3);
}

/** Index of the decimal mark in a string of digits, dots and commas; -1 none, -2 ambiguous. */
function decimalIndex(s: string, hint: '.' | ',' | undefined): number {
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (hint) {
    const other = hint === '.' ? ',' : '.';
    const at = s.lastIndexOf(hint);
    if (at >= 0 && s.indexOf(hint) !== at) return -2;
    // Thousands marks of the other kind may only stand before the decimal mark.
    if (at >= 0 && s.lastIndexOf(other) > at) return -2;
    return at;
  }
  if (lastDot >= 0 && lastComma >= 0) return Math.max(lastDot, lastComma);
  const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (mark === null) return -1;
  const at = mark === '.' ? lastDot : lastComma;
  if (s.indexOf(mark) !== at) return -1; // repeated: thousands separators only ("1,234,567")
  // "1,234" is a thousands group; "473,17", "107," and "12,5" are decimal commas.
  if (mark === ',' && s.length - at - 1 === 3 && at > 0 && at <= 3 && !s.startsWith('0')) return -1;
  return at;
}

/** Full-width digits and signs (０-９，．－) to ASCII, as some Chinese exports print them. */
export function normalizeWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, ch => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Formats minor units as a plain decimal string: 123456 → "1234.56". */
export function formatMinor(minor: number, digits = 2): string {
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? sign + abs : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** A decimal rate such as "0.0060" as an exact fraction. */
export interface Rate {
  readonly num: number;
  readonly den: number;
}

/** Reads a rate like "0.0060", "0.6%" or "60bp" exactly; null when it is not one. */
export function parseRate(text: string): Rate | null {
  let s = text.trim();
  let scale = 1;
  if (s.endsWith('%')) {
    s = s.slice(0, -1).trim();
    scale = 100;
  } else if (/bps?$/i.test(s)) {
    s = s.replace(/bps?$/i, '').trim();
    scale = 10000;
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const frac = m[2] ?? '';
  const num = Number((m[1] || '0') + frac);
  const den = 10 ** frac.length * scale;
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) return null;
  return { num, den };
}

/** round_half_up(amountMinor × rate), exactly, for a non-negative amount. */
export function applyRate(amountMinor: number, rate: Rate): number {
  // (2·a·num + den) / (2·den), floored: half-up on exact integers. BigInt keeps it exact for large amounts.
  const top = 2 * amountMinor * rate.num + rate.den;
  const bottom = 2 * rate.den;
  if (Number.isSafeInteger(top)) return (top - (top % bottom)) / bottom;
  const big = (2n * BigInt(amountMinor) * BigInt(rate.num) + BigInt(rate.den)) / (2n * BigInt(rate.den));
  return Number(big);
}

/** A decimal fraction (`0.0078`) as a percentage (`0.78%`), exactly: the point moves two places, at least two decimals kept. */
export function percentOf(decimal: string): string {
  const m = /^(\d*)\.?(\d*)$/.exec(decimal);
  if (!m) return decimal;
  const digits = (m[1] ?? '') + (m[2] ?? '').padEnd(2, '0');
  const point = (m[1] ?? '').length + 2;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${frac}%`;
}
