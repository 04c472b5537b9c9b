import { readFileSync } from 'node:fs';
import { applyLineEdits, lineMutation } from '../../../test/support/mutate';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { dateOrder, dateParts, isoFromParts, parseQif, qif, sniffQif } from './qif';
import { detectFormat } from '../detect';
import type { BankLine, ParseResult } from '../../model/types';

const DIR = new URL('../../../test/fixtures/real/qif/', import.meta.url);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, DIR)));
const textOf = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array): ParseResult => parseQif(bytes, { fileName: 'test.qif' });
const errorsOf = (r: ParseResult) => r.issues.filter(i => i.severity === 'error');
const bank = (...records: string[][]): Uint8Array => textOf(['!Type:Bank', ...records.flatMap(r => [...r, '^'])].join('\n'));

describe('the quiffen and Actual fixtures', () => {
  test('data-payee-memo.qif gives four debits with and without payee and memo', () => {
    const result = parse(bytesOf('data-payee-memo.qif'));
    expect(errorsOf(result)).toEqual([]);
    const base = { account: '', bookedOn: '2019-01-23', valueOn: null, currency: 'XXX' };
    expect(result.bankLines).toEqual<BankLine[]>([
      {
        ...base,
        id: 'qif:2019-01-23:-1000:Payee Name:1',
        amountMinor: -1000,
        counterparty: 'Payee Name',
        description: 'Note Text',
        line: 2,
      },
      {
        ...base,
        id: 'qif:2019-01-23:-2000:Payee Name Only:1',
        amountMinor: -2000,
        counterparty: 'Payee Name Only',
        description: '',
        line: 7,
      },
      { ...base, id: 'qif:2019-01-23:-3000::1', amountMinor: -3000, counterparty: '', description: 'Note Only Text', line: 11 },
      { ...base, id: 'qif:2019-01-23:-4000::1', amountMinor: -4000, counterparty: '', description: '', line: 15 },
    ]);
    expect(result.periods).toEqual([]);
  });

  test("test_split.qif gives one line of the total, not of its splits, dated 1/ 1'00 as 2000-01-01", () => {
    const result = parse(bytesOf('test_split.qif'));
    expect(result.bankLines).toEqual<BankLine[]>([
      {
        id: 'qif:2000-01-01:-1000:A Payee:1',
        account: '',
        bookedOn: '2000-01-01',
        valueOn: null,
        amountMinor: -1000,
        currency: 'XXX',
        counterparty: 'A Payee',
        description: '',
        line: 2,
      },
    ]);
  });

  test('warns, once, that QIF states no currency', () => {
    expect(parse(bytesOf('test_split.qif')).issues).toEqual([
      {
        line: 2,
        field: '(file)',
        severity: 'warning',
        message: "QIF states no currency; the lines are marked XXX until the account's currency is known",
      },
    ]);
  });
});

describe('dates', () => {
  test('reads the padded, apostrophe and two-digit year forms', () => {
    expect(dateParts("1/ 1'00")).toEqual({ first: 1, second: 1, third: 0, form: 'apostrophe' });
    expect(isoFromParts(dateParts("12/31'99")!, 'mdy')).toBe('2099-12-31');
    expect(isoFromParts(dateParts("1/ 5' 4")!, 'mdy')).toBe('2004-01-05');
    expect(dateParts('1/5/4')).toBeNull();
    expect(isoFromParts(dateParts('12/31/99')!, 'mdy')).toBe('1999-12-31');
    expect(isoFromParts(dateParts('23.01.2019')!, 'dmy')).toBe('2019-01-23');
    expect(dateParts('2019-01-23')).toEqual({ first: 2019, second: 1, third: 23, form: 'iso' });
    expect(isoFromParts(dateParts('2019/01/23')!, 'mdy')).toBe('2019-01-23');
    expect(isoFromParts(dateParts('26/03/15')!, 'ymd')).toBe('2026-03-15');
    expect(isoFromParts(dateParts('23.01.2019')!, 'ymd')).toBeNull();
    expect(dateParts('Jan 23 2019')).toBeNull();
  });

  test('reads every date of a file day first when one of them only makes sense that way', () => {
    const result = parse(bank(['D03/04/2026', 'T1.00'], ['D25/04/2026', 'T2.00']));
    expect(result.bankLines.map(l => l.bookedOn)).toEqual(['2026-04-03', '2026-04-25']);
    expect(result.issues.filter(i => i.field === 'D')).toEqual([]);
  });

  test('reads dates month first when one of them only makes sense that way', () => {
    expect(parse(bank(['D03/04/2026', 'T1.00'], ['D04/25/2026', 'T2.00'])).bankLines.map(l => l.bookedOn)).toEqual([
      '2026-03-04',
      '2026-04-25',
    ]);
  });

  test('warns when no date tells the order and reads month first', () => {
    const result = parse(bank(['D03/04/2026', 'T1.00']));
    expect(result.bankLines[0]!.bookedOn).toBe('2026-03-04');
    expect(result.issues).toContainEqual({
      line: 2,
      field: 'D',
      severity: 'warning',
      message: 'the dates do not show their order; read as month/day/year (set it with !Option:MDY, DMY or YMD)',
    });
    expect(dateOrder([{ first: 5, second: 5, third: 2026, form: 'long' }])).toEqual({ order: 'mdy', ambiguous: false, conflicting: false });
  });

  test('refuses a file whose dates contradict each other', () => {
    expect(errorsOf(parse(bank(['D25/04/2026', 'T1.00'], ['D04/25/2026', 'T2.00'])))).toEqual([
      {
        line: 2,
        field: 'D',
        severity: 'error',
        message:
          'the dates mix orders: no one order (month/day/year, day/month/year or year/month/day) reads them all; set the order (!Option:MDY, DMY or YMD)',
      },
      { line: 2, field: 'D', severity: 'error', message: '"25/04/2026" is not a date in month/day/year order' },
    ]);
  });

  test('refuses a record with no date or a date that is none', () => {
    expect(errorsOf(parse(bank(['T1.00'], ['Dyesterday', 'T2.00'], ['D02/30/2026', 'T3.00'])))).toEqual([
      { line: 2, field: 'D', severity: 'error', message: 'the record has no date (D)' },
      { line: 4, field: 'D', severity: 'error', message: '"yesterday" is not a date' },
      { line: 7, field: 'D', severity: 'error', message: '"02/30/2026" is not a date in month/day/year order' },
    ]);
  });
});

describe('amounts, splits and ids', () => {
  test('reads U when there is no T, and thousands separators', () => {
    expect(parse(bank(['D01/23/2019', 'U1,234.56', 'PSTRIPE PAYMENTS'])).bankLines[0]).toMatchObject({
      amountMinor: 123456,
      counterparty: 'STRIPE PAYMENTS',
    });
  });

  test('warns when the splits do not add up to the amount', () => {
    expect(parse(bank(['D01/23/2019', 'T-10.00', 'SA', '$-9.00', 'SB', '$-2.00'])).issues).toContainEqual({
      line: 3,
      field: '$',
      severity: 'warning',
      message: 'the splits add up to -1100 but the amount is -1000 (minor units)',
    });
  });

  test('takes the splits total when the record has no T line', () => {
    expect(parse(bank(['D01/23/2019', 'SA', '$-9.00', 'SB', '$-1.00'])).bankLines[0]!.amountMinor).toBe(-1000);
  });

  test('takes the total of a record whose split Quicken writes as `$=746.36`, with a warning that its splits go unchecked (issue 15)', () => {
    const r = parse(
      bank(['D6/1/94', 'T-1,000.00', 'PBank Of Mortgage', 'S[linda]', '$-253.64', 'SMort Int', '$=746.36'], ['D6/2/94', 'T75.00']),
    );
    expect(errorsOf(r)).toEqual([]);
    expect(r.bankLines.map(l => l.amountMinor)).toEqual([-100_000, 7_500]);
    expect(r.issues).toContainEqual({
      line: 8,
      field: '$',
      severity: 'warning',
      message: 'split amount "=746.36" is not an amount; the record\'s amount (T) is taken and its splits are not checked',
    });
  });

  test('still refuses a record whose only amounts are splits and one of them is none', () => {
    expect(errorsOf(parse(bank(['D01/23/2019', 'SA', '$-9.00', 'SB', '$=1.00'])))).toEqual([
      { line: 6, field: '$', severity: 'error', message: 'split amount "=1.00" is not an amount' },
    ]);
  });

  test('refuses a record without an amount and an amount that is none', () => {
    expect(errorsOf(parse(bank(['D01/23/2019', 'PX'], ['D01/23/2019', 'Tten'])))).toMatchObject([
      { line: 2, field: 'T', severity: 'error', message: 'the record has no amount (T)' },
      { line: 6, field: 'T', severity: 'error', message: 'amount "ten" is not an amount' },
    ]);
  });

  test('numbers identical date, amount and payee by occurrence so ids stay unique and stable', () => {
    const bytes = bank(['D01/23/2019', 'T5.00', 'PCAFE'], ['D01/23/2019', 'T5.00', 'PCAFE'], ['D01/23/2019', 'T5.00', 'PBAR']);
    expect(parse(bytes).bankLines.map(l => l.id)).toEqual([
      'qif:2019-01-23:500:CAFE:1',
      'qif:2019-01-23:500:CAFE:2',
      'qif:2019-01-23:500:BAR:1',
    ]);
    expect(parse(bytes).bankLines.map(l => l.id)).toEqual(parse(bytes).bankLines.map(l => l.id));
  });
});

describe('sections', () => {
  test('takes the account name from an !Account block and reads Cash and CCard sections', () => {
    const text = [
      '!Account',
      'NBusiness Checking',
      'TBank',
      '^',
      '!Type:CCard',
      'D01/23/2019',
      'T-5.00',
      '^',
      '!Type:Cash',
      'D01/24/2019',
      'T-1.00',
      '^',
    ].join('\r\n');
    const result = parse(textOf(text));
    expect(result.bankLines.map(l => [l.account, l.amountMinor, l.bookedOn])).toEqual([
      ['Business Checking', -500, '2019-01-23'],
      ['Business Checking', -100, '2019-01-24'],
    ]);
  });

  test('skips category lists and warns about investment registers', () => {
    const text = [
      '!Type:Cat',
      'NFood',
      'E',
      '^',
      '!Type:Invst',
      'D01/23/2019',
      'NBuy',
      'T100.00',
      '^',
      '!Type:Bank',
      'D01/23/2019',
      'T1.00',
      '^',
    ].join('\n');
    const result = parse(textOf(text));
    expect(result.bankLines).toHaveLength(1);
    expect(result.issues).toContainEqual({
      line: 5,
      field: '!Type',
      severity: 'warning',
      message: 'investment transactions (!Type:Invst) are not read',
    });
  });

  test('refuses records before any header and a file with no transactions', () => {
    expect(errorsOf(parse(textOf('D01/23/2019\nT1.00\n^')))).toEqual([
      { line: 1, field: '!Type', severity: 'error', message: 'a record before any !Type: header' },
    ]);
    expect(errorsOf(parse(textOf('!Type:Bank\n')))).toEqual([
      {
        line: 1,
        field: '!Type',
        severity: 'error',
        message: 'no bank, cash or credit card transactions (!Type:Bank, Cash, CCard, Oth A, Oth L) found',
      },
    ]);
  });

  test('warns when the last record is not closed by ^', () => {
    const result = parse(textOf('!Type:Bank\nD01/23/2019\nT1.00'));
    expect(result.bankLines).toHaveLength(1);
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        line: 2,
        field: '^',
        severity: 'warning',
        message: 'the last record is not closed by ^; the file may be cut short',
      }),
    );
  });
});

describe('sniffing and robustness', () => {
  test('is the format detection picks for every fixture among all registered formats', () => {
    for (const name of ['test_split.qif', 'data-payee-memo.qif']) expect(detectFormat(bytesOf(name))?.name).toBe('qif');
  });

  test('recognises the fixtures and nothing else', () => {
    for (const name of ['test_split.qif', 'data-payee-memo.qif']) {
      const bytes = bytesOf(name);
      expect(qif.sniff(new TextDecoder().decode(bytes), bytes)).toBeGreaterThan(0.8);
    }
    expect(sniffQif('01,SENDER,RECEIVER,260301,0800,1,,,2/')).toBe(0);
    expect(sniffQif(':20:REF\n:25:ACC')).toBe(0);
    expect(sniffQif('Date,Payee,Amount\n"!Type:Bank",1')).toBe(0);
  });

  const fixtures = ['test_split.qif', 'data-payee-memo.qif'].map(bytesOf);
  const wellFormed = (r: ParseResult): void => {
    for (const issue of r.issues) {
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.field.length).toBeGreaterThan(0);
      expect(issue.message.length).toBeGreaterThan(0);
    }
    for (const l of r.bankLines) {
      expect(Number.isSafeInteger(l.amountMinor)).toBe(true);
      expect(l.bookedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  };

  test('random bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), bytes => wellFormed(parse(bytes))),
      { numRuns: 300 },
    );
  });

  test('random records made of QIF pieces never throw', () => {
    const piece = fc.constantFrom(
      '!Type:Bank\n',
      '!Account\n',
      '!Type:Invst\n',
      'D',
      'T',
      'U',
      'P',
      'M',
      'S',
      '$',
      '^\n',
      '\n',
      "1/ 1'00",
      '25/04/2026',
      '04/25/2026',
      '-10.00',
      '1,234.56',
      'x',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), parts => wellFormed(parse(textOf(parts.join(''))))),
      { numRuns: 300 },
    );
  });

  test('real files with bytes changed, lines dropped or doubled never throw', () => {
    fc.assert(
      fc.property(lineMutation(fixtures.length, 6), ({ file, edits }) => {
        wellFormed(parse(textOf(applyLineEdits(fixtures[file]!, edits))));
      }),
      { numRuns: 300 },
    );
  });
});

describe('year-first dates (issue 15)', () => {
  const SYNTHETIC = new URL('../../../test/fixtures/synthetic/qif/', import.meta.url);
  const synthetic = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, SYNTHETIC)));

  test('reads YY/MM/DD when only year first keeps the dates weeks apart, and warns which order it assumed', () => {
    const r = parse(synthetic('yymmdd.qif'));
    expect(r.bankLines.map(l => [l.bookedOn, l.amountMinor])).toEqual([
      ['2026-03-15', 125000],
      ['2026-03-28', -4590],
      ['2026-04-02', 98010],
    ]);
    expect(r.issues.filter(i => i.field === 'D')).toEqual([
      {
        line: 2,
        field: 'D',
        severity: 'warning',
        message: 'the dates do not show their order; read as year/month/day (set it with !Option:MDY, DMY or YMD)',
      },
    ]);
  });

  test('takes the order from an !Option:YMD line, without a warning', () => {
    const r = parse(synthetic('yymmdd-option.qif'));
    expect(errorsOf(r)).toEqual([]);
    expect(r.issues.filter(i => i.field === 'D')).toEqual([]);
    expect(r.bankLines.map(l => l.bookedOn)).toEqual(['2026-03-05', '2026-03-09']);
  });

  test('takes the order the caller gives over the file and over the dates', () => {
    const r = parseQif(synthetic('yymmdd.qif'), { fileName: 'test.qif', dateOrder: 'dmy' });
    expect(r.bankLines.map(l => l.bookedOn)).toEqual(['2015-03-26', '2028-03-26', '2002-04-26']);
    expect(r.issues.filter(i => i.field === 'D')).toEqual([]);
    const mdy = parseQif(synthetic('yymmdd-option.qif'), { fileName: 'test.qif', dateOrder: 'mdy' });
    expect(errorsOf(mdy).map(i => [i.line, i.field, i.message])).toEqual([
      [3, 'D', '"26/03/05" is not a date in month/day/year order'],
      [7, 'D', '"26/03/09" is not a date in month/day/year order'],
    ]);
  });

  test('reads year first without a warning when no other order reads a date (30/02/14)', () => {
    const r = parse(bank(['D30/02/14', 'T1.00'], ['D30/02/03', 'T2.00']));
    expect(r.bankLines.map(l => l.bookedOn)).toEqual(['2030-02-14', '2030-02-03']);
    expect(r.issues.filter(i => i.field === 'D')).toEqual([]);
  });

  test('keeps month first, with the warning, when the orders place the dates equally close', () => {
    const r = parse(bank(['D03/04/2026', 'T1.00'], ['D05/06/2026', 'T1.00']));
    expect(r.bankLines.map(l => l.bookedOn)).toEqual(['2026-03-04', '2026-05-06']);
  });
});
