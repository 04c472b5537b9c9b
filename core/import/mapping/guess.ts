import { parseAmount } from '../../model/money';
import { parseLocalDateTime, type DateOrder } from '../../model/date';
import type { FileRole } from '../../model/types';
import { findLayout, layoutKey, looksLikeDate, type Layout } from './layout';
import { UNKNOWN_CURRENCY, type MappingColumns, type MappingProfile } from './profile';
import { columnNamed } from './synonyms';

/** Options for {@link guessMapping}. */
export interface GuessOptions {
  /** The merchant's home currency, used when the file has no currency column (the Danish export has none). */
  readonly defaultCurrency?: string;
}

const AMOUNT_SHAPE = /^[-+(]?\D{0,4}\d[\d.,' \u00a0]*\)?\D{0,5}$/;

/** The decimal mark most amount-like cells use: a lone mark followed by one or two digits decides. */
export function guessDecimal(cells: readonly string[]): '.' | ',' {
  let dot = 0,
    comma = 0;
  for (const raw of cells) {
    // Only cells shaped like an amount vote: a few marks around one run of digits (`-9.200,00`, `$1,234.50`,
    // `1,665.00 kr.`), not text that happens to hold a comma and a dot (`QuickPay, Aarhus Nota nr. 8526…`).
    if (!AMOUNT_SHAPE.test(raw.trim())) continue;
    const s = raw.replace(/[^\d.,]/g, '');
    const lastDot = s.lastIndexOf('.'),
      lastComma = s.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastDot > lastComma) dot++;
      else comma++;
      continue;
    }
    const at = Math.max(lastDot, lastComma);
    if (at < 0) continue;
    const mark = s[at]!;
    const after = s.length - at - 1;
    // "1,234" and "1.234" are thousands groups (or ambiguous); "-151,25" and "12.5" are decimals.
    if (s.indexOf(mark) !== at || after === 3 || after === 0 || after > 3) continue;
    if (mark === '.') dot++;
    else comma++;
  }
  return comma > dot ? ',' : '.';
}

// Active ISO 4217 codes: a three-letter column is a currency column only when its values are codes
// (Zettle's `Solgt via` column says `POS`).
const ISO_4217 = new Set(
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL'.split(
    ' ',
  ),
);

/** True for an ISO 4217 code in upper case. */
export function isCurrencyCode(text: string): boolean {
  return text.length === 3 && ISO_4217.has(text);
}

const NUMERIC_DATE = /^\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*\d{2,4}/;

/**
 * Day/month order of a date column from its values: a first part over 12 means day first, a second
 * part over 12 means month first. When every value is ambiguous (the Danish file is all `04/09/2023`),
 * the order that keeps the rows sorted wins, and day-first (most of the world) breaks a tie.
 */
export function guessDateOrder(values: readonly string[]): DateOrder {
  let dayFirst = 0,
    monthFirst = 0,
    numeric = 0;
  for (const v of values) {
    const m = NUMERIC_DATE.exec(v);
    if (!m) continue;
    numeric++;
    if (Number(m[1]) > 12) dayFirst++;
    if (Number(m[2]) > 12) monthFirst++;
  }
  if (numeric === 0) return 'ymd';
  if (dayFirst !== monthFirst) return dayFirst > monthFirst ? 'dmy' : 'mdy';
  const disorder = (order: DateOrder): number => {
    const days = values.map(v => parseLocalDateTime(v, order)?.date).filter((d): d is string => d !== undefined);
    let up = 0,
      down = 0;
    for (let i = 1; i < days.length; i++) {
      if (days[i]! < days[i - 1]!) down++;
      else if (days[i]! > days[i - 1]!) up++;
    }
    return Math.min(up, down);
  };
  return disorder('mdy') < disorder('dmy') ? 'mdy' : 'dmy';
}

interface ColumnStats {
  readonly index: number;
  readonly fill: number;
  readonly dateShare: number;
  /** Parsed minor units per sample row (null for an empty or unreadable cell); null when not a numeric column. */
  readonly numbers: (number | null)[] | null;
  readonly decimals: number;
  readonly negatives: number;
  readonly currencyShare: number;
  readonly meanLength: number;
}

function stats(layout: Layout, decimal: '.' | ','): ColumnStats[] {
  const out: ColumnStats[] = [];
  const n = layout.data.length;
  for (let j = 0; j < layout.width; j++) {
    const values = layout.data.map(r => r.cells[j] ?? '');
    const filled = values.filter(v => v !== '');
    const nonEmpty = Math.max(1, filled.length);
    let parsed = 0,
      decimals = 0,
      negatives = 0;
    const numbers = values.map(v => {
      if (v === '' || !/\d/.test(v)) return null;
      const r = parseAmount(v, { decimal });
      if (!r.ok) return null;
      parsed++;
      if (/[.,]\d{1,2}\)?\s*\D*$/.test(v)) decimals++;
      if (r.minor < 0) negatives++;
      return r.minor;
    });
    out.push({
      index: j,
      fill: filled.length / Math.max(1, n),
      dateShare: filled.filter(looksLikeDate).length / nonEmpty,
      numbers: filled.length > 0 && parsed / nonEmpty >= 0.9 ? numbers : null,
      decimals: decimals / nonEmpty,
      negatives,
      currencyShare: filled.filter(isCurrencyCode).length / nonEmpty,
      meanLength: filled.reduce((s, v) => s + v.length, 0) / nonEmpty,
    });
  }
  return out;
}

type AmountSource = { readonly single: number } | { readonly credit: number; readonly debit: number };

function amountAt(src: AmountSource, cols: readonly ColumnStats[], i: number): number | null {
  if ('single' in src) return cols[src.single]!.numbers![i] ?? null;
  const c = cols[src.credit]!.numbers![i] ?? null,
    d = cols[src.debit]!.numbers![i] ?? null;
  if (c === null && d === null) return null;
  return Math.abs(c ?? 0) - Math.abs(d ?? 0);
}

/**
 * Share of consecutive rows where the balance column moves by exactly the amount: b[i] − b[i−1] = a[i]
 * for oldest-first files, b[i−1] − b[i] = a[i−1] for newest-first ones (HSBC HK).
 */
export function balanceAgreement(
  amounts: readonly (number | null)[],
  balances: readonly (number | null)[],
): { share: number; pairs: number } {
  let pairs = 0,
    forward = 0,
    backward = 0;
  for (let i = 1; i < amounts.length; i++) {
    const a = amounts[i],
      ap = amounts[i - 1],
      b = balances[i],
      bp = balances[i - 1];
    if (a == null || ap == null || b == null || bp == null) continue;
    pairs++;
    if (b - bp === a) forward++;
    if (bp - b === ap) backward++;
  }
  return { share: pairs === 0 ? 0 : Math.max(forward, backward) / pairs, pairs };
}

/** Two columns that are never both filled (a zero counts as empty), together filled on most rows: 收入/支出, TD debit/credit. */
function complementary(a: ColumnStats, b: ColumnStats): boolean {
  const x = a.numbers!,
    y = b.numbers!;
  let both = 0,
    either = 0;
  for (let i = 0; i < x.length; i++) {
    const p = x[i] != null && x[i] !== 0,
      q = y[i] != null && y[i] !== 0;
    if (p && q) both++;
    if (p || q) either++;
  }
  return both <= x.length * 0.05 && either >= x.length * 0.8 && either > 0;
}

/** Picks amount and balance: the pair whose running balance agrees best, else names, else the fullest signed column. */
function chooseAmount(
  cols: readonly ColumnStats[],
  header: readonly string[],
  taken: ReadonlySet<number>,
): { source: AmountSource | null; balance: number | null } {
  const numeric = cols.filter(c => c.numbers !== null && !taken.has(c.index) && c.dateShare < 0.8);
  const sources: AmountSource[] = numeric.map(c => ({ single: c.index }));
  for (const a of numeric)
    for (const b of numeric) if (a.index !== b.index && complementary(a, b)) sources.push({ credit: a.index, debit: b.index });
  let best: { source: AmountSource; balance: number; share: number } | null = null;
  for (const source of sources) {
    const used = 'single' in source ? [source.single] : [source.credit, source.debit];
    const amounts = numeric[0]!.numbers!.map((_, i) => amountAt(source, cols, i));
    for (const b of numeric) {
      if (used.includes(b.index)) continue;
      const { share, pairs } = balanceAgreement(amounts, b.numbers!);
      if (pairs >= 1 && share >= 0.5 && (!best || share > best.share + 1e-9)) best = { source, balance: b.index, share };
    }
  }
  if (best) return { source: best.source, balance: best.balance };
  const named = (f: 'amount' | 'credit' | 'debit' | 'balance'): number => {
    const k = columnNamed(header, f, taken);
    return k >= 0 && cols[k]?.numbers ? k : -1;
  };
  const balanceByName = named('balance');
  const amountByName = named('amount');
  if (amountByName >= 0) return { source: { single: amountByName }, balance: balanceByName >= 0 ? balanceByName : null };
  const creditByName = named('credit'),
    debitByName = named('debit');
  if (creditByName >= 0 && debitByName >= 0)
    return { source: { credit: creditByName, debit: debitByName }, balance: balanceByName >= 0 ? balanceByName : null };
  const rest = numeric.filter(c => c.index !== balanceByName);
  const single = rest
    .filter(c => c.fill >= 0.9)
    .sort((a, b) => (b.negatives > 0 ? 1 : 0) - (a.negatives > 0 ? 1 : 0) || b.decimals - a.decimals || a.index - b.index)[0];
  if (single) return { source: { single: single.index }, balance: balanceByName >= 0 ? balanceByName : null };
  for (const a of rest)
    for (const b of rest) {
      // Without names or a balance, the left column of a pair is taken as the debit, as TD prints it.
      if (a.index < b.index && complementary(a, b))
        return { source: { credit: b.index, debit: a.index }, balance: balanceByName >= 0 ? balanceByName : null };
    }
  return { source: null, balance: null };
}

/** gross − |fee| = net on most rows: the three money columns of an acquirer export without names. */
function chooseGrossFeeNet(cols: readonly ColumnStats[], taken: ReadonlySet<number>): { gross: number; fee: number; net: number } | null {
  const numeric = cols.filter(c => c.numbers !== null && !taken.has(c.index) && c.fill >= 0.8 && c.dateShare < 0.8);
  for (const g of numeric)
    for (const f of numeric)
      for (const n of numeric) {
        if (g === f || f === n || g === n) continue;
        let pairs = 0,
          hits = 0;
        for (let i = 0; i < g.numbers!.length; i++) {
          const a = g.numbers![i],
            b = f.numbers![i],
            c = n.numbers![i];
          if (a == null || b == null || c == null) continue;
          pairs++;
          if (a - Math.abs(b) === c || (a < 0 && a + Math.abs(b) === c)) hits++;
        }
        if (pairs > 0 && hits / pairs >= 0.8 && g.numbers!.some((v, i) => v !== n.numbers![i]))
          return { gross: g.index, fee: f.index, net: n.index };
      }
  return null;
}

/** A short stable hash (FNV-1a), so one layout always gets the same profile id. */
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A first guess at how to read a CSV / XLSX export, from its content: delimiter by consistency across
 * rows, header or none, decimal mark and date order from the values, the date column, and the amount
 * and running balance (the balance is the column whose consecutive differences equal the amount).
 * The merchant confirms or corrects it; a file with no table still gets a profile, which parsing
 * will then refuse with the reason.
 */
export function guessMapping(bytes: Uint8Array, role: FileRole, options: GuessOptions = {}): MappingProfile {
  const layout = findLayout(bytes);
  const fallbackCurrency = options.defaultCurrency?.toUpperCase() ?? UNKNOWN_CURRENCY;
  if (typeof layout === 'string') {
    return {
      id: `guess-${fnv(role)}`,
      name: 'Unrecognised file',
      role,
      headerKey: '#cols:0',
      delimiter: ',',
      decimal: '.',
      dateOrder: 'dmy',
      hasHeader: false,
      skipRows: 0,
      columns: { date: 0 },
      defaultCurrency: fallbackCurrency,
    };
  }
  const all = layout.data.flatMap(r => r.cells);
  const decimal = guessDecimal(all.filter(c => !looksLikeDate(c)));
  const cols = stats(layout, decimal);
  const header = layout.header;
  const taken = new Set<number>();
  const dates = cols.filter(c => c.dateShare >= 0.8 && c.fill >= 0.8);
  const namedDate = columnNamed(header, 'date');
  const dateCol = dates.find(c => c.index === namedDate) ?? dates[0];
  const date = dateCol?.index ?? 0;
  taken.add(date);
  const dateOrder = guessDateOrder(layout.data.map(r => r.cells[date] ?? ''));
  // Other date columns (value date, Zettle's `Tid`, a serial formatted as a time) are never amounts,
  // but stay free for the time and settlement-date fields.
  const dateLike = new Set(dates.map(d => d.index));
  const columns: { -readonly [K in keyof MappingColumns]: MappingColumns[K] } = { date };
  const put = (field: keyof MappingColumns, index: number | null | undefined): void => {
    if (index === null || index === undefined || index < 0) return;
    (columns as Record<string, number>)[field] = index;
    taken.add(index);
  };

  if (role === 'bank') {
    const { source, balance } = chooseAmount(cols, header, taken);
    if (source && 'single' in source) put('amount', source.single);
    else if (source) {
      put('credit', source.credit);
      put('debit', source.debit);
    }
    put('balance', balance);
  } else {
    put('time', columnNamed(header, 'time', taken));
    // A time column without a time header: `10:15`, or `10.15` with two-digit hours (Danish). A fee column of
    // `1.50`, `0.60` also matches `H.MM`, so one-digit hours need a colon, and a column named for money is never a time.
    const moneyColumns = new Set((['gross', 'fee', 'net', 'amount'] as const).map(f => columnNamed(header, f)));
    const timeLike = (v: string): boolean => {
      const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v) ?? /^(\d{2})\.(\d{2})(?:\.(\d{2}))?$/.exec(v);
      return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3] ?? 0) < 60;
    };
    if (columns.time === undefined)
      put(
        'time',
        cols.find(
          c =>
            !taken.has(c.index) && !moneyColumns.has(c.index) && c.fill >= 0.8 && layout.data.every(r => timeLike(r.cells[c.index] ?? '')),
        )?.index,
      );
    const settleNamed = columnNamed(header, 'settlementDate', taken);
    put('settlementDate', settleNamed >= 0 ? settleNamed : dates.find(d => !taken.has(d.index))?.index);
    const g = columnNamed(header, 'gross', taken),
      f = columnNamed(header, 'fee', taken),
      n = columnNamed(header, 'net', taken);
    if (g >= 0 || n >= 0) {
      put('gross', g);
      put('fee', f);
      put('net', n);
    } else {
      const triple = chooseGrossFeeNet(cols, taken);
      if (triple) {
        put('gross', triple.gross);
        put('fee', triple.fee);
        put('net', triple.net);
      } else {
        // One money column only: it is the gross, and net = gross when no fee column exists.
        const only = chooseAmount(cols, header, taken).source;
        if (only) put('gross', 'single' in only ? only.single : only.credit);
      }
    }
    for (const f2 of ['terminal', 'card', 'payoutId', 'kind'] as const) put(f2, columnNamed(header, f2, taken));
  }

  const currencies = cols.filter(c => !taken.has(c.index) && !dateLike.has(c.index) && c.currencyShare >= 0.9 && c.fill >= 0.5);
  const money = columns.amount ?? columns.credit ?? columns.gross ?? columns.net ?? 0;
  // HSBC prints `Billing currency` next to the amount and `Balance currency` next to the balance: take the one after the amount.
  const currency = currencies.find(c => c.index > money) ?? currencies[0];
  put('currency', currency?.index);
  put('id', columnNamed(header, 'id', taken));
  put('counterparty', columnNamed(header, 'counterparty', taken));
  const described = columnNamed(header, 'description', taken);
  if (described >= 0) put('description', described);
  else {
    const text = cols
      .filter(c => !taken.has(c.index) && !dateLike.has(c.index) && c.numbers === null && c.dateShare < 0.5 && c.fill > 0)
      .sort((a, b) => b.meanLength - a.meanLength)[0];
    put('description', text?.index);
  }

  const codes = currency ? layout.data.map(r => r.cells[currency.index] ?? '').filter(isCurrencyCode) : [];
  const defaultCurrency = options.defaultCurrency?.toUpperCase() ?? codes[0] ?? UNKNOWN_CURRENCY;
  const headerKey = layoutKey(layout);
  const name = layout.hasHeader
    ? `${header
        .filter(h => h !== '')
        .slice(0, 3)
        .join(', ')}…`
    : `${layout.width}-column file without a header`;
  return {
    id: `guess-${fnv(`${role}|${layout.delimiter}|${headerKey}`)}`,
    name,
    role,
    headerKey,
    delimiter: layout.delimiter,
    decimal,
    dateOrder,
    hasHeader: layout.hasHeader,
    skipRows: layout.skipRows,
    columns,
    defaultCurrency,
  };
}
