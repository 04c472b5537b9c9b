import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { guessMapping } from './guess';
import { kindFromText, parseWithProfile, profileProblem } from './parse';
import type { MappingProfile } from './profile';
import type { ParseResult } from '../../model/types';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const ctx = { fileName: 'statement.csv' };
const total = (r: ParseResult): number => r.bankLines.reduce((s, l) => s + l.amountMinor, 0);

const profile = (over: Partial<MappingProfile> = {}): MappingProfile => ({
  id: 'p1',
  name: 'Test bank',
  role: 'bank',
  headerKey: 'date|text|amount',
  delimiter: ',',
  decimal: '.',
  dateOrder: 'dmy',
  hasHeader: true,
  skipRows: 0,
  columns: { date: 0, description: 1, amount: 2 },
  defaultCurrency: 'EUR',
  ...over,
});

describe('parseWithProfile on the guessed profiles of real files', () => {
  test('reads the Danish export exactly: six debits, BOM and CRLF ignored, ids from date, amount and balance', () => {
    const bytes = fixture('real/western-bank-csv/bank.csv');
    const r = parseWithProfile(bytes, guessMapping(bytes, 'bank', { defaultCurrency: 'DKK' }), ctx);
    expect(r.issues).toEqual([]);
    expect(r.format).toBe('mapped');
    expect(r.bankLines).toHaveLength(6);
    expect(total(r)).toBe(-4_192_516);
    expect(r.bankLines[0]).toEqual({
      id: '2023-09-04/-151.25/353226.14',
      account: '',
      bookedOn: '2023-09-04',
      valueOn: null,
      amountMinor: -15_125,
      currency: 'DKK',
      counterparty: '',
      description: 'QuickPay, Aarhus Nota nr. 85263233244334896968251',
      line: 1,
      balanceMinor: 35322614,
    });
    expect(r.bankLines[1]!.amountMinor).toBe(-920_000);
    expect(r.bankLines[5]).toEqual({
      id: '2023-09-04/-778.53/311452.23',
      account: '',
      bookedOn: '2023-09-04',
      valueOn: null,
      amountMinor: -77_853,
      currency: 'DKK',
      counterparty: '',
      description: 'tyk rmbsmnt 007c073c-0430-4a1e',
      line: 6,
      balanceMinor: 31145223,
    });
  });

  test('reads the HSBC HK export exactly, with the per-row billing currency, and flags where its balance jumps', () => {
    const bytes = fixture('real/western-bank-csv/example-hsbchk-debit-records.csv');
    const r = parseWithProfile(bytes, guessMapping(bytes, 'bank'), ctx);
    // The anonymised sample is inconsistent after the CNY row: HKD 4,288.67 then 8,211.33 around a 12,500.00 salary.
    expect(r.issues).toMatchObject([
      {
        code: 'balance_moves',
        line: 9,
        field: 'Balance',
        severity: 'warning',
        message: 'the balance moves by -3922.66 between line 7 and line 9, but line 7 books 12500.00; lines may be missing between them',
      },
    ]);
    expect(r.bankLines).toHaveLength(10);
    expect(total(r)).toBe(2_197_895);
    expect(r.bankLines[0]).toEqual({
      id: '2025-03-24/-1.00/3612.17',
      account: '',
      bookedOn: '2025-03-24',
      valueOn: null,
      amountMinor: -100,
      currency: 'HKD',
      counterparty: '',
      description: 'TRIPLE Z                 HC1234567890123456   22MAR',
      line: 2,
      balanceMinor: 361217,
    });
    expect(r.bankLines[6]).toMatchObject({ currency: 'CNY', amountMinor: 1_250_000, line: 8 });
    expect(r.bankLines[9]).toEqual({
      id: '2025-03-01/+5.45/10561.33',
      account: '',
      bookedOn: '2025-03-01',
      valueOn: null,
      amountMinor: 545,
      currency: 'HKD',
      counterparty: '',
      description: 'INTEREST CREDIT',
      line: 11,
      balanceMinor: 1056133,
    });
  });
});

describe('parseWithProfile on synthetic layouts', () => {
  test('reads debit and credit columns into signed amounts that add up to the closing balance (TD style)', () => {
    const bytes = fixture('synthetic/mapped/td-debit-credit.csv');
    const r = parseWithProfile(bytes, { ...guessMapping(bytes, 'bank'), defaultCurrency: 'CAD', account: 'TD chequing' }, ctx);
    expect(r.issues).toEqual([]);
    expect(r.bankLines.map(l => [l.bookedOn, l.amountMinor])).toEqual([
      ['2023-01-03', 50_000],
      ['2023-01-05', -196],
      ['2023-01-13', 25_000],
      ['2023-01-16', -1_304],
      ['2023-01-31', -495],
      ['2023-02-01', 150_000],
    ]);
    expect(total(r)).toBe(223_005);
    expect(r.bankLines[5]).toMatchObject({
      id: '2023-02-01/+1500.00/2230.05',
      account: 'TD chequing',
      description: 'PAYROLL DEP ACME',
      line: 6,
    });
  });

  test('starts after the preamble and header, numbering lines as the file does (BMO style)', () => {
    const bytes = fixture('synthetic/mapped/bmo-preamble.csv');
    const r = parseWithProfile(bytes, guessMapping(bytes, 'bank', { defaultCurrency: 'CAD' }), ctx);
    expect(r.issues).toEqual([]);
    expect(r.bankLines.map(l => [l.line, l.bookedOn, l.amountMinor, l.description])).toEqual([
      [7, '2022-12-02', -433, '[SO]TRANSFER TO SAVINGS'],
      [8, '2022-12-05', 125_000, '[DN]PAYROLL ACME INC'],
      [9, '2022-12-12', -6_210, '[DS]HYDRO ONE'],
      [10, '2022-12-30', -195, '[SC]SERVICE CHARGE'],
    ]);
  });

  test('reads acquirer rows with positive fees, kinds from the type column and derived ids where the reference is empty', () => {
    const bytes = fixture('synthetic/mapped/acquirer-de.csv');
    const r = parseWithProfile(bytes, guessMapping(bytes, 'acquirer', { defaultCurrency: 'EUR' }), ctx);
    expect(r.issues).toEqual([]);
    expect(r.role).toBe('acquirer');
    expect(r.acquirerTxns.map(t => [t.id, t.kind, t.at, t.grossMinor, t.feeMinor, t.netMinor, t.currency])).toEqual([
      ['A-1001', 'sale', '2026-03-02T09:14:02', 2_500, 45, 2_455, 'EUR'],
      ['A-1002', 'sale', '2026-03-02T12:40:55', 120_000, 2_160, 117_840, 'EUR'],
      ['A-1003', 'refund', '2026-03-03T18:02:10', -2_500, 0, -2_500, 'EUR'],
      ['2026-03-04T08:00:00/-1178.40', 'payout', '2026-03-04T08:00:00', -117_840, 0, -117_840, 'EUR'],
    ]);
  });

  test('reads the Zettle receipts workbook: six sales after the title block, the closing VAT remark skipped', () => {
    const bytes = fixture('real/zettle/Zettle-Receipts-Report-20210101-20210910.xlsx');
    const r = parseWithProfile(bytes, guessMapping(bytes, 'acquirer', { defaultCurrency: 'DKK' }), ctx);
    expect(r.issues).toEqual([]);
    expect(r.acquirerTxns.map(t => [t.id, t.kind, t.at, t.grossMinor, t.feeMinor, t.netMinor, t.card, t.line])).toEqual([
      ['4618', 'sale', '2021-08-13T00:47:48', 1_000, 28, 972, '1234', 18],
      ['4619', 'sale', '2021-08-18T23:43:39', 1_000, 28, 972, '2345', 19],
      ['4620', 'sale', '2021-08-19T11:32:07', 166_500, 4_579, 161_921, '3456', 20],
      ['4621', 'sale', '2021-08-19T11:34:44', 10_000, 275, 9_725, '4567', 21],
      ['4622', 'sale', '2021-08-19T11:44:18', 50_000, 0, 50_000, null, 22],
      ['4623', 'sale', '2021-08-19T11:53:33', 15_000, 0, 15_000, null, 23],
    ]);
  });

  test('reads the Zettle statement workbook: 16 payouts and a net total of zero', () => {
    const bytes = fixture('real/zettle/Zettle-Account-Statement-Report-20230901-20250903.xlsx');
    const r = parseWithProfile(bytes, guessMapping(bytes, 'acquirer', { defaultCurrency: 'DKK' }), ctx);
    expect(r.issues).toEqual([]);
    expect(r.acquirerTxns).toHaveLength(4059);
    const payouts = r.acquirerTxns.filter(t => t.kind === 'payout');
    expect(payouts).toHaveLength(16);
    expect(payouts.reduce((s, t) => s + t.netMinor, 0)).toBe(-53_408_283);
    expect(r.acquirerTxns.reduce((s, t) => s + t.netMinor, 0)).toBe(0);
    expect(r.acquirerTxns[0]).toMatchObject({
      id: '2025-08-01T11:07:33/-4049.27',
      kind: 'payout',
      at: '2025-08-01T11:07:33',
      netMinor: -404_927,
      line: 2,
    });
    expect(r.acquirerTxns[3]).toMatchObject({ id: '9071', kind: 'fee', netMinor: -413, settlementDate: '2025-07-23', line: 5 });
    expect(r.acquirerTxns[4]).toMatchObject({ id: '9071#2', kind: 'sale', netMinor: 15_000, line: 6 });
  });
});

describe('parseWithProfile issues', () => {
  test('names the line and the header of a bad date and a bad amount', () => {
    const bytes = utf8('Date,Text,Amount\n05/01/2026,ok,1.00\n32/01/2026,bad date,2.00\n06/01/2026,bad amount,1.2.3\n');
    const r = parseWithProfile(bytes, profile(), ctx);
    expect(r.issues).toMatchObject([
      { code: 'bad_date_format', line: 3, field: 'Date', severity: 'error', message: '"32/01/2026" is not a date (DMY order)' },
      {
        line: 4,
        field: 'Amount',
        severity: 'error',
        code: 'bad_amount',
        params: { text: '1.2.3', problem: 'ambiguous_decimal', digits: 2, label: null },
        message: '"1.2.3" has an ambiguous decimal mark',
      },
    ]);
    expect(r.bankLines.map(l => l.line)).toEqual([2]);
  });

  test('names a column by its number when the file has no header', () => {
    const r = parseWithProfile(utf8('05/01/2026;x;abc\n'), profile({ hasHeader: false, delimiter: ';', decimal: ',' }), ctx);
    expect(r.issues).toEqual([
      {
        line: 1,
        field: 'column 3',
        severity: 'error',
        code: 'bad_amount',
        params: { text: 'abc', problem: 'not_amount', digits: 2, label: null },
        message: '"abc" is not an amount',
      },
    ]);
  });

  test('refuses a file when the mapping has no currency to give its rows', () => {
    const r = parseWithProfile(utf8('Date,Text,Amount\n05/01/2026,ok,1.00\n'), profile({ defaultCurrency: 'XXX' }), ctx);
    expect(r.issues).toMatchObject([
      {
        code: 'mapping_no_currency',
        line: 2,
        field: '(mapping)',
        severity: 'error',
        message: 'the file names no currency; choose one in the mapping',
      },
    ]);
  });

  test('refuses a mapping without an amount column before reading the file', () => {
    const bad = profile({ columns: { date: 0 } });
    expect(profileProblem(bad)).toBe('the mapping has no amount column (or credit/debit columns)');
    expect(parseWithProfile(utf8('x'), bad, ctx).issues).toMatchObject([
      {
        code: 'mapping_incomplete',
        line: 1,
        field: '(mapping)',
        severity: 'error',
        message: 'the mapping has no amount column (or credit/debit columns)',
      },
    ]);
  });

  test('gives repeated derived ids a #n suffix so every line keeps its own id', () => {
    const r = parseWithProfile(utf8('Date,Text,Amount\n05/01/2026,coffee,-3.00\n05/01/2026,coffee,-3.00\n'), profile(), ctx);
    expect(r.bankLines.map(l => l.id)).toEqual(['2026-01-05/-3.00', '2026-01-05/-3.00#2']);
  });

  test('warns where an oldest-first running balance skips a line, naming both lines', () => {
    const withBalance = profile({ headerKey: 'date|text|amount|balance', columns: { date: 0, description: 1, amount: 2, balance: 3 } });
    const text =
      'Date,Text,Amount,Balance\n01/01/2026,a,10.00,110.00\n02/01/2026,b,-5.00,105.00\n04/01/2026,d,1.00,96.00\n05/01/2026,e,4.00,100.00\n';
    const r = parseWithProfile(utf8(text), withBalance, ctx);
    expect(r.issues).toMatchObject([
      {
        code: 'balance_moves',
        line: 4,
        field: 'Balance',
        severity: 'warning',
        message: 'the balance moves by -9.00 between line 3 and line 4, but line 4 books 1.00; lines may be missing between them',
      },
    ]);
    expect(r.bankLines).toHaveLength(4);
  });

  test('stops at a totals line after the table', () => {
    const r = parseWithProfile(utf8('Date,Text,Amount\n05/01/2026,a,1.00\nTotal,,1.00\n'), profile(), ctx);
    expect(r.issues).toEqual([]);
    expect(r.bankLines).toHaveLength(1);
  });
});

describe('parseWithProfile acquirer amounts', () => {
  test('takes the fee as gross − net when both are printed, warning when the printed fee disagrees', () => {
    const acquirer = profile({ role: 'acquirer', headerKey: 'date|gross|fee|net', columns: { date: 0, gross: 1, fee: 2, net: 3 } });
    const r = parseWithProfile(
      utf8('Date,Gross,Fee,Net\n05/01/2026,10.00,0.30,9.70\n05/01/2026,-10.00,-0.30,-9.70\n06/01/2026,10.00,0.50,9.70\n'),
      acquirer,
      ctx,
    );
    expect(r.acquirerTxns.map(t => [t.kind, t.grossMinor, t.feeMinor, t.netMinor])).toEqual([
      ['sale', 1_000, 30, 970],
      ['refund', -1_000, -30, -970],
      ['sale', 1_000, 30, 970],
    ]);
    expect(r.issues).toMatchObject([
      {
        code: 'fee_differs',
        line: 4,
        field: 'Fee',
        severity: 'warning',
        message: 'gross 10.00 − net 9.70 is 0.30, not the fee printed here',
      },
    ]);
  });
});

describe('kindFromText', () => {
  test('maps type words in several languages to transaction kinds', () => {
    expect(kindFromText('Udbetaling til bankkonto')).toBe('payout');
    expect(kindFromText('Bonus fra betalingsgebyr')).toBe('adjustment');
    expect(kindFromText('Gebyr')).toBe('fee');
    expect(kindFromText('Kortbetaling')).toBe('sale');
    expect(kindFromText('退款')).toBe('refund');
    expect(kindFromText('something else')).toBeNull();
  });
});
