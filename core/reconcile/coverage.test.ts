import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { makeLine } from '../../test/support/factories';
import { isoSpans, meetsRun, merge, statementCoverage, subtract, uncoveredRuns, type DaySpan } from './coverage';

describe('day spans', () => {
  test('merge joins overlapping and adjacent runs; subtract cuts runs out', () => {
    expect(
      merge([
        [5, 7],
        [1, 2],
        [3, 3],
        [10, 12],
        [11, 11],
        [4, 4],
      ]),
    ).toEqual([
      [1, 7],
      [10, 12],
    ]);
    expect(
      merge([
        [5, 7],
        [1, 2],
      ]),
    ).toEqual([
      [1, 2],
      [5, 7],
    ]);
    expect(
      subtract(
        [[1, 10]],
        [
          [3, 4],
          [8, 12],
        ],
      ),
    ).toEqual([
      [1, 2],
      [5, 7],
    ]);
    expect(subtract([[1, 10]], [[0, 20]])).toEqual([]);
  });

  test('uncovered runs: before the first covered day, between runs and after the last up to the as-of day', () => {
    expect(
      uncoveredRuns(
        [
          [10, 12],
          [15, 20],
        ],
        25,
      ),
    ).toEqual([
      [-Infinity, 9],
      [13, 14],
      [21, 25],
    ]);
    expect(
      uncoveredRuns(
        [
          [10, 12],
          [15, 20],
        ],
        20,
      ),
    ).toEqual([
      [-Infinity, 9],
      [13, 14],
    ]);
    expect(uncoveredRuns([], 5)).toEqual([[-Infinity, 5]]);
  });

  test('meetsRun agrees with a day-by-day check', () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 8 })).map(([a, n]) => [a, a + n] as DaySpan);
    fc.assert(
      fc.property(fc.array(span, { maxLength: 6 }), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 70 }), (spans, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const runs = uncoveredRuns(merge(spans), 70);
        const covered = new Set(merge(spans).flatMap(([x, y]) => Array.from({ length: y - x + 1 }, (_, k) => x + k)));
        let expected = false;
        for (let day = from; day <= to; day++) if (!covered.has(day)) expected = true;
        expect(meetsRun(runs, from, to)).toBe(expected);
      }),
    );
  });
});

describe('statementCoverage', () => {
  test('overlapping monthly statements of one account are one covered run; the as-of day is its end', () => {
    const c = statementCoverage(
      [],
      [
        { account: 'A', from: '2026-01-01', to: '2026-01-31' },
        { account: 'A', from: '2026-01-25', to: '2026-02-28' },
      ],
    );
    expect(isoSpans(c.covered)).toEqual([['2026-01-01', '2026-02-28']]);
    expect(c.lastCovered).toBe('2026-02-28');
  });

  test('a statement hole is uncovered unless another statement covers those days', () => {
    const holed = {
      account: 'A',
      from: '2026-01-01',
      to: '2026-01-31',
      holes: [{ from: '2026-01-10', to: '2026-01-12', reason: 'balance_jump' as const, line: 9 }],
    };
    expect(isoSpans(statementCoverage([], [holed]).covered)).toEqual([
      ['2026-01-01', '2026-01-09'],
      ['2026-01-13', '2026-01-31'],
    ]);
    expect(isoSpans(statementCoverage([], [holed, { account: 'A', from: '2026-01-08', to: '2026-01-15' }]).covered)).toEqual([
      ['2026-01-01', '2026-01-31'],
    ]);
  });

  test('a statement opening at another balance than the one before closed at uncovers the days between their ends', () => {
    const c = statementCoverage(
      [],
      [
        { account: 'A', from: '2026-01-01', to: '2026-01-31', closingMinor: 5_000, file: 'jan.csv' },
        { account: 'A', from: '2026-02-01', to: '2026-02-28', openingMinor: 4_000, file: 'feb.csv' },
      ],
    );
    expect(isoSpans(c.covered)).toEqual([
      ['2026-01-01', '2026-01-30'],
      ['2026-02-02', '2026-02-28'],
    ]);
    expect(c.accounts.get('A')!.holes).toEqual([
      { from: '2026-01-31', to: '2026-02-01', reason: 'opening_mismatch', line: 1, jumpMinor: -1_000, file: 'feb.csv' },
    ]);
  });

  test('statement numbers that skip one uncover the days where the two statements meet', () => {
    const c = statementCoverage(
      [],
      [
        { account: 'A', from: '2026-01-01', to: '2026-01-10', sequence: 7 },
        { account: 'A', from: '2026-01-10', to: '2026-01-20', sequence: 9 },
        { account: 'A', from: '2026-01-20', to: '2026-01-31', sequence: 10 },
      ],
    );
    expect(isoSpans(c.covered)).toEqual([
      ['2026-01-01', '2026-01-09'],
      ['2026-01-11', '2026-01-31'],
    ]);
    expect(c.accounts.get('A')!.holes).toMatchObject([{ from: '2026-01-10', to: '2026-01-10', reason: 'sequence_gap' }]);
  });

  test('lines without a period cover their first to last booking; with two accounts the as-of day is the earlier end', () => {
    const c = statementCoverage(
      [makeLine({ account: 'A', bookedOn: '2026-03-02' }), makeLine({ account: 'A', bookedOn: '2026-03-09' })],
      [{ account: 'B', from: '2026-03-01', to: '2026-03-05' }],
    );
    expect(isoSpans(c.covered)).toEqual([['2026-03-01', '2026-03-09']]);
    expect(c.lastCovered).toBe('2026-03-05');
  });
});
