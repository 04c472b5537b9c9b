import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { makeLine, makeTxn } from '../../test/support/factories';
import type { BankLine, ParseResult, StatementPeriod } from '../model/types';
import { fixture } from '../../test/support/acquirer-format-checks';
import { parseFile } from './detect';
import { checkRepeatsInFile, mergeBankReadings, mergeTxnReadings } from './identity';

const result = (over: Partial<ParseResult>): ParseResult => ({
  format: 'ofx',
  role: 'bank',
  acquirerTxns: [],
  bankLines: [],
  issues: [],
  merchantIds: [],
  acquirerName: null,
  periods: [],
  ...over,
});
const bank = (file: string, rows: BankLine[], complete = true) => ({ file, complete, rows, periods: [] as StatementPeriod[] });

describe('rows repeated inside one file', () => {
  test('an exact repeat is counted once, with a warning naming both lines', () => {
    const a = makeLine({ id: '7', line: 10 });
    const r = checkRepeatsInFile(result({ bankLines: [a, makeLine({ id: '8' }), { ...a, line: 14 }] }));
    expect(r.bankLines.map(l => l.id)).toEqual(['7', '8']);
    expect(r.issues).toEqual([
      {
        line: 14,
        field: '(row)',
        severity: 'warning',
        code: 'repeated_row',
        params: { row: 'bank_line', id: '7', firstLine: 10 },
        message: 'this line repeats line 10 (bank line 7); it is counted once',
      },
    ]);
  });

  test('the same id with other content is an error naming both lines and the field', () => {
    const t = makeTxn({ id: 'R1', line: 3 });
    const r = checkRepeatsInFile(result({ role: 'acquirer', acquirerTxns: [t, { ...t, feeMinor: 10, line: 9 }] }));
    expect(r.issues).toEqual([
      {
        line: 9,
        field: 'feeMinor',
        severity: 'error',
        code: 'conflicting_row',
        params: { row: 'transaction', id: 'R1', firstLine: 3, fields: ['feeMinor'] },
        message: 'transaction R1 is on line 3 too, with other feeMinor',
      },
    ]);
  });

  test('a row its parser renumbered (X#2) that is otherwise the same as X is a repeat; a refund under X is not', () => {
    const sale = makeTxn({ id: 'X', line: 2 });
    const refund = makeTxn({ id: 'X#2', kind: 'refund', grossMinor: -100, line: 3 });
    const copy = { ...sale, id: 'X#3', line: 4 };
    const r = checkRepeatsInFile(result({ role: 'acquirer', acquirerTxns: [sale, refund, copy] }));
    expect(r.acquirerTxns).toEqual([sale, refund]);
    expect(r.issues).toEqual([
      {
        line: 4,
        field: '(row)',
        severity: 'warning',
        code: 'repeated_row',
        params: { row: 'transaction', id: 'X', firstLine: 2 },
        message: 'this line repeats line 2 (transaction X); it is counted once',
      },
    ]);
  });

  test('a row printed twice in a PayPal export is read once, with the warning naming both lines', () => {
    const text = new TextDecoder().decode(fixture('synthetic/paypal-activity/us.csv'));
    const lines = text.split('\n');
    const whole = parseFile(fixture('synthetic/paypal-activity/us.csv'), { fileName: 'us.csv' });
    const row = whole.acquirerTxns[0]!.line;
    const twice = parseFile(new TextEncoder().encode([...lines.slice(0, row), lines[row - 1]!, ...lines.slice(row)].join('\n')), {
      fileName: 'us.csv',
    });
    expect(twice.acquirerTxns.length).toBe(whole.acquirerTxns.length);
    expect(twice.issues).toContainEqual({
      line: row + 1,
      field: '(row)',
      severity: 'warning',
      code: 'repeated_row',
      params: { row: 'transaction', id: whole.acquirerTxns[0]!.id, firstLine: row },
      message: `this line repeats line ${row} (transaction ${whole.acquirerTxns[0]!.id}); it is counted once`,
    });
  });

  test('lines of two accounts that share an id are two lines', () => {
    const lines = [makeLine({ id: '1', account: 'A' }), makeLine({ id: '1', account: 'B' })];
    const r = checkRepeatsInFile(result({ bankLines: lines }));
    expect(r.bankLines).toEqual(lines);
    expect(r.issues).toEqual([]);
  });
});

describe('merging readings of several files', () => {
  test('the complete reading wins over a cut one, whichever came first, and the change is a warning', () => {
    const full = makeTxn({ id: 'A1', feeMinor: 240, line: 5 });
    const cut = { ...full, feeMinor: 10, line: 5 };
    for (const readings of [
      [
        { file: 'cut.csv', complete: false, rows: [cut] },
        { file: 'full.csv', complete: true, rows: [full] },
      ],
      [
        { file: 'full.csv', complete: true, rows: [full] },
        { file: 'cut.csv', complete: false, rows: [cut] },
      ],
    ]) {
      const merged = mergeTxnReadings(readings);
      expect(merged.rows).toEqual([full]);
      expect(merged.changes).toEqual([
        {
          file: 'cut.csv',
          issue: {
            line: 5,
            field: 'feeMinor',
            severity: 'warning',
            code: 'read_differently',
            params: { id: 'A1', file: 'full.csv', line: 5, fields: ['feeMinor'], complete: true },
            message: 'A1 reads differently in full.csv:5 (feeMinor); that complete reading is kept',
          },
        },
      ]);
    }
  });

  test('between two complete readings the later one wins', () => {
    const first = makeLine({ id: 'X', amountMinor: 100 });
    const later = { ...first, amountMinor: 200 };
    expect(mergeBankReadings([bank('jan.ofx', [first]), bank('feb.ofx', [later])]).rows).toEqual([later]);
  });

  test('keeps every statement period (the union of overlapping statements)', () => {
    const periods = [
      { account: 'A', from: '2026-01-01', to: '2026-01-31' },
      { account: 'A', from: '2026-01-15', to: '2026-02-15' },
    ];
    expect(
      mergeBankReadings([
        { ...bank('a', []), periods: [periods[0]!] },
        { ...bank('b', []), periods: [periods[1]!] },
      ]).periods,
    ).toEqual(periods);
  });

  // Lines drawn from a small pool of ids, each id with one content: any mix of files holds repeats only.
  const pool = Array.from({ length: 12 }, (_, i) =>
    makeLine({ id: `L${i % 6}`, account: i < 6 ? 'A' : 'B', amountMinor: 100 + i, line: i + 1 }),
  );
  const files = fc.array(fc.subarray(pool), { minLength: 1, maxLength: 5 }).map(sets => sets.map((rows, i) => bank(`f${i}`, rows)));
  const keys = (rows: readonly BankLine[]) => rows.map(l => `${l.account}/${l.id}`).sort();

  test('merging is idempotent: the readings given again add nothing', () => {
    fc.assert(
      fc.property(files, readings => {
        const once = mergeBankReadings(readings);
        const twice = mergeBankReadings([...readings, ...readings]);
        expect(twice.rows).toEqual(once.rows);
        expect(twice.changes).toEqual([]);
        expect(mergeBankReadings([...once.rows.map(l => bank('merged', [l])), ...readings]).rows).toEqual(once.rows);
      }),
    );
  });

  test('merging repeats does not depend on the order of the files, and keeps each identity once', () => {
    fc.assert(
      fc.property(files, fc.func(fc.integer()), (readings, rank) => {
        const shuffled = [...readings].sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file));
        const a = mergeBankReadings(readings).rows;
        expect(keys(mergeBankReadings(shuffled).rows)).toEqual(keys(a));
        expect(new Set(keys(a)).size).toBe(a.length);
        expect(keys(a)).toEqual(keys([...new Set(readings.flatMap(r => r.rows))]));
      }),
    );
  });

  test('with changed rows, a complete reading wins in any order', () => {
    const changed = pool.map(l => ({ ...l, amountMinor: l.amountMinor + 1000 }));
    fc.assert(
      fc.property(files, fc.subarray(changed, { minLength: 1 }), fc.nat(), (cut, full, at) => {
        const readings = cut.map(r => ({ ...r, complete: false }));
        readings.splice(at % (readings.length + 1), 0, bank('full', full));
        const merged = mergeBankReadings(readings).rows;
        for (const l of full) expect(merged).toContainEqual(l);
      }),
    );
  });
});
