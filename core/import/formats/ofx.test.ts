import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { NO_ACCOUNT, ofxFormat, parseOfx } from './ofx';
import { camtFormat } from './camt';
import { detectFormat, headText } from '../detect';
import { isIsoDate } from '../../model/date';
import type { ParseResult } from '../../model/types';

const DIR = new URL('../../../test/fixtures/real/ofx/', import.meta.url);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, DIR)));
const textOf = (name: string): string => new TextDecoder().decode(bytesOf(name));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array): ParseResult => parseOfx(bytes, { fileName: 'test.ofx' });
const parseText = (text: string): ParseResult => parse(encode(text));
const errorsOf = (r: ParseResult) => r.issues.filter(i => i.severity === 'error');
const sum = (r: ParseResult): number => r.bankLines.reduce((s, l) => s + l.amountMinor, 0);
const FIXTURES = ['checking.ofx', 'bank_medium.ofx', 'suncorp.ofx', 'multiple_accounts2.ofx', 'ofx-v102-empty-tags.ofx', 'html-vals.qfx'];

describe('the real OFX fixtures read exactly', () => {
  test('checking.ofx (OFX 1.02 SGML, tab-indented) gives its three lines and its period', () => {
    const r = parse(bytesOf('checking.ofx'));
    expect(r.issues).toEqual([]);
    expect(r.format).toBe('ofx');
    expect(r.role).toBe('bank');
    expect(r.bankLines).toHaveLength(3);
    expect(sum(r)).toBe(-5950);
    expect(r.bankLines[0]).toEqual({
      id: '0000486',
      account: '1452687~7',
      bookedOn: '2011-03-31',
      valueOn: null,
      amountMinor: 1,
      currency: 'USD',
      counterparty: 'DIVIDEND EARNED FOR PERIOD OF 03',
      description: 'DIVIDEND EARNED FOR PERIOD OF 03/01/2011 THROUGH 03/31/2011 ANNUAL PERCENTAGE YIELD EARNED IS 0.05%',
      line: 46,
    });
    expect(r.bankLines[2]).toEqual({
      id: '0000488',
      account: '1452687~7',
      bookedOn: '2011-04-07',
      valueOn: null,
      amountMinor: -2500,
      currency: 'USD',
      counterparty: 'RETURNED CHECK FEE, CHECK # 319',
      description: 'RETURNED CHECK FEE, CHECK # 319 FOR $45.33 ON 04/07/11',
      line: 62,
    });
    expect(r.periods).toEqual([{ account: '1452687~7', from: '2000-01-01', to: '2013-05-25' }]);
  });

  test('bank_medium.ofx keeps the printed date of a DTPOSTED with a [-5:EST] offset', () => {
    const r = parse(bytesOf('bank_medium.ofx'));
    expect(r.issues).toEqual([]);
    expect(r.bankLines).toHaveLength(3);
    expect(sum(r)).toBe(-34527);
    expect(r.bankLines[0]).toEqual({
      id: '0000123456782009040100001',
      account: '12300 000012345678',
      bookedOn: '2009-04-01',
      valueOn: null,
      amountMinor: -660,
      currency: 'CAD',
      counterparty: "MCDONALD'S #112",
      description: "POS MERCHANDISE;MCDONALD'S #112",
      line: 15,
    });
    expect(r.bankLines[2]).toEqual({
      id: '0000123456782009040300005',
      account: '12300 000012345678',
      bookedOn: '2009-04-03',
      valueOn: null,
      amountMinor: -2200,
      currency: 'CAD',
      counterparty: "CONNIE'S HAIR D",
      description: "POS MERCHANDISE;CONNIE'S HAIR D",
      line: 17,
    });
    expect(r.periods).toEqual([{ account: '12300 000012345678', from: '2009-04-01', to: '2009-05-23' }]);
  });

  test('suncorp.ofx (OFX 2.00 XML, CRLF) reads CDATA names and memos', () => {
    const r = parse(bytesOf('suncorp.ofx'));
    expect(r.issues).toEqual([]);
    expect(r.bankLines).toEqual([
      {
        id: '1',
        account: '123456789',
        bookedOn: '2013-12-15',
        valueOn: null,
        amountMinor: -1685,
        currency: 'AUD',
        counterparty: 'EFTPOS WDL HANDYWAY ALDI STORE',
        description: 'EFTPOS WDL HANDYWAY ALDI STORE   GEELONG WEST VICAU',
        line: 35,
      },
    ]);
    expect(r.periods).toEqual([{ account: '123456789', from: '2013-06-18', to: '2013-12-15' }]);
  });

  test('multiple_accounts2.ofx (two STMTTRNRS without transaction lists) gives no lines and no issues', () => {
    const r = parse(bytesOf('multiple_accounts2.ofx'));
    expect(r.issues).toEqual([]);
    expect(r.bankLines).toEqual([]);
    expect(r.periods).toEqual([]);
  });

  test('ofx-v102-empty-tags.ofx takes the currency from CURSYM and keeps a line without FITID under a derived id', () => {
    const r = parse(bytesOf('ofx-v102-empty-tags.ofx'));
    expect(errorsOf(r)).toEqual([]);
    expect(r.bankLines).toEqual([
      {
        id: '12345678:2018-05-07:1234#1',
        account: '12345678',
        bookedOn: '2018-05-07',
        valueOn: null,
        amountMinor: 1234,
        currency: 'AUD',
        counterparty: '',
        description: 'CBA:Transfer',
        line: 23,
      },
    ]);
    expect(r.issues).toEqual([{ line: 23, field: 'FITID', severity: 'warning', message: expect.stringContaining('no FITID') }]);
    expect(r.periods).toEqual([{ account: '12345678', from: '2018-05-06', to: '2018-08-04' }]);
  });

  test('html-vals.qfx decodes its entities exactly once', () => {
    const r = parse(bytesOf('html-vals.qfx'));
    expect(r.issues).toEqual([]);
    expect(r.bankLines).toHaveLength(2);
    expect(sum(r)).toBe(-200);
    expect(r.bankLines[0]).toEqual({
      id: '23129130032333396279270000',
      account: '00000 00-00000',
      bookedOn: '2023-05-09',
      valueOn: null,
      amountMinor: -100,
      currency: 'CAD',
      counterparty: '000000000000000',
      description: 'PREAUTHORIZED DEBIT;B.C. HYDRO & POWER AUTHORITY;Electronic Funds Transfer',
      line: 15,
    });
    expect(r.bankLines[1]).toEqual({
      id: '23060061032549554596530000',
      account: '00000 00-00000',
      bookedOn: '2023-03-01',
      valueOn: null,
      amountMinor: -100,
      currency: 'CAD',
      counterparty: 'TPAY &lt;DEFTPYMT&gt;',
      description: 'PREAUTHORIZED DEBIT;LUXMORE REALTY PPTY MGMT;Electronic Funds Transfer',
      line: 16,
    });
    expect(r.periods).toEqual([{ account: '00000 00-00000', from: '2019-07-31', to: '2023-10-31' }]);
  });
});

describe('OFX dates', () => {
  const shapes = [
    '20110331',
    '201103311200',
    '20110331120000',
    '20110331120000.000',
    '20110331235959.000[-5:EST]',
    '20110331120000[-:EST]',
    '20110331120000:014',
    '20110331000000.000[+10:AEST]',
    '20110331 [0:GMT]',
  ];
  for (const shape of shapes) {
    test(`reads DTPOSTED ${shape} as the printed date 2011-03-31`, () => {
      const r = parseText(textOf('checking.ofx').replace('<DTPOSTED>20110331120000.000', `<DTPOSTED>${shape}`));
      expect(errorsOf(r)).toEqual([]);
      expect(r.bankLines[0]!.bookedOn).toBe('2011-03-31');
    });
  }

  test('refuses an empty DTPOSTED with an error naming its line and the field', () => {
    const r = parseText(textOf('checking.ofx').replace('<DTPOSTED>20110405120000.000', '<DTPOSTED>'));
    expect(errorsOf(r)).toEqual([{ line: 56, field: 'DTPOSTED', severity: 'error', message: expect.stringContaining('empty') }]);
    expect(r.bankLines.map(l => l.id)).toEqual(['0000486', '0000488']);
  });

  test('refuses an empty XML-closed DTPOSTED on the line it sits on', () => {
    const r = parseText(textOf('suncorp.ofx').replace('<DTPOSTED>20131215</DTPOSTED>', '<DTPOSTED></DTPOSTED>'));
    expect(errorsOf(r)).toEqual([{ line: 37, field: 'DTPOSTED', severity: 'error', message: expect.any(String) }]);
  });

  test('refuses a DTPOSTED that is not a date, and one that is not a real calendar day', () => {
    for (const bad of ['2011-03-31', '20110231', 'yesterday', '2011033']) {
      const r = parseText(textOf('bank_medium.ofx').replace('<DTPOSTED>20090402122017.000[-5:EST]', `<DTPOSTED>${bad}`));
      expect(errorsOf(r)).toEqual([{ line: 16, field: 'DTPOSTED', severity: 'error', message: expect.stringContaining(bad) }]);
    }
  });

  test("takes DTAVAIL, not DTUSER (the customer's own date), as the value date", () => {
    const r = parseText(
      textOf('checking.ofx')
        .replace('<DTPOSTED>20110331120000.000', '<DTPOSTED>20110331120000.000<DTUSER>20110329<DTAVAIL>20110401')
        .replace('<DTPOSTED>20110407120000.000', '<DTPOSTED>20110407120000.000<DTUSER>20110406'),
    );
    expect(r.issues).toEqual([]);
    expect(r.bankLines[0]!.valueOn).toBe('2011-04-01');
    expect(r.bankLines[1]!.valueOn).toBeNull();
  });
});

describe('OFX structure', () => {
  /** multiple_accounts2.ofx with one transaction list per account, as a multi-account download has. */
  const multiAccount = (): string => {
    let n = 0;
    return textOf('multiple_accounts2.ofx').replace(/<\/BANKACCTFROM>/g, () => {
      n++;
      return (
        `</BANKACCTFROM>\n<BANKTRANLIST><DTSTART>2012060${n}</DTSTART><DTEND>20120603</DTEND>` +
        `<STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20120602</DTPOSTED><TRNAMT>${n}0.50</TRNAMT><FITID>F${n}</FITID>` +
        `<NAME>ACME</NAME><BANKACCTTO><BANKID>9</BANKID><ACCTID>OTHER</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTTO></STMTTRN></BANKTRANLIST>`
      );
    });
  };

  test('gives each STMTTRNRS its own account and period', () => {
    const r = parseText(multiAccount());
    expect(r.issues).toEqual([]);
    expect(r.bankLines.map(l => [l.account, l.id, l.amountMinor])).toEqual([
      ['9100', 'F1', 1050],
      ['9200', 'F2', 2050],
    ]);
    expect(r.periods).toEqual([
      { account: '9100', from: '2012-06-01', to: '2012-06-03' },
      { account: '9200', from: '2012-06-02', to: '2012-06-03' },
    ]);
  });

  test('reads PAYEE/NAME when NAME is absent', () => {
    const r = parseText(
      textOf('checking.ofx').replace('<NAME>DIVIDEND EARNED FOR PERIOD OF 03', '<PAYEE><NAME>CREDIT UNION<ADDR1>1 MAIN ST</PAYEE>'),
    );
    expect(r.issues).toEqual([]);
    expect(r.bankLines[0]!.counterparty).toBe('CREDIT UNION');
  });

  test('reads OFX with everything on one line and blank lines before the header', () => {
    const oneLine = '\r\n\r\n   ' + textOf('checking.ofx').replace(/\n\t*/g, '');
    const r = parseText(oneLine);
    expect(r.issues).toEqual([]);
    expect(r.bankLines.map(l => l.line)).toEqual([3, 3, 3]);
    expect(sum(r)).toBe(-5950);
  });

  test('decodes a CHARSET:1252 file as windows-1252, and keeps UTF-8 bytes under that header as UTF-8', () => {
    // Latin-1 letters only: Node 20's TextDecoder reads windows-1252 0x80–0x9F (€, “) as C1 controls, browsers do not.
    const text = textOf('checking.ofx').replace('ELECTRIC BILL WEB', 'CAFÉ MÜLLER WEB');
    const utf8 = parse(encode(text));
    const cp1252 = parse(Uint8Array.from([...text].map(ch => ch.charCodeAt(0))));
    for (const r of [utf8, cp1252]) {
      expect(r.issues).toEqual([]);
      expect(r.bankLines[1]!.description).toBe('AUTOMATIC WITHDRAWAL, CAFÉ MÜLLER WEB(S )');
    }
  });

  test('reads a decimal-comma TRNAMT and currencies with no minor unit', () => {
    const r = parseText(
      textOf('checking.ofx')
        .replace('<CURDEF>USD', '<CURDEF>jpy')
        .replace('<TRNAMT>0.01', '<TRNAMT>1.00')
        .replace('<TRNAMT>-34.51', '<TRNAMT>-3451')
        .replace('<TRNAMT>-25.00', '<TRNAMT>-25,00'),
    );
    expect(r.issues).toEqual([]);
    expect(r.bankLines.map(l => [l.currency, l.amountMinor])).toEqual([
      ['JPY', 1],
      ['JPY', -3451],
      ['JPY', -25],
    ]);
    // Cents in a yen statement are not an amount the bank could book.
    expect(errorsOf(parseText(textOf('checking.ofx').replace('<CURDEF>USD', '<CURDEF>JPY'))).map(i => [i.line, i.field])).toEqual([
      [49, 'TRNAMT'],
      [57, 'TRNAMT'],
    ]);
  });

  test('refuses a bad TRNAMT, a missing account and a missing currency, each named by line and field', () => {
    expect(errorsOf(parseText(textOf('checking.ofx').replace('<TRNAMT>-34.51', '<TRNAMT>-34.51.2')))).toMatchObject([
      { line: 57, field: 'TRNAMT', severity: 'error', message: expect.any(String) },
    ]);
    expect(errorsOf(parseText(textOf('checking.ofx').replace('<ACCTID>1452687~7', '<ACCTID>')))).toEqual([
      { line: 40, field: 'ACCTID', severity: 'error', message: expect.any(String) },
    ]);
    expect(errorsOf(parseText(textOf('checking.ofx').replace('<CURDEF>USD', '<CURDEF>'))).map(i => [i.line, i.field])).toEqual([
      [46, 'CURDEF'],
      [54, 'CURDEF'],
      [62, 'CURDEF'],
    ]);
    expect(errorsOf(parseText(textOf('checking.ofx').replace('<CURDEF>USD', '<CURDEF>US DOLLAR')))).toEqual([
      { line: 37, field: 'CURDEF', severity: 'error', message: expect.stringContaining('ISO 4217') },
    ]);
  });

  test('warns about a FITID that occurs twice in one account', () => {
    const r = parseText(textOf('checking.ofx').replace('<FITID>0000487', '<FITID>0000486'));
    expect(errorsOf(r)).toEqual([]);
    expect(r.issues).toEqual([
      {
        line: 58,
        field: 'FITID',
        severity: 'warning',
        code: 'duplicate_id',
        params: { label: 'FITID', id: expect.stringContaining('0000486') },
        message: expect.stringContaining('0000486'),
      },
    ]);
  });

  test('refuses a file cut inside a transaction, and one cut before </OFX>', () => {
    const text = textOf('checking.ofx');
    const inTxn = parseText(text.slice(0, text.indexOf('<FITID>0000488')));
    expect(errorsOf(inTxn)).toContainEqual(
      expect.objectContaining({
        line: 62,
        field: 'STMTTRN',
        severity: 'error',
        message: expect.stringContaining('cut short'),
      }),
    );
    const beforeEnd = parseText(text.slice(0, text.indexOf('</BANKMSGSRSV1>')));
    expect(errorsOf(beforeEnd)).toMatchObject([
      { line: 82, field: 'OFX', severity: 'error', message: expect.stringContaining('cut short') },
    ]);
  });

  test('reads an unescaped "<" inside an SGML value as text', () => {
    const r = parseText(textOf('bank_medium.ofx').replace("<NAME>MCDONALD'S #112", "<NAME>MCDONALD'S < 112"));
    expect(r.issues).toEqual([]);
    expect(r.bankLines[0]!.counterparty).toBe("MCDONALD'S < 112");
  });

  test('refuses a transaction left open when its statement closes', () => {
    const r = parseText(textOf('suncorp.ofx').replace('</STMTTRN>', ''));
    expect(errorsOf(r)).toEqual([{ line: 35, field: 'STMTTRN', severity: 'error', message: expect.stringContaining('never closed') }]);
    expect(r.bankLines).toEqual([]);
  });

  test('warns when the bank answers a statement request with an error and sends no statement', () => {
    // The second account's response: an error status instead of its statement.
    const original = textOf('multiple_accounts2.ofx');
    const second = original.indexOf('<STMTTRNRS>', original.indexOf('<STMTTRNRS>') + 1);
    const text =
      original.slice(0, second) +
      original
        .slice(second)
        .replace(
          /<STATUS>[\s\S]*?<\/STATUS>\s*<STMTRS>[\s\S]*?<\/STMTRS>/,
          '<STATUS>\n<CODE>2000</CODE>\n<SEVERITY>ERROR</SEVERITY><MESSAGE>General error</MESSAGE></STATUS>',
        );
    const r = parseText(text);
    expect(r.issues).toEqual([{ line: 44, field: 'STATUS', severity: 'warning', message: expect.stringContaining('2000: General error') }]);
  });

  test('refuses a file without an <OFX> element on line 1', () => {
    expect(errorsOf(parseText('OFXHEADER:100\nDATA:OFXSGML\n'))).toEqual([
      { line: 1, field: 'OFX', severity: 'error', message: expect.any(String) },
    ]);
  });
});

describe('OFX detection', () => {
  test('sniffs every real OFX and QFX fixture with a high score and detection picks ofx', () => {
    for (const name of FIXTURES) {
      const bytes = bytesOf(name);
      expect(ofxFormat.sniff(headText(bytes), bytes), name).toBeGreaterThanOrEqual(0.9);
      expect(detectFormat(bytes)?.name, name).toBe('ofx');
    }
  });

  test('gives a camt document, a CSV and plain text a score of zero', () => {
    for (const text of [
      '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">',
      'date,amount\n2026-01-05,12.00\n',
      'The OFX format',
    ]) {
      expect(ofxFormat.sniff(text, encode(text))).toBe(0);
    }
    const camt = new Uint8Array(readFileSync(new URL('../camt/camt053.v8.xml', DIR)));
    expect(camtFormat.sniff(headText(camt), camt)).toBeGreaterThan(ofxFormat.sniff(headText(camt), camt));
  });
});

describe('the ledger generator OFX', () => {
  const out = mkdtempSync(join(tmpdir(), 'settlewatch-ofx-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('parses with exactly the manifest row count, unique FITIDs and the as-of date as DTEND', () => {
    execFileSync(
      process.execPath,
      [join(ROOT, 'test/tools/gen-ledger.mjs'), '--scenario', 'us', '--seed', '1', '--days', '20', '--tx-per-day', '30', '--out', out],
      { stdio: 'pipe' },
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      asOf: string;
      period: { from: string };
      files: { path: string; role: string; rows?: number }[];
    };
    const bank = manifest.files.find(f => f.role === 'bank')!;
    expect(bank.path).toMatch(/^bank-wellsfargo-.*\.ofx$/);
    expect(readdirSync(out)).toContain(bank.path);
    const bytes = new Uint8Array(readFileSync(join(out, bank.path)));
    expect(detectFormat(bytes)?.name).toBe('ofx');
    const r = parse(bytes);
    expect(r.issues).toEqual([]);
    expect(r.bankLines).toHaveLength(bank.rows!);
    expect(new Set(r.bankLines.map(l => l.id)).size).toBe(bank.rows);
    expect(r.periods).toEqual([{ account: '4839201765', from: manifest.period.from, to: manifest.asOf }]);
    expect(r.bankLines.every(l => l.currency === 'USD' && l.bookedOn >= manifest.period.from && l.bookedOn <= manifest.asOf)).toBe(true);
  });
});

describe('OFX parsing never throws', () => {
  const wellFormed = (r: ParseResult): void => {
    for (const issue of r.issues) {
      expect(Number.isInteger(issue.line) && issue.line >= 1).toBe(true);
      expect(issue.field.length).toBeGreaterThan(0);
      expect(issue.message.length).toBeGreaterThan(0);
    }
    for (const line of r.bankLines) {
      expect(isIsoDate(line.bookedOn)).toBe(true);
      expect(line.currency).toMatch(/^[A-Z]{3}$/);
      expect(Number.isSafeInteger(line.amountMinor)).toBe(true);
      expect(line.id.length).toBeGreaterThan(0);
    }
  };

  test('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), bytes => {
        wellFormed(parse(bytes));
      }),
      { numRuns: 300 },
    );
  });

  test('on random text that starts like OFX', () => {
    const pieces = fc.constantFrom(
      '<OFX>',
      '</OFX>',
      '<STMTRS>',
      '</STMTRS>',
      '<STMTTRN>',
      '</STMTTRN>',
      '<DTPOSTED>',
      '<TRNAMT>',
      '<FITID>',
      '<CURDEF>USD',
      '<BANKACCTFROM><ACCTID>1</BANKACCTFROM>',
      '<![CDATA[',
      ']]>',
      '&amp;',
      '<',
      '>',
      '2026',
      '-1.5',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), parts => {
        wellFormed(parseText('OFXHEADER:100\n\n' + parts.join('')));
      }),
      { numRuns: 500 },
    );
  });

  test('on real files with bytes replaced, removed or the end cut off', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -1, max: 255 })), { maxLength: 8 }),
        fc.nat(),
        (name, edits, cut) => {
          let bytes = Array.from(bytesOf(name));
          for (const [at, value] of edits) {
            const i = at % bytes.length;
            if (value < 0) bytes.splice(i, 1);
            else bytes[i] = value;
          }
          bytes = bytes.slice(0, bytes.length - (cut % 40));
          wellFormed(parse(Uint8Array.from(bytes)));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('refuses every real file cut before its last transaction closes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('checking.ofx', 'bank_medium.ofx', 'suncorp.ofx', 'html-vals.qfx', 'ofx-v102-empty-tags.ofx'),
        fc.nat(),
        (name, at) => {
          const text = textOf(name);
          const lastClose = text.lastIndexOf('</STMTTRN>');
          const r = parseText(text.slice(0, at % (lastClose + 1)));
          const errors = errorsOf(r);
          expect(errors.length).toBeGreaterThan(0);
          wellFormed(r);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("statements that are not a current account's, or name none (issue 15)", () => {
  const SYNTHETIC = new URL('../../../test/fixtures/synthetic/ofx/', import.meta.url);
  const synthetic = (name: string): ParseResult => parse(new Uint8Array(readFileSync(new URL(name, SYNTHETIC))));

  test('refuses a credit-card statement (CCSTMTRS) clearly rather than reading it as a current account', () => {
    const r = synthetic('credit-card.ofx');
    expect(r.bankLines).toEqual([]);
    expect(errorsOf(r)).toEqual([
      {
        line: 15,
        field: 'CCSTMTRS',
        severity: 'error',
        message: 'a credit-card statement, not a current account: card money is not settled here',
      },
    ]);
  });

  test('reads the bank statement beside a card statement and says the card one is left out', () => {
    const r = synthetic('card-and-bank.ofx');
    expect(errorsOf(r)).toEqual([]);
    expect(r.issues).toEqual([
      {
        line: 24,
        field: 'CCSTMTRS',
        severity: 'warning',
        message: 'a credit-card statement, not a current account: card money is not settled here; its lines are left out',
      },
    ]);
    expect(r.bankLines.map(l => [l.account, l.amountMinor])).toEqual([['000111222', 98000]]);
  });

  test('refuses an investment statement (INVSTMTRS) with no bank transactions, saying why', () => {
    const r = synthetic('investment.ofx');
    expect(r.bankLines).toEqual([]);
    expect(errorsOf(r)).toEqual([
      { line: 15, field: 'INVSTMTRS', severity: 'error', message: 'an investment statement: no bank transactions' },
    ]);
  });

  test('reads a statement with no BANKACCTFROM under a named fallback account, with a warning', () => {
    const r = synthetic('no-bankacctfrom.ofx');
    expect(errorsOf(r)).toEqual([]);
    expect(r.issues).toEqual([
      {
        line: 15,
        field: 'BANKACCTFROM',
        severity: 'warning',
        message: `the statement names no account (no BANKACCTFROM, CCACCTFROM or ACCTID); its lines are kept under "${NO_ACCOUNT}"`,
      },
    ]);
    expect(r.bankLines.map(l => [l.account, l.id, l.amountMinor])).toEqual([
      [NO_ACCOUNT, 'T1', 125000],
      [NO_ACCOUNT, 'T2', -3000],
    ]);
  });

  test('takes an ACCTID printed outside BANKACCTFROM as the account, with a warning', () => {
    const text = new TextDecoder()
      .decode(readFileSync(new URL('no-bankacctfrom.ofx', SYNTHETIC)))
      .replace('<CURDEF>EUR', '<CURDEF>EUR<ACCTID>NL91ABNA0417164300');
    const r = parseText(text);
    expect(r.issues.map(i => [i.field, i.severity])).toEqual([['BANKACCTFROM', 'warning']]);
    expect(r.bankLines.map(l => l.account)).toEqual(['NL91ABNA0417164300', 'NL91ABNA0417164300']);
  });
});
