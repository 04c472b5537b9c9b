import { readFileSync } from 'node:fs';
import { applyLineEdits, lineMutation } from '../../../test/support/mutate';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { bai2, parseBai2, sniffBai2 } from './bai2';
import { detectFormat } from '../detect';
import type { BankLine, ParseResult } from '../../model/types';

const DIR = new URL('../../../test/fixtures/real/bai2/', import.meta.url);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, DIR)));
const textOf = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array): ParseResult => parseBai2(bytes, { fileName: 'test.bai2' });
const errorsOf = (r: ParseResult) => r.issues.filter(i => i.severity === 'error');

/** A one-account file around the given 03 summary fields and 16/88 lines, with correct trailers. */
function file(lines: string[], summary = '010,0,,/'): string {
  const body = [`03,ACC1,EUR,${summary}`, ...lines];
  const amounts = body.flatMap(l => {
    const m = /^16,\d{3},(\d+),/.exec(l);
    return m ? [Number(m[1])] : [];
  });
  const total = amounts.reduce((a, b) => a + b, 0);
  return [
    '01,SENDER,RECEIVER,260301,0800,1,,,2/',
    '02,RECEIVER,SENDER,1,260301,,EUR,2/',
    ...body,
    `49,${total},${body.length + 1}/`,
    `98,${total},1,${body.length + 3}/`,
    `99,${total},1,${body.length + 5}/`,
  ].join('\n');
}

describe('the ministryofjustice/bai2 fixtures', () => {
  test('citi_example.bai2 gives one GBP credit with its value date and seven 88 lines of text', () => {
    const result = parse(bytesOf('citi_example.bai2'));
    expect(result.issues).toEqual([]);
    expect(result.bankLines).toEqual<BankLine[]>([
      {
        id: '1234567890',
        account: '77777777',
        bookedOn: '2015-07-15',
        valueOn: '2015-07-15',
        amountMinor: 1,
        currency: 'GBP',
        counterparty: '',
        description:
          'FR:FP SIP INCOMING ENDT:20150715 TRID:RP12312312312312 PY:RP1231231231231200                 A1234BC 22/03/66 ' +
          'BI:22222222 OB:111111 BUCKINGHAM PALACE OB3:BARCLAYS BANK PLC BO:11111111 BO1:DOE JO',
        line: 4,
      },
    ]);
    expect(result.periods).toEqual([{ account: '77777777', from: '2015-07-15', to: '2015-07-15' }]);
  });

  test('nwb_example.bai2 gives four debits and a credit, the account currency standing in for the empty group currency', () => {
    const result = parse(bytesOf('nwb_example.bai2'));
    expect(result.issues).toEqual([]);
    const base = { account: '88888888 600004', bookedOn: '2009-12-16', valueOn: null, currency: 'GBP', counterparty: '' };
    expect(result.bankLines).toEqual<BankLine[]>([
      {
        ...base,
        id: 'bai2:88888888 600004:2009-12-16:1',
        amountMinor: -971,
        line: 5,
        description: 'LVP XBANKGO24007664SJ LVP INT 2 USAXBANKGO24007664SJ LVP INT 2 USARELAY TFR',
      },
      {
        ...base,
        id: 'bai2:88888888 600004:2009-12-16:2',
        amountMinor: -100,
        line: 7,
        description: 'TFR XBANKGO24007662CAT TESTXBANKGO24007662XTESTX LIMITEDCCY AC TFR',
      },
      {
        ...base,
        id: 'bai2:88888888 600004:2009-12-16:3',
        amountMinor: -123,
        line: 9,
        description: 'TFR XBANKGO24007684SJ CAT GBP 2 JPYXBANKGO24007684BGC INTERNATIONACCY AC TFR',
      },
      {
        ...base,
        id: 'bai2:88888888 600004:2009-12-16:4',
        amountMinor: -1571,
        line: 11,
        description: 'UTF XBANKGO24007665SJ URG INT 2 USAXBANKGO24007665SJ URG INT 2 USAURGENT TFR',
      },
      // The first 88 fills all 80 columns and breaks `CLIENT`: the continuation joins without a space.
      {
        ...base,
        id: 'bai2:88888888 600004:2009-12-16:5',
        amountMinor: 89,
        line: 13,
        description: 'TFR XBANKGO24007680SJ CAT JPY 2 GBPXBANKGO24007680BGC INTERNATIONAL-5373 CLIENT SECCY AC TFR',
      },
    ]);
    expect(result.periods).toEqual([{ account: '88888888 600004', from: '2009-12-16', to: '2009-12-16' }]);
  });

  test('svb_us_example.bai2 gives one ACH credit per group, the last 99 lacking its slash', () => {
    const result = parse(bytesOf('svb_us_example.bai2'));
    expect(result.issues).toEqual([]);
    const base = { account: '1234567890', valueOn: null, currency: 'USD', counterparty: '', description: 'SOME PAYMENT ACH OFFSET' };
    expect(result.bankLines).toEqual<BankLine[]>([
      { ...base, id: '172629', bookedOn: '2022-02-01', amountMinor: 490196, line: 7 },
      { ...base, id: '150675', bookedOn: '2022-02-02', amountMinor: 905800, line: 16 },
    ]);
    expect(result.periods).toEqual([
      { account: '1234567890', from: '2022-02-01', to: '2022-02-01' },
      { account: '1234567890', from: '2022-02-02', to: '2022-02-02' },
    ]);
  });

  test('warns when an account, group or file trailer disagrees with the records', () => {
    const text = new TextDecoder()
      .decode(bytesOf('nwb_example.bai2'))
      .replace('49,143764,14/', '49,143765,13/')
      .replace('98,143764,1,16/', '98,143764,2,16/')
      .replace('99,143764,1,18/', '99,143764,1,19/');
    expect(parse(textOf(text)).issues).toMatchObject([
      {
        code: 'trailer_total',
        line: 16,
        field: '49',
        severity: 'warning',
        message: 'the account control total says 143765 but the file has 143764',
      },
      {
        code: 'trailer_total',
        line: 16,
        field: '49',
        severity: 'warning',
        message: 'the account record count says 13 but the file has 14',
      },
      {
        code: 'trailer_total',
        line: 17,
        field: '98',
        severity: 'warning',
        message: 'the group control total says 143764 but the file has 143765',
      },
      {
        code: 'trailer_total',
        line: 17,
        field: '98',
        severity: 'warning',
        message: 'the group number of accounts says 2 but the file has 1',
      },
      { code: 'trailer_total', line: 18, field: '99', severity: 'warning', message: 'the file record count says 19 but the file has 18' },
    ]);
  });

  test('warns when the file ends without its trailers', () => {
    const text = new TextDecoder().decode(bytesOf('svb_us_example.bai2')).split('\n').slice(0, 8).join('\n');
    expect(parse(textOf(text)).issues).toMatchObject([
      { line: 3, field: '49', severity: 'warning', message: 'the account has no trailer (49) before line 8' },
      { line: 2, field: '98', severity: 'warning', message: 'the group has no trailer (98) before line 8' },
      { line: 8, field: '99', severity: 'warning', message: 'the file has no trailer (99); it may be cut short' },
    ]);
  });
});

describe('funds types and continuations', () => {
  test('skips the three availability amounts of funds type S before the references', () => {
    const result = parse(textOf(file(['16,195,150000,S,100000,50000,0,WIRE123,CUST9,PAYOUT STRIPE/'])));
    expect(result.issues).toEqual([]);
    expect(result.bankLines[0]).toMatchObject({ id: 'WIRE123', amountMinor: 150000, description: 'PAYOUT STRIPE', currency: 'EUR' });
  });

  test('skips the day/amount pairs of funds type D before the references', () => {
    const result = parse(textOf(file(['16,142,3000,D,2,0,1000,1,2000,ACH77,,SETTLEMENT, BATCH 4/'])));
    expect(result.issues).toEqual([]);
    expect(result.bankLines[0]).toMatchObject({ id: 'ACH77', amountMinor: 3000, description: 'SETTLEMENT, BATCH 4' });
  });

  test('reads a 16 whose references continue on an 88 line', () => {
    const result = parse(textOf(file(['16,475,2500,Z/', '88,CHK1001,,CHECK PAID'])));
    expect(result.issues).toEqual([]);
    expect(result.bankLines[0]).toMatchObject({ id: 'CHK1001', amountMinor: -2500, description: 'CHECK PAID' });
  });

  test('reads 03 summaries with V and S funds types continued on an 88 line', () => {
    // The control totals add the summary amounts 100 + 200 + 300 to the detail's 5.
    const text = file(['88,040,300,2,S,1,2,3,/', '16,399,5,,,,/'], '010,100,,,015,200,,V,260301,2400,/');
    const result = parse(textOf(text.replace(/^(49|98|99),5,/gm, '$1,605,')));
    expect(result.issues).toEqual([]);
    expect(result.bankLines).toHaveLength(1);
  });

  test('falls back to the customer reference, then to the position, for the id', () => {
    const result = parse(textOf(file(['16,142,100,Z,,CUST1/', '16,142,200,Z,,/', '16,142,300,Z,DUP,/', '16,142,400,Z,DUP,/'])));
    expect(result.bankLines.map(l => l.id)).toEqual([
      'CUST1',
      'bai2:ACC1:2026-03-01:2',
      'bai2:ACC1:2026-03-01:3',
      'bai2:ACC1:2026-03-01:4',
    ]);
  });

  test('warns about and skips a detail that is neither credit nor debit', () => {
    const result = parse(textOf(file(['16,890,,Z,,,INFORMATION ONLY/'])));
    expect(result.bankLines).toEqual([]);
    expect(result.issues).toMatchObject([
      {
        code: 'type_code_skipped',
        line: 4,
        field: '16',
        severity: 'warning',
        message: 'type code 890 is neither a credit (100–399) nor a debit (400–699); the record is skipped',
      },
    ]);
  });

  test('defaults to USD when neither group nor account names a currency', () => {
    const text = file(['16,142,100,Z,R1,/']).replace('03,ACC1,EUR,', '03,ACC1,,').replace(',260301,,EUR,2/', ',260301,,,2/');
    expect(parse(textOf(text)).bankLines[0]!.currency).toBe('USD');
  });
});

describe('refusals name the line and the record type', () => {
  test('refuses an amount with a decimal point and a credit without an amount', () => {
    expect(errorsOf(parse(textOf(file(['16,142,10.50,Z,R1,/', '16,142,,Z,R2,/']))))).toMatchObject([
      { code: 'not_minor_units', line: 4, field: '16', severity: 'error', message: 'amount "10.50" is not a whole number of minor units' },
      { code: 'not_minor_units', line: 5, field: '16', severity: 'error', message: 'amount "" is not a whole number of minor units' },
    ]);
  });

  test('refuses an unknown funds type and a bad value date', () => {
    expect(errorsOf(parse(textOf(file(['16,142,100,Q,R1,/']))))[0]).toMatchObject({
      line: 4,
      field: '16',
      message: 'funds type "Q" is not one of Z, 0, 1, 2, V, S, D',
    });
    expect(errorsOf(parse(textOf(file(['16,142,100,V,261340,,R1,/']))))[0]).toMatchObject({
      line: 4,
      field: '16',
      message: 'value date "261340" is not a date (YYMMDD)',
    });
  });

  test('refuses a detail outside an account and an unknown record', () => {
    const text = ['01,S,R,260301,0800,1,,,2/', '02,R,S,1,260301,,EUR,2/', '16,142,100,Z,R1,/', '77,X/', '98,100,0,4/', '99,100,1,6/'].join(
      '\n',
    );
    expect(errorsOf(parse(textOf(text)))).toMatchObject([
      { code: 'bai2_structure', line: 3, field: '16', severity: 'error', message: 'a transaction detail (16) outside an account (03)' },
      {
        code: 'bad_record_type',
        line: 4,
        field: '77',
        severity: 'error',
        message: '"77" is not a BAI2 record type (01, 02, 03, 16, 88, 49, 98, 99)',
      },
    ]);
  });

  test('refuses a continuation with no record before it', () => {
    expect(errorsOf(parse(textOf('88,TEXT\n' + file(['16,142,100,Z,R1,/']))))).toMatchObject([
      { code: 'bai2_structure', line: 1, field: '88', severity: 'error', message: 'a continuation (88) with no record before it' },
    ]);
  });

  test('refuses a file that does not start with 01 and a bad as-of date', () => {
    expect(errorsOf(parse(textOf('02,R,S,1,260301,,EUR,2/')))).toMatchObject([
      { code: 'bai2_structure', line: 1, field: '01', severity: 'error', message: 'a BAI2 file starts with a file header record (01)' },
    ]);
    expect(errorsOf(parse(textOf(file([]).replace(',260301,,EUR', ',2603,,EUR'))))).toMatchObject([
      { code: 'bad_date_format', line: 2, field: '02', severity: 'error', message: 'as-of date "2603" is not a date (YYMMDD)' },
    ]);
  });
});

describe('sniffing and robustness', () => {
  test('is the format detection picks for every fixture among all registered formats', () => {
    for (const name of ['citi_example.bai2', 'nwb_example.bai2', 'svb_us_example.bai2'])
      expect(detectFormat(bytesOf(name))?.name).toBe('bai2');
  });

  test('recognises the fixtures and nothing else', () => {
    for (const name of ['citi_example.bai2', 'nwb_example.bai2', 'svb_us_example.bai2']) {
      const bytes = bytesOf(name);
      expect(bai2.sniff(new TextDecoder().decode(bytes), bytes)).toBeGreaterThan(0.9);
    }
    expect(sniffBai2(':20:REF\n:25:ACC\n:60F:C260301EUR1,')).toBe(0);
    expect(sniffBai2('01,Date,Amount\n02,x')).toBe(0);
    expect(sniffBai2('!Type:Bank\n')).toBe(0);
  });

  const fixtures = ['citi_example.bai2', 'nwb_example.bai2', 'svb_us_example.bai2'].map(bytesOf);
  const wellFormed = (r: ParseResult): void => {
    for (const issue of r.issues) {
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.field.length).toBeGreaterThan(0);
      expect(issue.message.length).toBeGreaterThan(0);
    }
    for (const l of r.bankLines) expect(Number.isSafeInteger(l.amountMinor)).toBe(true);
  };

  test('random bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), bytes => wellFormed(parse(bytes))),
      { numRuns: 300 },
    );
  });

  test('random records made of BAI2 pieces never throw', () => {
    const piece = fc.constantFrom(
      '01,',
      '02,',
      '03,',
      '16,',
      '88,',
      '49,',
      '98,',
      '99,',
      ',',
      '/',
      '\n',
      '142',
      '475',
      '890',
      'V',
      'S',
      'D',
      'Z',
      '260301',
      '2400',
      '100',
      '-5',
      '3',
      'USD',
      'REF',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), parts => wellFormed(parse(textOf('01,S,R,260301,0800,1,,,2/\n' + parts.join(''))))),
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

describe('records with no type code', () => {
  test('a typeless record after the trailer is named as (record)', () => {
    const r = parse(textOf('01,S,R,260301,0800,1,,,2/\n99,\n,'));
    const last = r.issues[r.issues.length - 1]!;
    expect(last).toMatchObject({ line: 3, field: '(record)', severity: 'error' });
    expect(last.message).toContain('after the file trailer');
  });
});

describe('variants real banks write (issue 15)', () => {
  const SYNTHETIC = new URL('../../../test/fixtures/synthetic/bai2/', import.meta.url);
  const synthetic = (name: string): ParseResult => parse(new Uint8Array(readFileSync(new URL(name, SYNTHETIC))));

  test('reads several records written on one physical line, splitting only where a record may follow', () => {
    const r = synthetic('several-records-per-line.bai2');
    expect(r.issues).toEqual([]);
    expect(r.bankLines.map(l => [l.id, l.amountMinor, l.description])).toEqual([
      ['BR1', 150000, 'STRIPE PAYOUT PO_1'],
      ['BR2', -2500, 'CHECK 1001 PAID 12/02, THANKS'],
    ]);
  });

  test('reads an 88 without its comma and a wrapped line without 88 as continued text, with a warning each', () => {
    const r = synthetic('malformed-88.bai2');
    expect(r.issues).toMatchObject([
      {
        code: 'continuation_read',
        line: 5,
        field: '88',
        severity: 'warning',
        message: 'a continuation (88) without the comma after its type; its text is read as continued',
      },
      {
        code: 'continuation_read',
        line: 7,
        field: '88',
        severity: 'warning',
        message: 'a line with no record type after a transaction detail; read as its continued text (88)',
      },
    ]);
    expect(r.bankLines.map(l => [l.amountMinor, l.description])).toEqual([
      [150000, 'STRIPE PAYOUT PO_2026_0228'],
      [-2500, 'CHECK 1001 PAID TO ACME SUPPLIES INC'],
    ]);
  });

  test('warns about a group trailer (98) short of its record count instead of refusing the file', () => {
    const r = synthetic('short-group-trailer.bai2');
    expect(r.issues).toMatchObject([
      { code: 'trailer_total', line: 6, field: '98', severity: 'warning', message: 'the group record count is missing; the file has 5' },
    ]);
    expect(r.bankLines.map(l => l.amountMinor)).toEqual([150000]);
  });

  test('still refuses a line with no record type where no transaction text can continue', () => {
    const r = parse(textOf(file(['16,165,100,Z,B1,,TEXT/']).replace('03,ACC1', 'GARBAGE\n03,ACC1')));
    expect(errorsOf(r).map(i => [i.line, i.field])).toEqual([[3, 'GARBAGE']]);
  });
});
