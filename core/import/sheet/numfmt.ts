import { numberText } from './cell';

// Excel's built-in number formats are not stored in the file, only their ids (ECMA-376 §18.8.30).
// Locale-dependent date ids (14, and the CJK ids 27–36 and 50–58 used by Chinese exports) are
// rendered as ISO dates so that the text reads the same whatever locale wrote the file.
const BUILTIN: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '#,##0;-#,##0',
  6: '#,##0;[Red]-#,##0',
  7: '#,##0.00;-#,##0.00',
  8: '#,##0.00;[Red]-#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy-mm-dd',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy-mm-dd h:mm',
  37: '#,##0;(#,##0)',
  38: '#,##0;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mm:ss',
  48: '##0.0E+0',
  49: '@',
  27: 'yyyy-mm-dd',
  28: 'yyyy-mm-dd',
  29: 'yyyy-mm-dd',
  30: 'yyyy-mm-dd',
  31: 'yyyy-mm-dd',
  32: 'h:mm:ss',
  33: 'h:mm:ss',
  34: 'h:mm:ss',
  35: 'h:mm:ss',
  36: 'yyyy-mm-dd',
  50: 'yyyy-mm-dd',
  51: 'yyyy-mm-dd',
  52: 'yyyy-mm-dd',
  53: 'yyyy-mm-dd',
  54: 'yyyy-mm-dd',
  55: 'yyyy-mm-dd',
  56: 'yyyy-mm-dd',
  57: 'yyyy-mm-dd',
  58: 'yyyy-mm-dd',
};

/** The format code of a built-in number format id; `General` for ids Excel leaves to the locale. */
export function builtinFormat(id: number): string {
  return BUILTIN[id] ?? 'General';
}

// A workbook uses a handful of format codes over thousands of cells: parse each once.
const SECTIONS = new Map<string, string[]>();
const TOKENS = new Map<string, Token[]>();
const IS_DATE = new Map<string, boolean>();

function cached<T>(cache: Map<string, T>, key: string, make: (k: string) => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    v = make(key);
    if (cache.size > 2000) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/** Splits a format code into its `;` sections, ignoring `;` inside quotes, brackets or after `\`. */
function sections(code: string): string[] {
  return cached(SECTIONS, code, splitSections);
}

function splitSections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false,
    bracket = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (!quoted && !bracket && ch === '\\') {
      cur += ch + (code[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"' && !bracket) quoted = !quoted;
    else if (ch === '[' && !quoted) bracket = true;
    else if (ch === ']' && !quoted) bracket = false;
    if (ch === ';' && !quoted && !bracket) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

type Token = { readonly lit: string } | { readonly code: string };

/** Tokens of one section: literals (quoted text, `\x`, `[$kr.-406]` currency text) and code characters. */
function tokenize(section: string): Token[] {
  return cached(TOKENS, section, tokenizeSection);
}

function tokenizeSection(section: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      out.push({ lit: section.slice(i + 1, stop) });
      i = stop;
    } else if (ch === '\\') {
      out.push({ lit: section[i + 1] ?? '' });
      i++;
    } else if (ch === '_') {
      out.push({ lit: ' ' });
      i++;
    } else if (ch === '*') {
      i++;
    } else if (section.slice(i, i + 5).toUpperCase() === 'AM/PM') {
      out.push({ code: 'ampm' });
      i += 4;
    } else if (section.slice(i, i + 3).toUpperCase() === 'A/P') {
      out.push({ code: 'ap' });
      i += 2;
    } else if (ch === '[') {
      const end = section.indexOf(']', i + 1);
      const stop = end < 0 ? section.length : end;
      const inner = section.slice(i + 1, stop);
      // [h] [mm] [ss] are elapsed-time codes; [$kr.-406] prints "kr."; [Red], [$-0406], [>100] print nothing.
      if (/^(h+|m+|s+)$/i.test(inner)) out.push({ code: inner });
      else if (inner.startsWith('$')) out.push({ lit: inner.slice(1).split('-')[0]! });
      i = stop;
    } else {
      out.push({ code: ch });
    }
  }
  return out;
}

/** True when a format code displays a date or time (then the cell's number is an Excel serial). */
export function isDateFormat(code: string): boolean {
  return cached(IS_DATE, code, dateFormat);
}

function dateFormat(code: string): boolean {
  if (/^general$/i.test(code.trim())) return false;
  const first = sections(code)[0] ?? '';
  return tokenize(first).some(t => 'code' in t && /^([ymdhs]+|ampm|ap)$/i.test(t.code));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

type DatePart = { readonly lit: string } | { readonly code: string };

/**
 * A date/time section as parts with their meaning settled once: `m`/`mm` after an hour or before a
 * second is minutes (`mi`/`mmi`), otherwise the month. Cached per section, so a 4,000-row statement
 * resolves its two formats twice, not 8,000 times.
 */
function compileDate(section: string): DatePart[] {
  const runs: { lit?: string; code?: string }[] = [];
  for (const t of tokenize(section)) {
    const last = runs[runs.length - 1];
    if ('lit' in t) {
      runs.push({ lit: t.lit });
      continue;
    }
    const c = t.code.toLowerCase();
    if (/^[ymdhs]$/.test(c) && last?.code && /^[ymdhs]+$/.test(last.code) && last.code[0] === c) last.code += c;
    else runs.push({ code: c });
  }
  const isDateCode = (x: { code?: string }): boolean => x.code !== undefined && /^[ymdhs]/.test(x.code);
  return runs.map((r, i) => {
    if (r.lit !== undefined) return { lit: r.lit };
    const c = r.code!;
    if (c[0] === 'm' && c.length <= 2) {
      const prev = runs.slice(0, i).reverse().find(isDateCode)?.code ?? '';
      const next = runs.slice(i + 1).find(isDateCode)?.code ?? '';
      if (prev[0] === 'h' || next[0] === 's') return { code: c.length === 2 ? 'mmi' : 'mi' };
    }
    return { code: c };
  });
}

const DATE_PARTS = new Map<string, DatePart[]>();

/** Renders an Excel serial day with a date/time section (`DD\.MM\.YYYY`, `HH\.MM\.SS`, `yyyy-mm-dd h:mm`). */
function formatDate(serial: number, section: string, date1904: boolean): string {
  let day = Math.floor(serial);
  let secs = Math.round((serial - day) * 86_400);
  if (secs >= 86_400) {
    day += 1;
    secs -= 86_400;
  }
  // 1900 system: serial 25569 is 1970-01-01 (Excel's fictitious 1900-02-29 only shifts serials below 61).
  const unixDay = day - 25_569 + (date1904 ? 1_462 : 0);
  const d = new Date(unixDay * 86_400_000);
  const y = d.getUTCFullYear(),
    mo = d.getUTCMonth(),
    dd = d.getUTCDate(),
    wd = d.getUTCDay();
  const h = Math.floor(secs / 3600),
    mi = Math.floor((secs % 3600) / 60),
    s = secs % 60;
  const parts = cached(DATE_PARTS, section, compileDate);
  const ampm = parts.some(p => 'code' in p && (p.code === 'ampm' || p.code === 'ap'));
  let out = '';
  for (const p of parts) {
    if ('lit' in p) {
      out += p.lit;
      continue;
    }
    const c = p.code;
    switch (c) {
      case 'mi':
        out += String(mi);
        break;
      case 'mmi':
        out += pad(mi, 2);
        break;
      case 'ampm':
        out += h < 12 ? 'AM' : 'PM';
        break;
      case 'ap':
        out += h < 12 ? 'A' : 'P';
        break;
      default:
        if (c[0] === 'y') out += c.length <= 2 ? pad(y % 100, 2) : pad(y, 4);
        else if (c[0] === 'm')
          out += c.length === 1 ? String(mo + 1) : c.length === 2 ? pad(mo + 1, 2) : c.length === 3 ? MONTHS[mo]!.slice(0, 3) : MONTHS[mo]!;
        else if (c[0] === 'd')
          out += c.length === 1 ? String(dd) : c.length === 2 ? pad(dd, 2) : c.length === 3 ? DAYS[wd]!.slice(0, 3) : DAYS[wd]!;
        else if (c[0] === 'h') {
          const hh = ampm ? ((h + 11) % 12) + 1 : h;
          out += c.length >= 2 ? pad(hh, 2) : String(hh);
        } else if (c[0] === 's') out += c.length >= 2 ? pad(s, 2) : String(s);
        else out += c;
    }
  }
  return out;
}

/** Rounds a non-negative plain decimal string to `places` digits, half away from zero, exactly. */
function roundDecimal(text: string, places: number): string {
  const [intPart = '0', frac = ''] = text.split('.');
  if (frac.length <= places) return places === 0 ? intPart : `${intPart}.${frac.padEnd(places, '0')}`;
  const digits = (intPart + frac.slice(0, places)).split('').map(Number);
  if (Number(frac[places]) >= 5) {
    let k = digits.length - 1;
    while (k >= 0 && digits[k] === 9) {
      digits[k] = 0;
      k--;
    }
    if (k < 0) digits.unshift(1);
    else digits[k]! += 1;
  }
  const all = digits.join('');
  const cut = all.length - places;
  return places === 0 ? all : `${all.slice(0, cut)}.${all.slice(cut)}`;
}

/** Renders a number with a numeric section (`#,##0.00\ [$kr.-406]`, `0.00%`, `0.00E+00`). */
function formatPlain(abs: number, section: string): string {
  const tokens = tokenize(section);
  const isPh = (t: Token): boolean => 'code' in t && /[0#?.,]/.test(t.code);
  const first = tokens.findIndex(isPh);
  if (first < 0) return tokens.map(t => ('lit' in t ? t.lit : t.code === '@' ? '' : t.code)).join('');
  let last = first;
  for (let i = first; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isPh(t) || ('code' in t && /[eE+-]/.test(t.code) && i > first)) last = i;
    else break;
  }
  const pattern = tokens
    .slice(first, last + 1)
    .map(t => ('code' in t ? t.code : ''))
    .join('');
  const lit = (ts: Token[]): string => ts.map(t => ('lit' in t ? t.lit : t.code)).join('');
  const prefix = lit(tokens.slice(0, first));
  const suffix = lit(tokens.slice(last + 1));
  let value = abs;
  if (section.includes('%')) value *= 100;
  const dot = pattern.indexOf('.');
  const expAt = pattern.search(/[eE]/);
  const fracPattern = dot < 0 ? '' : pattern.slice(dot + 1, expAt < 0 ? undefined : expAt);
  const places = (fracPattern.match(/[0#?]/g) ?? []).length;
  if (expAt >= 0) {
    const [mant = '0', exp = '0'] = value.toExponential(places).split('e');
    const e = Number(exp);
    return `${prefix}${mant}E${e < 0 ? '-' : '+'}${pad(Math.abs(e), 2)}${suffix}`;
  }
  const intPattern = dot < 0 ? pattern : pattern.slice(0, dot);
  const minInt = (intPattern.match(/0/g) ?? []).length;
  let text = roundDecimal(numberText(Number(value.toPrecision(15))), places);
  // "#" placeholders after the decimal mark drop trailing zeros.
  const optional = (fracPattern.match(/#/g) ?? []).length;
  if (optional > 0 && text.includes('.')) {
    let [i, f = ''] = text.split('.');
    let drop = optional;
    while (drop > 0 && f.endsWith('0')) {
      f = f.slice(0, -1);
      drop--;
    }
    text = f ? `${i}.${f}` : i!;
  }
  let [intDigits = '0', fracDigits] = text.split('.');
  intDigits = intDigits.replace(/^0+/, '').padStart(minInt, '0');
  if (/[0#?],[0#?]/.test(intPattern)) intDigits = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return prefix + intDigits + (fracDigits !== undefined ? '.' + fracDigits : dot >= 0 && places === 0 ? '.' : '') + suffix;
}

/**
 * The text Excel displays for a number under a format code. Amounts are rendered exactly from the
 * double's shortest decimal form (no `toFixed` drift); dates use the 1900 or 1904 system.
 */
export function formatNumber(n: number, code: string, date1904 = false): string {
  if (!Number.isFinite(n)) return String(n);
  const parts = sections(code);
  const general = (): string => numberText(Number(n.toPrecision(15)));
  if (/^(general|@)?$/i.test(code.trim())) return general();
  let section = parts[0]!;
  let abs = false;
  if (n < 0 && parts.length >= 2 && parts[1]!.trim() !== '') {
    section = parts[1]!;
    abs = true;
  } else if (n === 0 && parts.length >= 3 && parts[2]!.trim() !== '') section = parts[2]!;
  if (/^\s*(general|@)\s*$/i.test(section)) return general();
  if (isDateFormat(section)) {
    if (n < 0) return general();
    return formatDate(n, section, date1904);
  }
  const body = formatPlain(Math.abs(n), section);
  return n < 0 && !abs && /\d/.test(body) && Number(body.replace(/[^\d.]/g, '')) !== 0 ? '-' + body : body;
}
