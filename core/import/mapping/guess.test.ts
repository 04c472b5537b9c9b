import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { balanceAgreement, guessDateOrder, guessDecimal, guessMapping } from './guess';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('guessMapping on real bank exports', () => {
  test('reads the Danish export as headerless, ";"-separated, decimal comma, day first, amount then running balance', () => {
    const p = guessMapping(fixture('real/western-bank-csv/bank.csv'), 'bank', { defaultCurrency: 'dkk' });
    expect(p).toMatchObject({
      role: 'bank',
      headerKey: '#cols:6',
      delimiter: ';',
      decimal: ',',
      dateOrder: 'dmy',
      hasHeader: false,
      skipRows: 0,
      columns: { date: 0, amount: 3, balance: 4, description: 1 },
      defaultCurrency: 'DKK',
    });
    expect(Object.keys(p.columns).sort()).toEqual(['amount', 'balance', 'date', 'description']);
  });

  test('reads the HSBC HK export by its header, with the billing currency beside the amount', () => {
    const p = guessMapping(fixture('real/western-bank-csv/example-hsbchk-debit-records.csv'), 'bank');
    expect(p).toMatchObject({
      headerKey: 'date|description|billingamount|billingcurrency|balance|balancecurrency',
      delimiter: ',',
      decimal: '.',
      dateOrder: 'dmy',
      hasHeader: true,
      skipRows: 0,
      columns: { date: 0, description: 1, amount: 2, currency: 3, balance: 4 },
      defaultCurrency: 'HKD',
    });
    expect(Object.keys(p.columns)).toHaveLength(5);
  });

  test('leaves the currency as XXX when neither the file nor the caller names one', () => {
    expect(guessMapping(fixture('real/western-bank-csv/bank.csv'), 'bank').defaultCurrency).toBe('XXX');
  });

  test('is stable: the same file gives the same profile id', () => {
    const a = guessMapping(fixture('real/western-bank-csv/bank.csv'), 'bank');
    const b = guessMapping(fixture('real/western-bank-csv/bank.csv'), 'bank');
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(guessMapping(fixture('real/western-bank-csv/example-hsbchk-debit-records.csv'), 'bank').id);
  });
});

describe('guessMapping on synthetic layouts', () => {
  test('finds separate debit and credit columns without a header by the running balance (TD style)', () => {
    const p = guessMapping(fixture('synthetic/mapped/td-debit-credit.csv'), 'bank');
    expect(p).toMatchObject({
      headerKey: '#cols:5',
      delimiter: ',',
      decimal: '.',
      dateOrder: 'mdy',
      hasHeader: false,
      skipRows: 0,
      columns: { date: 0, description: 1, debit: 2, credit: 3, balance: 4 },
    });
  });

  test('skips a preamble line and blank lines and reads a header with leading-space names (BMO style)', () => {
    const p = guessMapping(fixture('synthetic/mapped/bmo-preamble.csv'), 'bank', { defaultCurrency: 'CAD' });
    expect(p).toMatchObject({
      headerKey: 'firstbankcard|transactiontype|dateposted|transactionamount|description',
      hasHeader: true,
      skipRows: 3,
      dateOrder: 'ymd',
      columns: { date: 2, amount: 3, description: 4 },
    });
  });

  test('finds gross, fee and net of an acquirer export by gross − |fee| = net when the names are unknown', () => {
    const p = guessMapping(fixture('synthetic/mapped/acquirer-de.csv'), 'acquirer', { defaultCurrency: 'EUR' });
    expect(p).toMatchObject({
      role: 'acquirer',
      delimiter: ';',
      decimal: ',',
      dateOrder: 'dmy',
      columns: { date: 0, time: 1, id: 2, gross: 3, fee: 4, net: 5, kind: 6 },
    });
  });

  test('reads a workbook: the Zettle statement as an acquirer export with Netto, Type and Reference', () => {
    const p = guessMapping(fixture('real/zettle/Zettle-Account-Statement-Report-20230901-20250903.xlsx'), 'acquirer', {
      defaultCurrency: 'DKK',
    });
    expect(p).toMatchObject({
      delimiter: '',
      hasHeader: true,
      skipRows: 0,
      headerKey: 'afregningsdato|betalingsdato|reference|type|netto|saldo',
      columns: { date: 0, id: 2, kind: 3, net: 4 },
    });
  });

  test('finds the Zettle receipts table under its 15-row title block, with time, gross, fee, net, card and type', () => {
    const p = guessMapping(fixture('real/zettle/Zettle-Receipts-Report-20210101-20210910.xlsx'), 'acquirer', { defaultCurrency: 'DKK' });
    expect(p).toMatchObject({ hasHeader: true, skipRows: 16, dateOrder: 'ymd' });
    expect(p.columns).toEqual({ date: 0, time: 1, id: 2, gross: 4, fee: 5, net: 6, kind: 8, card: 10, description: 12 });
  });

  test('skips a full-width title row that is neither a header nor data', () => {
    const p = guessMapping(
      utf8('Account;DK1234;;\nDate;Text;Amount;Balance\n01.02.2026;a;-1,00;99,00\n02.02.2026;b;2,50;101,50\n'),
      'bank',
      { defaultCurrency: 'DKK' },
    );
    expect(p).toMatchObject({
      skipRows: 1,
      hasHeader: true,
      headerKey: 'date|text|amount|balance',
      columns: { date: 0, description: 1, amount: 2, balance: 3 },
    });
  });

  test('still returns a profile for a file with no table, which parsing then refuses', () => {
    const p = guessMapping(utf8('just one line of prose\n'), 'bank');
    expect(p.headerKey).toBe('#cols:0');
  });
});

describe('the guessing helpers', () => {
  test('guessDecimal takes a lone mark followed by one or two digits as the decimal mark', () => {
    expect(guessDecimal(['-151,25', '353.226,14', '1.234'])).toBe(',');
    expect(guessDecimal(['3,612.17', '-1.00', '1,234'])).toBe('.');
    expect(guessDecimal(['1,234', 'abc'])).toBe('.');
    expect(guessDecimal(['QuickPay, Aarhus Nota nr. 85263', 'Store, Main St. 12', '-151,25'])).toBe(',');
  });

  test('guessDateOrder reads day or month first from parts over 12, else from which order keeps rows sorted', () => {
    expect(guessDateOrder(['24/03/2025', '01/03/2025'])).toBe('dmy');
    expect(guessDateOrder(['01/13/2023', '01/05/2023'])).toBe('mdy');
    expect(guessDateOrder(['2026-01-05', '2026-01-06'])).toBe('ymd');
    expect(guessDateOrder(['01/02/2023', '02/02/2023', '03/02/2023'])).toBe('dmy');
    expect(guessDateOrder(['02/01/2023', '02/02/2023', '02/03/2023', '03/01/2023'])).toBe('mdy');
  });

  test('balanceAgreement accepts oldest-first and newest-first statements', () => {
    expect(balanceAgreement([100, -20, 5], [100, 80, 85])).toEqual({ share: 1, pairs: 2 });
    expect(balanceAgreement([5, -20, 100], [85, 80, 100])).toEqual({ share: 1, pairs: 2 });
    expect(balanceAgreement([1, 1, 1], [7, 3, 9])).toEqual({ share: 0, pairs: 2 });
  });
});

describe('the time column of an acquirer export', () => {
  test('is never a fee column whose amounts look like H.MM', () => {
    const csv = new TextEncoder().encode(
      'Booked,Sum,Charge,Paid out,Till\n2026-11-02 10:15,100.00,1.50,98.50,T1\n2026-11-02 11:40,40.00,0.60,39.40,T1\n2026-11-03 09:05,25.00,0.38,24.62,T2\n',
    );
    const p = guessMapping(csv, 'acquirer');
    expect(p.columns.time).toBeUndefined();
    expect(p.columns).toMatchObject({ date: 0, gross: 1, fee: 2, net: 3 });
  });
});
