import { formatMinor, minorDigits } from '../../core/model/money';

const SYMBOL: Readonly<Record<string, string>> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', HKD: 'HK$', JPY: '¥' };

/** An amount for the screen, from exact minor units (no floating point): `¥1,234.50`, `-$0.95`, `CHF 10.00`. */
export function formatMoney(minor: number, currency: string): string {
  const plain = formatMinor(Math.abs(minor), minorDigits(currency));
  const [int, frac] = plain.split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = SYMBOL[currency];
  const body = `${grouped}${frac !== undefined ? '.' + frac : ''}`;
  return `${minor < 0 ? '-' : ''}${symbol ?? currency + ' '}${body}`;
}

/** A local date-time as printed (`2026-03-02T14:06:51`) to `03-02 14:06`. */
export function shortDateTime(at: string): string {
  const m = /^\d{4}-(\d{2}-\d{2})T(\d{2}:\d{2})/.exec(at);
  return m ? `${m[1]} ${m[2]}` : at;
}
