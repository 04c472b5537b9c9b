import { describe, expect, test } from 'vitest';
import { makeLine } from '../../test/support/factories';
import type { BankLine, ParseResult, StatementPeriod } from '../model/types';
import { withStatementCoverage } from './statement-coverage';

/** A statement of one account with a running balance: amounts per day, from an opening balance. */
function statement(days: readonly [string, readonly number[]][], opening = 100_000): BankLine[] {
  const lines: BankLine[] = [];
  let balance = opening;
  for (const [day, amounts] of days) {
    for (const amount of amounts) {
      balance += amount;
      lines.push(
        makeLine({
          id: `L${lines.length + 1}`,
          account: 'ACC',
          bookedOn: day,
          amountMinor: amount,
          balanceMinor: balance,
          line: lines.length + 2,
        }),
      );
    }
  }
  return lines;
}

function bank(lines: BankLine[], periods: StatementPeriod[] = [], issues: ParseResult['issues'] = []): ParseResult {
  return { format: 'cn-bank-csv', role: 'bank', acquirerTxns: [], bankLines: lines, issues, merchantIds: [], acquirerName: null, periods };
}

const DAYS: [string, number[]][] = [
  ['2026-03-02', [500, -200]],
  ['2026-03-03', [1_000]],
  ['2026-03-04', [-50, 70, 30]],
  ['2026-03-05', [900]],
  ['2026-03-06', [-10, 20]],
];
const PERIOD = { account: 'ACC', from: '2026-03-01', to: '2026-03-06', openingMinor: 100_000 };

describe('withStatementCoverage', () => {
  test('a file without a declared period covers its first to last booking date', () => {
    const r = withStatementCoverage(bank(statement(DAYS)), 'a.csv');
    expect(r.periods).toEqual([{ account: 'ACC', from: '2026-03-02', to: '2026-03-06', derived: true, file: 'a.csv' }]);
  });

  test('an unbroken running balance leaves the declared period whole', () => {
    const r = withStatementCoverage(bank(statement(DAYS), [PERIOD]), 'a.csv');
    expect(r.periods).toEqual([{ ...PERIOD, file: 'a.csv' }]);
    expect(r.issues).toEqual([]);
  });

  test('lines taken out of the middle: the days from the line before to the line after are a hole', () => {
    const lines = statement(DAYS);
    const cut = [...lines.slice(0, 3), ...lines.slice(6)]; // the whole of 03-04 and nothing else
    const r = withStatementCoverage(bank(cut, [PERIOD]), 'a.csv');
    expect(r.periods[0]!.holes).toEqual([
      { from: '2026-03-03', to: '2026-03-05', reason: 'balance_jump', line: lines[6]!.line, jumpMinor: 50 },
    ]);
  });

  test('a hole inside one day is that day alone; one at the start runs from the period start', () => {
    const lines = statement(DAYS);
    const inDay = withStatementCoverage(bank([...lines.slice(0, 4), ...lines.slice(5)], [PERIOD]), 'a.csv');
    expect(inDay.periods[0]!.holes).toMatchObject([{ from: '2026-03-04', to: '2026-03-04' }]);
    const atStart = withStatementCoverage(bank(lines.slice(1), [PERIOD]), 'a.csv');
    expect(atStart.periods[0]!.holes).toMatchObject([{ from: '2026-03-01', to: '2026-03-02', jumpMinor: 500 }]);
  });

  test('newest-first files and a day printed out of booking order are followed, not taken for holes', () => {
    const lines = statement(DAYS);
    expect(withStatementCoverage(bank([...lines].reverse(), [PERIOD]), 'a.csv').periods[0]!.holes).toBeUndefined();
    const shuffled = [lines[0]!, lines[1]!, lines[2]!, lines[5]!, lines[3]!, lines[4]!, ...lines.slice(6)];
    expect(withStatementCoverage(bank(shuffled, [PERIOD]), 'a.csv').periods[0]!.holes).toBeUndefined();
  });

  test('a balance column that follows nothing is not read as holes, and says so', () => {
    const lines = statement(DAYS).map((l, k) => ({ ...l, balanceMinor: 1_000 * (k % 3) }));
    const r = withStatementCoverage(bank(lines, [PERIOD]), 'a.csv');
    expect(r.periods[0]!.holes).toBeUndefined();
    expect(r.issues).toMatchObject([{ severity: 'warning', field: '余额 (balance)' }]);
  });

  test('a footer that does not add up makes the period a hole unless the balance shows where lines are missing', () => {
    const footer = { ...PERIOD, holes: [{ from: PERIOD.from, to: PERIOD.to, reason: 'footer_mismatch' as const, line: 20 }] };
    const lines = statement(DAYS);
    expect(
      withStatementCoverage(
        bank(
          lines.map(l => ({ ...l, balanceMinor: null })),
          [footer],
        ),
        'a.csv',
      ).periods[0]!.holes,
    ).toEqual(footer.holes);
    const cut = [...lines.slice(0, 3), ...lines.slice(6)];
    expect(withStatementCoverage(bank(cut, [footer]), 'a.csv').periods[0]!.holes).toMatchObject([{ reason: 'balance_jump' }]);
  });

  test('acquirer files and refused files are left as they are', () => {
    const refused = bank(statement(DAYS), [], [{ line: 3, field: 'x', message: 'bad', severity: 'error' }]);
    expect(withStatementCoverage(refused, 'a.csv')).toBe(refused);
  });
});
