import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { camtFormat, parseCamt } from './camt';
import { ofxFormat } from './ofx';
import { detectFormat, headText } from '../detect';
import { isIsoDate } from '../../model/date';
import type { BankLine, ParseResult } from '../../model/types';

const DIR = new URL('../../../test/fixtures/real/camt/', import.meta.url);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, DIR)));
const textOf = (name: string): string => new TextDecoder().decode(bytesOf(name));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array): ParseResult => parseCamt(bytes, { fileName: 'test.xml' });
const parseText = (text: string): ParseResult => parse(encode(text));
const errorsOf = (r: ParseResult) => r.issues.filter(i => i.severity === 'error');
const sum = (r: ParseResult): number => r.bankLines.reduce((s, l) => s + l.amountMinor, 0);
const FIXTURES = [
  'camt.053.xml',
  'camt052.v6.xml',
  'camt053.v2.minimal.xml',
  'camt053.v2.multi.statement.xml',
  'camt053.v8.xml',
  'camt054.v4.xml',
];

describe('the real camt fixtures read exactly', () => {
  test('camt.053.xml (German bank, .001.04) gives six lines, the batch as one line with the Ntry amount', () => {
    const r = parse(bytesOf('camt.053.xml'));
    expect(r.issues).toEqual([]);
    expect(r.format).toBe('camt053');
    expect(r.role).toBe('bank');
    expect(r.bankLines).toHaveLength(6);
    expect(sum(r)).toBe(-16410);
    expect(r.bankLines[0]).toEqual({
      id: '2013123001153870000',
      account: 'DE14740618130000033626',
      bookedOn: '2013-12-30',
      valueOn: '2013-12-30',
      amountMinor: 60,
      currency: 'EUR',
      counterparty: 'Testkonto Nummer 2',
      description:
        'Sammler aus Testknto 2 Zweite Ueberweisung EREF: STZV-EtE28122013-11:29-1 IBAN: DE58740618130100033626 BIC: GENODEF1PFK ABWE: Testkonto 1',
      line: 63,
    });
    expect(r.bankLines[5]).toEqual({
      id: '2014010303263400000',
      account: 'DE14740618130000033626',
      bookedOn: '2014-01-03',
      valueOn: '2014-01-03',
      amountMinor: 345,
      currency: 'EUR',
      counterparty: 'Testkonto Nummer 2',
      description: 'Lastschrift 2. Zahlung TAN:747216 Lastschrift 1. Zahlung TAN:747216',
      line: 354,
    });
    expect(r.periods).toEqual([]);
  });

  test('camt.053.xml joins Ustrd split mid-word without a separator and adds AddtlNtryInf', () => {
    const [, , card, returned, transfer] = parse(bytesOf('camt.053.xml')).bankLines;
    expect(returned!.description).toBe(
      'Retoure SEPA Lastschrift vom 03.01.2014, Rueckgabegrund: MD06 Lastschriftwiderspruch durch den Zahlungspflichtigen EREF: ' +
        'STZV-EtE27122013-11:05-2 CRED: DE79ZZZ00000000584 IBAN: DE14740618130000033626 BIC: GENODEF1PFK ABWE: Testkonto',
    );
    expect(card).toMatchObject({
      id: '640387810124072/2',
      amountMinor: -8985,
      bookedOn: '2024-03-12',
      valueOn: '2024-03-11',
      counterparty: '',
      description: 'Supermarkt A',
    });
    expect(transfer).toMatchObject({ id: '367406715024072/1', amountMinor: -8000, counterparty: 'Rega', description: 'Rega' });
  });

  test('camt052.v6.xml (intraday report) has one pending entry, so no line but a warning, and its period', () => {
    const r = parse(bytesOf('camt052.v6.xml'));
    expect(r.issues).toEqual([
      {
        line: 70,
        field: 'Sts',
        severity: 'warning',
        code: 'entries_left_out',
        params: { count: 1, status: 'PDNG' },
        message: '1 entry is left out as pending (Sts PDNG): not booked yet; the first is on this line',
      },
    ]);
    expect(r.bankLines).toEqual([]);
    expect(r.periods).toEqual([{ account: 'CH2801234000123456789', from: '2007-10-18', to: '2007-10-18', sequence: 12312 }]);
  });

  test('camt052.v6.xml reads its entry once it is booked', () => {
    const r = parseText(textOf('camt052.v6.xml').replace('<Sts>PDNG</Sts>', '<Sts>BOOK</Sts>'));
    expect(r.issues).toEqual([]);
    expect(r.bankLines).toEqual([
      {
        id: 'ACSR160614165200001',
        account: 'CH2801234000123456789',
        bookedOn: '2007-10-18',
        valueOn: '2007-10-18',
        amountMinor: -20000000,
        currency: 'SEK',
        counterparty: 'UNIFITS GmbH',
        description: 'Example Remittance - 6 - V1 Credit',
        line: 70,
      },
    ]);
  });

  test('camt053.v2.minimal.xml keeps an entry without any reference under its statement position, with a warning', () => {
    const r = parse(bytesOf('camt053.v2.minimal.xml'));
    expect(errorsOf(r)).toEqual([]);
    expect(r.issues).toEqual([
      { line: 90, field: 'AcctSvcrRef', severity: 'warning', message: expect.stringContaining('253EURNL26VAYB8060476890#1') },
    ]);
    expect(r.bankLines).toEqual([
      {
        id: '253EURNL26VAYB8060476890#1',
        account: 'NL26VAYB8060476890',
        bookedOn: '2014-12-31',
        valueOn: '2015-01-02',
        amountMinor: 885,
        currency: 'EUR',
        counterparty: 'NAME NAME',
        description: '',
        line: 90,
      },
    ]);
    expect(r.periods).toEqual([
      { account: 'NL26VAYB8060476890', from: '2007-10-18', to: '2007-10-18', openingMinor: 1815, closingMinor: -2700, sequence: 12312 },
    ]);
  });

  test('camt053.v2.multi.statement.xml reads both statements of one document', () => {
    const r = parse(bytesOf('camt053.v2.multi.statement.xml'));
    expect(errorsOf(r)).toEqual([]);
    expect(r.bankLines).toEqual([
      {
        id: '253EURNL26VAYB8060476890#1',
        account: 'NL26VAYB8060476890',
        bookedOn: '2014-12-31',
        valueOn: '2015-01-02',
        amountMinor: 885,
        currency: 'EUR',
        counterparty: '',
        description: 'Transaction Description 1',
        line: 66,
      },
      {
        id: '254EURNL26VAYB8060476890#1',
        account: 'NL26VAYB8060476890',
        bookedOn: '2014-12-31',
        valueOn: '2015-01-02',
        amountMinor: -700,
        currency: 'EUR',
        counterparty: 'Company Name 2',
        description: 'Transaction Description 2',
        line: 145,
      },
    ]);
    expect(r.issues.map(i => [i.line, i.field, i.severity])).toEqual([
      [66, 'AcctSvcrRef', 'warning'],
      [145, 'AcctSvcrRef', 'warning'],
    ]);
    expect(r.periods).toEqual([
      { account: 'NL26VAYB8060476890', from: '2007-10-18', to: '2007-10-18', openingMinor: 1815, closingMinor: 2700, sequence: 12312 },
    ]);
  });

  test('camt053.v8.xml reads <Sts><Cd>BOOK</Cd></Sts>, the date of BookgDt/DtTm and Dbtr/Pty/Nm', () => {
    const r = parse(bytesOf('camt053.v8.xml'));
    expect(r.issues).toEqual([]);
    expect(r.bankLines).toEqual([
      {
        id: 'AAAASESS-FP-CN_98765/01',
        account: 'NL26VAYB8060476890',
        bookedOn: '2014-12-31',
        valueOn: '2015-01-02',
        amountMinor: 885,
        currency: 'EUR',
        counterparty: 'NAME NAME',
        description: '',
        line: 110,
      },
    ]);
    expect(r.periods).toEqual([
      { account: 'NL26VAYB8060476890', from: '2007-10-18', to: '2007-10-18', openingMinor: 1815, closingMinor: -2700, sequence: 12312 },
    ]);
  });

  test('camt054.v4.xml (notification, a batch of three TxDtls) is one line with the Ntry amount', () => {
    const r = parse(bytesOf('camt054.v4.xml'));
    expect(r.issues).toEqual([]);
    expect(r.bankLines).toEqual([
      {
        id: 'ACSR160617103200001',
        account: 'CH2801234000123456789',
        bookedOn: '2007-10-18',
        valueOn: '2007-10-18',
        amountMinor: -20000000,
        currency: 'SEK',
        counterparty: 'Example Creditor 3 - V1',
        description:
          'Unstructured Remittance Information V1 Unstructured Remittance Information V3 block 1Unstructured Remittance Information V3 block 2 Order',
        line: 63,
      },
    ]);
    expect(r.periods).toEqual([{ account: 'CH2801234000123456789', from: '2007-10-18', to: '2007-10-18', sequence: 12312 }]);
  });
});

/** The parts of a genkgo/camt getter dump (test/data/*.json) this test compares. */
interface GenkgoEntry {
  getAccountServicerReference: string | null;
  getReference: string | null;
  getAmount: { getAmount: string; getCurrency: { getCode: string } };
  getBookingDate: { 0: string } | null;
  getValueDate: { 0: string } | null;
  getStatus: string;
  getIndex: number;
  getRecord: { getId: string; getAccount: { getIdentification: string }; getEntries: unknown[] };
}

describe('the camt fixtures agree with the genkgo/camt expectations', () => {
  for (const name of ['camt052.v6', 'camt053.v2.minimal', 'camt053.v2.multi.statement', 'camt053.v8', 'camt054.v4']) {
    test(`${name}.xml gives every upstream entry its amount, currency, dates and reference, and every statement its account and entries`, () => {
      const text = textOf(`${name}.xml`);
      const lineOf = (at: number): number => text.slice(0, at).split('\n').length;
      const entries = (JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as { getEntries: GenkgoEntry[] }).getEntries;
      const r = parse(encode(text));
      expect(errorsOf(r)).toEqual([]);
      expect(entries.length).toBeGreaterThan(0);

      for (const e of entries) {
        // Find the upstream entry in the file by hand: its record's <Id>, then the getIndex-th <Ntry> after it.
        const recordAt = text.indexOf(`<Id>${e.getRecord.getId}</Id>`);
        expect(recordAt).toBeGreaterThan(0);
        const nextRecord = text.slice(recordAt + 1).search(/<(Stmt|Rpt|Ntfctn)>/);
        const recordEnd = nextRecord < 0 ? text.length : recordAt + 1 + nextRecord;
        const ntries = [...text.slice(recordAt, recordEnd).matchAll(/<Ntry>/g)].map(m => recordAt + m.index);
        expect(ntries).toHaveLength(e.getRecord.getEntries.length);
        const ntryLine = lineOf(ntries[e.getIndex]!);
        const inRecord = r.bankLines.filter(l => l.line >= lineOf(recordAt) && l.line < lineOf(recordEnd));
        const line = r.bankLines.find(l => l.line === ntryLine);

        if (e.getStatus === 'PDNG' || e.getStatus === 'INFO') {
          expect(line).toBeUndefined();
          continue;
        }
        expect(e.getStatus).toBe('BOOK');
        expect(inRecord).toHaveLength(e.getRecord.getEntries.length);
        expect(line).toBeDefined();
        const l = line as BankLine;
        expect(l.amountMinor).toBe(Number(e.getAmount.getAmount));
        expect(l.currency).toBe(e.getAmount.getCurrency.getCode);
        // genkgo prints dates in UTC; every fixture time is on the same calendar day in its own zone.
        expect(l.bookedOn).toBe(e.getBookingDate?.[0].slice(0, 10));
        expect(l.valueOn).toBe(e.getValueDate?.[0].slice(0, 10) ?? null);
        expect(l.id).toBe(e.getAccountServicerReference ?? e.getReference ?? `${e.getRecord.getId}#${e.getIndex + 1}`);
        expect(l.account).toBe(e.getRecord.getAccount.getIdentification);
      }
    });
  }
});

describe('camt entries', () => {
  const minimal = (): string => textOf('camt053.v2.minimal.xml');

  test('skips pending and information-only entries in either status shape, counting them in a warning', () => {
    for (const status of ['<Sts>PDNG</Sts>', '<Sts>INFO</Sts>', '<Sts><Cd>PDNG</Cd></Sts>', '<Sts> <Cd>INFO</Cd> </Sts>']) {
      const r = parseText(textOf('camt053.v8.xml').replace(/<Sts>\s*<Cd>BOOK<\/Cd>\s*<\/Sts>/, status));
      expect(
        r.issues.map(i => [i.field, i.severity, i.message.slice(0, 26)]),
        status,
      ).toEqual([['Sts', 'warning', '1 entry is left out as ' + (status.includes('PDNG') ? 'pen' : 'for')]]);
      expect(r.bankLines, status).toEqual([]);
    }
  });

  test('reads amounts with extra zero decimals exactly and refuses a fraction of a cent', () => {
    expect(parseText(minimal().replace('<Amt Ccy="EUR">8.85</Amt>', '<Amt Ccy="EUR">18.150</Amt>')).bankLines[0]!.amountMinor).toBe(1815);
    expect(parseText(minimal().replace('<Amt Ccy="EUR">8.85</Amt>', '<Amt Ccy="EUR">0</Amt>')).bankLines[0]!.amountMinor).toBe(0);
    const r = parseText(minimal().replace('<Amt Ccy="EUR">8.85</Amt>', '<Amt Ccy="EUR">18.155</Amt>'));
    expect(errorsOf(r)).toMatchObject([{ line: 91, field: 'Amt', severity: 'error', message: expect.stringContaining('18.155') }]);
    expect(r.bankLines).toEqual([]);
  });

  test('takes the sign from CdtDbtInd alone, also on a reversal', () => {
    const reversed = minimal().replace(
      '<CdtDbtInd>CRDT</CdtDbtInd>\n                <RvslInd>false</RvslInd>',
      '<CdtDbtInd>DBIT</CdtDbtInd>\n                <RvslInd>true</RvslInd>',
    );
    const line = parseText(reversed).bankLines[0]!;
    expect(line.amountMinor).toBe(-885);
    expect(line.counterparty).toBe('Company Name');
  });

  test('takes NtryRef as the id when there is no AcctSvcrRef, and AcctSvcrRef over NtryRef', () => {
    const withNtryRef = minimal().replace('<Amt Ccy="EUR">8.85</Amt>', '<NtryRef>NR-1</NtryRef><Amt Ccy="EUR">8.85</Amt>');
    expect(parseText(withNtryRef).issues).toEqual([]);
    expect(parseText(withNtryRef).bankLines[0]!.id).toBe('NR-1');
    const withBoth = withNtryRef.replace('<BkTxCd>', '<AcctSvcrRef>ASR-1</AcctSvcrRef><BkTxCd>');
    expect(parseText(withBoth).bankLines[0]!.id).toBe('ASR-1');
  });

  test('reads NOTPROVIDED and NONREF as no reference', () => {
    const text = minimal()
      .replace('<Amt Ccy="EUR">8.85</Amt>', '<NtryRef>NONREF</NtryRef><Amt Ccy="EUR">8.85</Amt>')
      .replace('<BkTxCd>', '<AcctSvcrRef>NOTPROVIDED</AcctSvcrRef><BkTxCd>');
    expect(parseText(text).bankLines[0]!.id).toBe('253EURNL26VAYB8060476890#1');
  });

  test('falls back to the ultimate party when no TxDtls names the debtor', () => {
    const text = textOf('camt.053.xml').replace(/<Dbtr>\s*<Nm>Testkonto Nummer 2<\/Nm>\s*<\/Dbtr>/g, '');
    expect(parseText(text).bankLines[0]!.counterparty).toBe('keine Information vorhanden');
  });

  test('reads FrDt/ToDt periods and BookgDt/DtTm dates as printed, not shifted to UTC', () => {
    const text = minimal()
      .replace(/<FrDtTm>.*<\/FrDtTm>/, '<FrDt>2014-12-01</FrDt>')
      .replace(/<ToDtTm>.*<\/ToDtTm>/, '<ToDt>2014-12-31</ToDt>')
      .replace('<Dt>2014-12-31</Dt>\n                </BookgDt>', '<DtTm>2014-12-31T23:30:00-05:00</DtTm>\n                </BookgDt>');
    const r = parseText(text);
    expect(errorsOf(r)).toEqual([]);
    expect(r.periods).toEqual([
      { account: 'NL26VAYB8060476890', from: '2014-12-01', to: '2014-12-31', openingMinor: 1815, closingMinor: -2700, sequence: 12312 },
    ]);
    expect(r.bankLines[0]!.bookedOn).toBe('2014-12-31');
  });

  test('reads Acct/Id/Othr/Id, namespace prefixes, comments and CDATA', () => {
    const text = textOf('camt053.v8.xml')
      .replace(/<(\/?)([A-Za-z]+)([ >])/g, '<$1ns2:$2$3')
      .replace('xmlns="', 'xmlns:ns2="')
      .replace('<ns2:Ntry>', '<!-- booked today --><ns2:Ntry>')
      .replace('<ns2:AcctSvcrRef>AAAASESS-FP-CN_98765/01', '<ns2:AcctSvcrRef><![CDATA[AAAASESS-FP-CN_98765/01]]>');
    const r = parseText(text);
    expect(r.issues).toEqual([]);
    expect(r.bankLines.map(l => [l.id, l.account, l.amountMinor])).toEqual([['AAAASESS-FP-CN_98765/01', 'NL26VAYB8060476890', 885]]);
  });

  test('decodes a document declared ISO-8859-1 from its bytes, entities included', () => {
    const text = minimal()
      .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
      .replace('<Nm>NAME NAME</Nm>', '<Nm>Müller &amp; Söhne</Nm>');
    const r = parse(Uint8Array.from([...text].map(ch => ch.charCodeAt(0))));
    expect(r.bankLines[0]!.counterparty).toBe('Müller & Söhne');
  });

  test('refuses an entry without booking date, with a bad indicator or a bad currency, naming line and field', () => {
    const undated = minimal()
      .replace(/<BookgDt>[\s\S]*?<\/BookgDt>/, '')
      .replace(/<ValDt>[\s\S]*?<\/ValDt>/, '');
    expect(parseText(undated).issues).toContainEqual({
      line: 90,
      field: 'BookgDt',
      severity: 'warning',
      message: 'the booked entry has neither a booking nor a value date; the date its message was created, 2015-03-10, is used',
    });
    expect(errorsOf(parseText(undated.replace(/<CreDtTm>[^<]*<\/CreDtTm>/g, '')))).toEqual([
      { line: 90, field: 'BookgDt', severity: 'error', message: expect.any(String) },
    ]);
    expect(
      errorsOf(
        parseText(
          minimal().replace('<BookgDt>\n                    <Dt>2014-12-31</Dt>', '<BookgDt>\n                    <Dt>2014-02-30</Dt>'),
        ),
      ),
    ).toEqual([{ line: 96, field: 'BookgDt', severity: 'error', message: expect.stringContaining('2014-02-30') }]);
    expect(
      errorsOf(
        parseText(
          minimal().replace(
            '<CdtDbtInd>CRDT</CdtDbtInd>\n                <RvslInd>',
            '<CdtDbtInd>CREDIT</CdtDbtInd>\n                <RvslInd>',
          ),
        ),
      ),
    ).toEqual([{ line: 92, field: 'CdtDbtInd', severity: 'error', message: expect.stringContaining('CREDIT') }]);
    expect(errorsOf(parseText(minimal().replace('<Amt Ccy="EUR">8.85', '<Amt Ccy="euro">8.85')))).toEqual([
      { line: 91, field: 'Amt@Ccy', severity: 'error', message: expect.any(String) },
    ]);
    expect(
      errorsOf(
        parseText(
          minimal().replace(
            '<IBAN>NL26VAYB8060476890</IBAN>\n                </Id>\n                <Ccy>',
            '<IBAN></IBAN>\n                </Id>\n                <Ccy>',
          ),
        ),
      ),
    ).toEqual([{ line: 36, field: 'Acct', severity: 'error', message: expect.any(String) }]);
  });

  test('refuses a document cut short, a mismatched tag and a message that is not camt', () => {
    const text = minimal();
    expect(errorsOf(parseText(text.slice(0, text.indexOf('</NtryDtls>'))))).toEqual([
      { line: 168, field: 'NtryDtls', severity: 'error', message: expect.stringContaining('cut short') },
    ]);
    expect(errorsOf(parseText(text.replace('</BookgDt>', '</BookgDate>')))).toEqual([
      { line: 97, field: 'BookgDt', severity: 'error', message: expect.stringContaining('</BookgDate>') },
    ]);
    const pain = parseText(
      '<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>',
    );
    expect(errorsOf(pain)).toEqual([
      { line: 2, field: 'Document', severity: 'error', message: expect.stringContaining('CstmrCdtTrfInitn') },
    ]);
  });
});

describe('camt detection', () => {
  test('sniffs every real camt fixture with a high score and detection picks camt053', () => {
    for (const name of FIXTURES) {
      const bytes = bytesOf(name);
      expect(camtFormat.sniff(headText(bytes), bytes), name).toBeGreaterThanOrEqual(0.9);
      expect(ofxFormat.sniff(headText(bytes), bytes), name).toBe(0);
      expect(detectFormat(bytes)?.name, name).toBe('camt053');
    }
  });

  test('gives other ISO 20022 messages, OFX and plain XML a score of zero', () => {
    for (const text of [
      '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn>',
      'OFXHEADER:100\nDATA:OFXSGML\n\n<OFX>',
      '<?xml version="1.0"?><rss><channel/></rss>',
    ])
      expect(camtFormat.sniff(text, encode(text))).toBe(0);
  });
});

describe('the ledger generator camt.053', () => {
  const out = mkdtempSync(join(tmpdir(), 'settlewatch-camt-'));
  let manifest: { asOf: string; period: { from: string }; files: { path: string; role: string; rows?: number }[] };
  let bytes: Uint8Array;
  beforeAll(() => {
    execFileSync(
      process.execPath,
      [join(ROOT, 'test/tools/gen-ledger.mjs'), '--scenario', 'eu', '--seed', '1', '--days', '365', '--tx-per-day', '30', '--out', out],
      { stdio: 'pipe' },
    );
    manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as typeof manifest;
    bytes = new Uint8Array(readFileSync(join(out, manifest.files.find(f => f.role === 'bank')!.path)));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('parses a year with exactly the manifest row count, unique ids and one period per monthly statement', () => {
    const bank = manifest.files.find(f => f.role === 'bank')!;
    expect(bank.path).toMatch(/^camt053-commerzbank-.*\.xml$/);
    expect(detectFormat(bytes)?.name).toBe('camt053');
    const text = new TextDecoder().decode(bytes);
    const r = parse(bytes);
    expect(r.issues).toEqual([]);
    expect(r.bankLines).toHaveLength(bank.rows!);
    expect(new Set(r.bankLines.map(l => l.id)).size).toBe(bank.rows);
    // Entries without AcctSvcrRef keep their NtryRef: about 8 % of them.
    const svcrRefs = new Set([...text.matchAll(/<AcctSvcrRef>([^<]+)<\/AcctSvcrRef>/g)].map(m => m[1]));
    const byNtryRef = r.bankLines.filter(l => !svcrRefs.has(l.id)).length;
    expect(byNtryRef).toBeGreaterThan(bank.rows! * 0.03);
    expect(byNtryRef).toBeLessThan(bank.rows! * 0.15);
    const months = new Set(r.bankLines.map(l => l.bookedOn.slice(0, 7)));
    expect(r.periods).toHaveLength(months.size);
    expect(r.periods[0]!.from).toBe(manifest.period.from);
    expect(r.periods.at(-1)!.to).toBe(manifest.asOf);
  });

  test('parses ten thousand entries (its speed is measured by npm run bench)', () => {
    // Fifteen copies of the year's statements with their references made unique: about 10,000 entries.
    const text = new TextDecoder().decode(bytes);
    const first = text.indexOf('<Stmt>');
    const last = text.lastIndexOf('</Stmt>') + '</Stmt>'.length;
    let big = text.slice(0, first);
    for (let copy = 0; copy < 15; copy++) big += text.slice(first, last).replace(/<(AcctSvcrRef|NtryRef)>/g, `<$1>${copy}-`);
    const bigBytes = encode(big + text.slice(last));
    const r = parse(bigBytes);
    expect(r.bankLines.length).toBeGreaterThanOrEqual(10_000);
    expect(r.issues).toEqual([]);
  });
});

describe('camt parsing never throws', () => {
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

  test('on random text built from camt pieces', () => {
    const pieces = fc.constantFrom(
      '<Document>',
      '</Document>',
      '<BkToCstmrStmt>',
      '</BkToCstmrStmt>',
      '<Stmt>',
      '</Stmt>',
      '<Ntry>',
      '</Ntry>',
      '<Amt Ccy="EUR">',
      '</Amt>',
      '<CdtDbtInd>CRDT</CdtDbtInd>',
      '<BookgDt><Dt>2026-01-05</Dt></BookgDt>',
      '<Acct><Id><IBAN>DE1</IBAN></Id></Acct>',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '<?x ?>',
      '&amp;',
      '&#0;',
      '<',
      '>',
      '/>',
      '"',
      '12.5',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 80 }), parts => {
        wellFormed(parseText(parts.join('')));
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
          const bytes = Array.from(bytesOf(name));
          for (const [at, value] of edits) {
            const i = at % bytes.length;
            if (value < 0) bytes.splice(i, 1);
            else bytes[i] = value;
          }
          wellFormed(parse(Uint8Array.from(bytes.slice(0, bytes.length - (cut % 40)))));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('refuses every real file cut before its document element closes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.nat(), (name, at) => {
        const text = textOf(name);
        const r = parseText(text.slice(0, at % text.lastIndexOf('</Document>')));
        expect(errorsOf(r).length).toBeGreaterThan(0);
        wellFormed(r);
      }),
      { numRuns: 300 },
    );
  });
});

describe('camt.052 variants real banks send (issue 15)', () => {
  const file = new URL('../../../test/fixtures/synthetic/camt/camt052-valdt-frdttm-pending.xml', import.meta.url);
  const r = parse(new Uint8Array(readFileSync(file)));

  test('books an entry that has only a value date on that date, with a warning', () => {
    expect(r.bankLines).toEqual<BankLine[]>([
      {
        id: '2026031200042',
        account: 'DE89370400440532013000',
        bookedOn: '2026-03-12',
        valueOn: '2026-03-12',
        amountMinor: 152040,
        currency: 'EUR',
        counterparty: 'PAYONE GmbH',
        description: 'AUSZAHLUNG 2026-03-11 REF 7781',
        line: 21,
      },
    ]);
    expect(r.issues).toContainEqual({
      line: 21,
      field: 'BookgDt',
      severity: 'warning',
      message: 'the booked entry has no booking date; its value date 2026-03-12 is used',
    });
  });

  test('reads the date of a malformed FrDtTm with a warning instead of refusing the file', () => {
    expect(errorsOf(r)).toEqual([]);
    expect(r.periods).toEqual([{ account: 'DE89370400440532013000', from: '2026-03-12', to: '2026-03-12' }]);
    expect(r.issues).toContainEqual({
      line: 12,
      field: 'FrToDt',
      severity: 'warning',
      message: '"2026-03-12T00:00:00.000+0100" in FrToDt/FrDtTm is not an ISO date-time; its date 2026-03-12 is used',
    });
  });

  test('says how many pending entries are left out', () => {
    expect(r.issues).toContainEqual({
      line: 43,
      field: 'Sts',
      severity: 'warning',
      code: 'entries_left_out',
      params: { count: 2, status: 'PDNG' },
      message: '2 entries are left out as pending (Sts PDNG): not booked yet; the first is on this line',
    });
    expect(r.issues).toHaveLength(3);
  });

  test('still refuses a FrDtTm with no date in it', () => {
    const bad = new TextDecoder().decode(readFileSync(file)).replace('2026-03-12T00:00:00.000+0100', 'yesterday');
    expect(errorsOf(parseText(bad))).toEqual([
      { line: 12, field: 'FrToDt', severity: 'error', message: expect.stringContaining('yesterday') },
    ]);
  });
});
