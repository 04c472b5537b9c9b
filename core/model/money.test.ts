import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { amountMinor, applyRate, formatMinor, parseAmount, parseRate } from './money';

const minor = (s: string, o?: Parameters<typeof parseAmount>[1]) => {
  const r = parseAmount(s, o);
  if (!r.ok) throw new Error(r.message);
  return r.minor;
};

describe('parseAmount', () => {
  test.each([
    ['1,234.50', 123450],
    ['-9.200,00', -920000],
    ['¥28.16', 2816],
    ['-$0.95', -95],
    ['$-0.95', -95],
    ['000000000473,17', 47317],
    ['12.30', 1230],
    ['107,', 10700],
    ['(12.50)', -1250],
    ['+10000.00', 1000000],
    ['1 234,56', 123456],
    ['1,665.00 kr.', 166500],
    ['3236,28', 323628],
    ['0.00', 0],
    ['-0.00', 0],
    ['1,234', 123400],
    ['1,234,567.89', 123456789],
    ['１２３．４５', 12345],
    ['CNY 12.00', 1200],
    ['18.150', 1815],
    ['5200', 520000],
    ['12.5', 1250],
    ['-.5', -50],
    ['353.226,14', 35322614],
  ])('reads %s as %i minor units', (text, expected) => {
    expect(minor(text)).toBe(expected);
  });

  test('honours a decimal hint', () => {
    expect(minor('1.234', { decimal: ',' })).toBe(123400);
    expect(minor('1,5', { decimal: ',' })).toBe(150);
    expect(minor('1,234', { decimal: '.' })).toBe(123400);
  });

  test('reads zero-decimal and three-decimal currencies', () => {
    expect(minor('1,200', { digits: 0 })).toBe(1200);
    expect(minor('1.234', { digits: 3 })).toBe(1234);
  });

  test.each(['', 'abc', '1.2.3,4,5', '12.345', '--', '$'])('refuses %j with a message', text => {
    const r = parseAmount(text);
    expect(r.ok).toBe(false);
  });

  test('round-trips every formatted amount exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), m => {
        expect(minor(formatMinor(m))).toBe(m);
      }),
    );
  });

  test('reads thousands-grouped amounts exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), m => {
        const plain = formatMinor(m);
        const [i, f] = plain.split('.');
        const grouped = i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + f;
        const european = i!.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + ',' + f;
        expect(minor(grouped)).toBe(m);
        expect(minor(european)).toBe(m);
      }),
    );
  });

  test('never throws on any string (property)', () => {
    fc.assert(
      fc.property(fc.string(), s => {
        const r = parseAmount(s);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});

describe('rates', () => {
  test('round half up exactly', () => {
    const r = parseRate('0.0060')!;
    expect(applyRate(2655, r)).toBe(16); // 15.93
    expect(applyRate(2500, parseRate('0.0050')!)).toBe(13); // 12.5 → 13
    expect(applyRate(100, parseRate('0.6%')!)).toBe(1);
  });
  test('matches BigInt arithmetic for any amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 99999 }), (a, n) => {
        const rate = { num: n, den: 100000 };
        const exact = Number((2n * BigInt(a) * BigInt(n) + 100000n) / 200000n);
        expect(applyRate(a, rate)).toBe(exact);
      }),
    );
  });
});

describe('amountMinor', () => {
  test('agrees with parseAmount on every string, NaN where it refuses (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.integer({ min: -1e9, max: 1e9 }).map(m => formatMinor(m)),
        ),
        s => {
          const r = parseAmount(s);
          const m = amountMinor(s);
          if (r.ok) expect(m).toBe(r.minor);
          else expect(Number.isNaN(m)).toBe(true);
        },
      ),
    );
  });
});
