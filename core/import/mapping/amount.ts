import { parseAmount, type AmountResult } from '../../model/money';

/**
 * parseAmount for a known decimal mark, with a fast path for the plain amounts nearly every row
 * holds (`-9.200,00`, `1,234.56`, `12.5`): same result, no regexes, which otherwise cost most of a
 * 100,000-row import. Anything unusual (currency marks, brackets, spaces) goes to parseAmount.
 */
export function readAmount(text: string, decimal: '.' | ',', digits: number): AmountResult {
  const group = decimal === '.' ? 0x2c : 0x2e;
  const mark = decimal === '.' ? 0x2e : 0x2c;
  const n = text.length;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 0x2d || first === 0x2b) {
    negative = first === 0x2d;
    i = 1;
  }
  let intPart = 0,
    intDigits = 0,
    sinceGroup = -1,
    leading = 0;
  for (; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 0x30 && ch <= 0x39) {
      intPart = intPart * 10 + (ch - 0x30);
      intDigits++;
      if (sinceGroup >= 0) sinceGroup++;
      else leading++;
      continue;
    }
    // Thousands groups: 1–3 digits first, then exactly three per group.
    if (ch === group && intDigits > 0 && (sinceGroup < 0 ? leading <= 3 : sinceGroup === 3)) {
      sinceGroup = 0;
      continue;
    }
    break;
  }
  if (intDigits === 0 || (sinceGroup >= 0 && sinceGroup !== 3) || intDigits + digits > 15) return parseAmount(text, { decimal, digits });
  let frac = 0,
    fracDigits = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== mark) return parseAmount(text, { decimal, digits });
    for (i++; i < n; i++) {
      const ch = text.charCodeAt(i);
      if (ch < 0x30 || ch > 0x39) return parseAmount(text, { decimal, digits });
      if (fracDigits === digits) {
        if (ch !== 0x30) return parseAmount(text, { decimal, digits });
        continue;
      }
      frac = frac * 10 + (ch - 0x30);
      fracDigits++;
    }
  }
  for (let k = fracDigits; k < digits; k++) frac *= 10;
  const minor = intPart * 10 ** digits + frac;
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}
