import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseAmount } from '../../model/money';
import { readAmount } from './amount';

describe('readAmount', () => {
  test('reads plain amounts with either decimal mark exactly', () => {
    expect(readAmount('-9.200,00', ',', 2)).toEqual({ ok: true, minor: -920_000 });
    expect(readAmount('353.226,14', ',', 2)).toEqual({ ok: true, minor: 35_322_614 });
    expect(readAmount('1,234.5', '.', 2)).toEqual({ ok: true, minor: 123_450 });
    expect(readAmount('128000.000', '.', 2)).toEqual({ ok: true, minor: 12_800_000 });
    expect(readAmount('7', '.', 0)).toEqual({ ok: true, minor: 7 });
    expect(readAmount('-0,00', ',', 2)).toEqual({ ok: true, minor: 0 });
  });

  test('hands anything unusual to parseAmount, with its message', () => {
    expect(readAmount('1,2,3', '.', 2)).toEqual(parseAmount('1,2,3', { decimal: '.' }));
    expect(readAmount('$-0.95', '.', 2)).toEqual({ ok: true, minor: -95 });
    expect(readAmount('12.345', '.', 2)).toEqual(parseAmount('12.345', { decimal: '.' }));
    expect(readAmount('abc', ',', 2).ok).toBe(false);
  });

  test('agrees with parseAmount on every generated amount', () => {
    const text = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('', '-', '+'),
          fc.integer({ min: 0, max: 99_999_999 }),
          fc.constantFrom('.', ','),
          fc.boolean(),
          fc.integer({ min: 0, max: 999 }),
        )
        .map(([sign, whole, mark, grouped, cents]) => {
          const g = mark === '.' ? ',' : '.';
          const w = grouped ? whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, g) : whole.toString();
          return { text: `${sign}${w}${mark}${String(cents).padStart(2, '0')}`, mark: mark as '.' | ',' };
        }),
      fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('.' as const, ',' as const)).map(([t, mark]) => ({ text: t, mark })),
    );
    fc.assert(
      fc.property(text, ({ text: t, mark }) => {
        expect(readAmount(t, mark, 2)).toEqual(parseAmount(t, { decimal: mark, digits: 2 }));
      }),
      { numRuns: 2000 },
    );
  });
});
