import { expect, test } from 'vitest';
import { formatMoney, shortDateTime } from './format';

test('formats exact minor units with grouping and the currency mark', () => {
  expect(formatMoney(123450, 'CNY')).toBe('¥1,234.50');
  expect(formatMoney(-95, 'USD')).toBe('-$0.95');
  expect(formatMoney(100000000, 'EUR')).toBe('€1,000,000.00');
  expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
  expect(formatMoney(1000, 'CHF')).toBe('CHF 10.00');
});

test('shortens a printed date-time for the list', () => {
  expect(shortDateTime('2026-03-02T14:06:51')).toBe('03-02 14:06');
  expect(shortDateTime('garbled')).toBe('garbled');
});
