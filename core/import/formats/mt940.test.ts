import { readFileSync } from 'node:fs';
import { applyLineEdits, lineMutation } from '../../../test/support/mutate';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { entryDate, mt940, parseMt940, readDetails, readMt940, sniffMt940 } from './mt940';
import { parseAmount } from '../../model/money';
import { detectFormat } from '../detect';
import type { BankLine, ParseResult } from '../../model/types';

const DIR = new URL('../../../test/fixtures/real/mt940/', import.meta.url);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, DIR)));
const textOf = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array): ParseResult => parseMt940(bytes, { fileName: 'test.sta' });

/** One transaction of a WoLpH/mt940 expectation, converted from its PyYAML dump by yml2json.py. */
interface Upstream {
  amount: { amount: string; currency: string };
  date: string;
  entry_date?: string | null;
  status: string;
  funds_code: string | null;
  id: string;
  customer_reference: string | null;
  bank_reference: string | null;
  extra_details: string;
  transaction_details?: string;
  applicant_name?: string | null;
  [key: string]: unknown;
}

const upstream = (name: string): Upstream[] =>
  (JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as { transactions: Upstream[] }).transactions;
const minor = (decimal: string): number => {
  const r = parseAmount(decimal, { decimal: '.' });
  if (!r.ok) throw new Error(r.message);
  return r.minor;
};
const entriesOf = (name: string) => readMt940(new TextDecoder().decode(bytesOf(`${name}.sta`))).statements.flatMap(s => s.entries);
const errorsOf = (r: ParseResult) => r.issues.filter(i => i.severity === 'error');

describe('the WoLpH/mt940 fixtures read as upstream expects', () => {
  for (const name of ['abnamro', 'ing', 'rabobank', 'mt942', 'sepa_mt9401']) {
    test(`${name}.sta gives every upstream amount, date, entry date, mark and type code`, () => {
      const result = parse(bytesOf(`${name}.sta`));
      const expected = upstream(name);
      expect(errorsOf(result)).toEqual([]);
      expect(result.bankLines).toHaveLength(expected.length);
      const entries = entriesOf(name);
      expected.forEach((u, i) => {
        const line = result.bankLines[i]!;
        const entry = entries[i]!;
        // Upstream keeps WoLpH's sign for RC (a reversed credit) positive; SWIFT books it as a debit,
        // and the sepa_mt9401 closing balances only add up that way (see the balance test below).
        const sign = u.status === 'RC' ? -1 : 1;
        expect(line.amountMinor).toBe(sign * minor(u.amount.amount));
        expect(line.currency).toBe(u.amount.currency);
        expect(line.valueOn).toBe(u.date);
        expect(line.bookedOn).toBe(u.entry_date ?? u.date);
        expect(entry.mark).toBe(u.status);
        expect(entry.fundsCode).toBe(u.funds_code);
        expect(entry.typeCode).toBe(u.id);
      });
    });
  }

  for (const name of ['abnamro', 'ing', 'rabobank', 'mt942']) {
    test(`${name}.sta gives every upstream customer reference, bank reference and supplementary detail`, () => {
      const entries = entriesOf(name);
      upstream(name).forEach((u, i) => {
        const e = entries[i]!;
        expect(e.customerRef).toBe((u.customer_reference ?? '').trim());
        expect(e.bankRef).toBe(u.bank_reference ?? '');
        expect(e.supplementary).toBe(u.extra_details.trim());
      });
    });
  }

  test('sepa_mt9401.sta splits references at the first // where upstream cut the customer reference at 16 characters', () => {
    const entries = entriesOf('sepa_mt9401');
    upstream('sepa_mt9401').forEach((u, i) => {
      const e = entries[i]!;
      const mine = e.customerRef + (e.bankRef ? `//${e.bankRef}` : '');
      if (u.bank_reference !== null) expect(e.bankRef).toBe(u.bank_reference);
      // Upstream's 16x customer_reference swallowed `NONREF//07247102` and left the rest as extra_details;
      // its SEPA post-processor then replaced or extended customer_reference from `KREF+` in :86:.
      expect(mine.endsWith(u.extra_details)).toBe(true);
      const printed = u.customer_reference?.split('\n')[0];
      if (printed !== undefined && u.bank_reference === null) expect(mine).toBe(printed + u.extra_details);
    });
    expect(entries[7]).toMatchObject({ customerRef: 'NONREF', bankRef: '0724710290621954' });
    expect(entries[8]).toMatchObject({ customerRef: 'KREF+', bankRef: 'BD7CFA74485E7E69' });
  });

  for (const name of ['abnamro', 'rabobank', 'mt942']) {
    test(`${name}.sta gives upstream's :86: text, several lines and several :86: tags joined by line breaks`, () => {
      const result = parse(bytesOf(`${name}.sta`));
      upstream(name).forEach((u, i) => {
        const line = result.bankLines[i]!;
        const withExtra = [u.transaction_details!, u.extra_details.trim()].filter(t => t !== '').join('\n');
        expect(line.description).toBe(withExtra);
      });
    });
  }

  test('ing.sta drops soft hyphens and keeps the statement-level :86: after :62F: off the last line', () => {
    const result = parse(bytesOf('ing.sta'));
    upstream('ing').forEach((u, i) => {
      // Upstream glues the statement's own :86: (and the `-XXX` end marker) onto the last transaction.
      const details = u.transaction_details!.replace('\nD000004C000002D25,24C28,71\n-XXX', '').replace(/\u00ad/g, '');
      expect(result.bankLines[i]!.description).toBe(details);
    });
    expect(result.bankLines[2]!.description).toContain('TRANSACTIENR 0050000534527978 10062010 15:32');
    expect(result.bankLines.every(l => !l.description.includes('\u00ad'))).toBe(true);
  });

  test('sepa_mt9401.sta gives the purpose sub-fields upstream found and the payer name from ?32 and ?33', () => {
    const result = parse(bytesOf('sepa_mt9401.sta'));
    // Upstream trims each 65-column line before joining, losing spaces that belong to a 27-character
    // sub-field (`?33hen Beginn ` + `Fuellzeichen xxx`), so compare without white space.
    const squash = (s: string): string => s.replace(/\s+/g, '');
    const purposeKeys = [
      'end_to_end_reference',
      'purpose',
      'additional_purpose',
      'additional_position_reference',
      'applicant_creditor_id',
      'debitor_identifier',
      'compensation_amount',
      'original_amount',
      'deviate_applicant',
      'deviate_recipient',
    ];
    upstream('sepa_mt9401').forEach((u, i) => {
      const line = result.bankLines[i]!;
      for (const key of purposeKeys) {
        const value = u[key];
        if (typeof value === 'string') expect(squash(line.description)).toContain(squash(value));
      }
      expect(squash(line.counterparty)).toBe(squash(u.applicant_name ?? ''));
    });
    expect(result.bankLines[7]).toMatchObject({
      counterparty: 'Richter Renate 70 Zeichen Beginn Fuellzeichen xxxxxxxx',
      amountMinor: 1500005,
    });
    expect(result.bankLines[8]!.description).toBe(
      'KREF+TFNr 01005 PayId CTSc-01 EBBMTLG:SEPA-Ueberweisungsauftrag Datei mit 0000005 Zahlungen',
    );
    expect(result.bankLines[10]!.counterparty).toBe('Cornelia Prochownik 70 Zeichen Beginn Fuellzeichen xxx');
  });

  test('sepa_mt9401.sta balances: every closing balance is the opening balance plus the lines, reversals included', () => {
    const result = parse(bytesOf('sepa_mt9401.sta'));
    expect(result.issues).toEqual([]);
    expect(result.bankLines[5]).toMatchObject({ amountMinor: -20488, description: '0904059003' });
  });
});

describe('statements, periods and ids', () => {
  test('counts the lines of every statement in each fixture', () => {
    const counts = (name: string): number[] =>
      readMt940(new TextDecoder().decode(bytesOf(`${name}.sta`))).statements.map(s => s.entries.length);
    expect(counts('abnamro')).toEqual([8, 2]);
    expect(counts('ing')).toEqual([7]);
    expect(counts('rabobank')).toEqual([1, 0, 2, 2]);
    expect(counts('mt942')).toEqual([3]);
    expect(counts('sepa_mt9401')).toEqual([7, 2, 5, 3, 5, 1, 4, 4, 8, 3, 6, 6, 6, 3, 1, 5, 5, 2, 1, 3, 4, 7, 3, 1, 1, 1]);
  });

  test('declares each statement period from the opening to the closing balance date, with its balances and number', () => {
    // This anonymised sample's amounts were edited: neither statement adds up, so each period is a hole.
    expect(parse(bytesOf('abnamro.sta')).periods).toEqual([
      {
        account: '517852257',
        from: '2011-05-22',
        to: '2011-05-23',
        openingMinor: 323628,
        closingMinor: 87684,
        sequence: 19321,
        holes: [{ from: '2011-05-22', to: '2011-05-23', reason: 'footer_mismatch', line: 27 }],
      },
      {
        account: '517852257',
        from: '2011-05-23',
        to: '2011-05-24',
        openingMinor: 287684,
        closingMinor: 184975,
        sequence: 19322,
        holes: [{ from: '2011-05-23', to: '2011-05-24', reason: 'footer_mismatch', line: 40 }],
      },
    ]);
    expect(parse(bytesOf('rabobank.sta')).periods.map(p => p.to)).toEqual(['2011-06-15', '2011-06-16', '2011-06-17', '2012-08-29']);
  });

  test('declares an MT942 report as covering up to its :13D: date', () => {
    expect(parse(bytesOf('mt942.sta')).periods).toEqual([
      { account: 'PL29114010810000267002001002', from: null, to: '2017-01-19', sequence: 1 },
    ]);
  });

  test('reads the mBank MT942 line with its bank reference as id and the payer after OD:', () => {
    const [first] = parse(bytesOf('mt942.sta')).bankLines;
    expect(first).toEqual<BankLine>({
      id: 'MB170119012058',
      account: 'PL29114010810000267002001002',
      bookedOn: '2017-01-19',
      valueOn: '2017-01-19',
      amountMinor: 1,
      currency: 'PLN',
      counterparty: 'JAN NOWAK UL. NIJAKA 1 M 2 31-234 KRAKOW',
      description:
        '911 TRANSAKCJA COLLECT; ID IPH: XX000000000001; Z RACH.:\n56114010810000267002001001; OD: JAN NOWAK\n' +
        'UL. NIJAKA 1 M 2 31-234 KRAKOW; TYT.: PRZELEW SRODKOW   ;\nTNR: 179171073864111.010001\n911-TRANSAKCJA IPH',
      line: 7,
    });
  });

  test('builds ids from account, statement and position when there is no bank reference', () => {
    const lines = parse(bytesOf('abnamro.sta')).bankLines;
    expect(lines.map(l => l.id).slice(7, 9)).toEqual([
      'mt940:517852257:19321/1:ABN AMRO BANK NV:8',
      'mt940:517852257:19322/1:ABN AMRO BANK NV:1',
    ]);
    expect(new Set(lines.map(l => l.id)).size).toBe(lines.length);
  });

  test('gives the same ids when the same file is imported again', () => {
    for (const name of ['abnamro', 'ing', 'rabobank', 'mt942', 'sepa_mt9401']) {
      expect(parse(bytesOf(`${name}.sta`)).bankLines.map(l => l.id)).toEqual(parse(bytesOf(`${name}.sta`)).bankLines.map(l => l.id));
    }
  });

  test('keeps ids unique in rabobank.sta although every statement is numbered 00000/00', () => {
    const ids = parse(bytesOf('rabobank.sta')).bankLines.map(l => l.id);
    expect(new Set(ids).size).toBe(5);
  });

  test('does not use a bank reference that appears twice in the file as an id', () => {
    const text = [
      ':20:REF',
      ':25:NL01BANK0123456789',
      ':28C:1/1',
      ':60F:C260301EUR0,',
      ':61:260302C10,NTRFNONREF//SAME',
      ':86:first',
      ':61:260302C5,NTRFNONREF//SAME',
      ':86:second',
      ':61:260302C1,NTRFNONREF//OTHER',
      ':62F:C260302EUR16,',
      '-',
    ].join('\r\n');
    const result = parse(textOf(text));
    expect(result.issues).toEqual([]);
    expect(result.bankLines.map(l => l.id)).toEqual(['mt940:NL01BANK0123456789:1/1:REF:1', 'mt940:NL01BANK0123456789:1/1:REF:2', 'OTHER']);
  });

  test('warns when the closing balance is not the opening balance plus the lines', () => {
    const result = parse(bytesOf('abnamro.sta'));
    expect(result.issues).toMatchObject([
      {
        code: 'closing_balance',
        line: 27,
        field: ':62F:',
        severity: 'warning',
        message: 'closing balance 87684 differs from opening balance 323628 plus the lines (-32144) in minor units',
      },
      {
        code: 'closing_balance',
        line: 40,
        field: ':62F:',
        severity: 'warning',
        message: 'closing balance 184975 differs from opening balance 287684 plus the lines (-2449) in minor units',
      },
    ]);
  });

  test('warns when an MT942 report lists entries of a side with no :90D:/:90C: total: a report cut short', () => {
    const lines = new TextDecoder().decode(bytesOf('mt942.sta')).split('\n');
    // Cut after the second :61: line: that entry has no :86: and the report no totals.
    const at = lines.findIndex(l => l.includes('//MB170119012085'));
    expect(parse(textOf(lines.slice(0, at + 1).join('\n') + '\n')).issues).toMatchObject([
      {
        code: 'sum_missing',
        line: at + 1,
        field: ':90C:',
        severity: 'warning',
        message: 'the report lists 2 credits but no :90C: total of them; the file may be cut short',
      },
    ]);
    expect(parse(bytesOf('mt942.sta')).issues).toEqual([]);
  });

  test('warns when the file ends in the first tags of a statement: cut before its balance, lines and totals', () => {
    const whole = [
      ':20:A',
      ':25:NL01BANK0123456789',
      ':28C:1/1',
      ':60F:C260301EUR0,',
      ':61:260302C10,NTRFNONREF',
      ':86:first',
      ':62F:C260302EUR10,',
      '-',
    ];
    const r = parse(textOf([...whole, ':20:B', ':25:NL01BANK0123456789', ':28C:2/1'].join('\r\n')));
    expect(r.bankLines).toHaveLength(1);
    expect(r.issues).toMatchObject([
      {
        line: 9,
        field: ':60F:',
        severity: 'warning',
        message: 'the statement has no balance, no lines and no totals; the file may be cut short',
      },
    ]);
    expect(parse(textOf(whole.join('\r\n'))).issues).toEqual([]);
  });

  test('warns when the MT942 :90C: totals disagree with the lines', () => {
    const text = new TextDecoder().decode(bytesOf('mt942.sta')).replace(':90C:3PLN0,03', ':90C:4PLN0,04');
    expect(parse(textOf(text)).issues).toMatchObject([
      {
        code: 'sum_mismatch',
        line: 26,
        field: ':90C:',
        severity: 'warning',
        message: 'the report says 4 credits of 4 but lists 3 of 3 (minor units)',
      },
    ]);
  });
});

describe('the :61: statement line', () => {
  const one = (line61: string): ParseResult =>
    parse(textOf([':20:X', ':25:ACC', ':28C:1', ':60F:C261230EUR0,00', `:61:${line61}`, '-'].join('\n')));

  test('books an entry date in January of the next year for a December value date', () => {
    expect(entryDate('2026-12-31', '0102')).toBe('2027-01-02');
    expect(one('2612310102C1,00NTRFNONREF').bankLines[0]).toMatchObject({ valueOn: '2026-12-31', bookedOn: '2027-01-02' });
  });

  test('books an entry date in December of the previous year for a January value date', () => {
    expect(entryDate('2027-01-02', '1231')).toBe('2026-12-31');
  });

  test('finds 29 February in the leap year next to the value date', () => {
    expect(entryDate('2028-03-01', '0229')).toBe('2028-02-29');
    expect(entryDate('2027-03-01', '0229')).toBe('2028-02-29');
  });

  test('reads a zero-padded amount with a trailing decimal comma', () => {
    expect(one('261230D000000000473,NMSCNONREF').bankLines[0]!.amountMinor).toBe(-47300);
  });

  test('reads RD, a reversed debit, as money coming back', () => {
    expect(one('261230RD12,5NTRFNONREF').bankLines[0]!.amountMinor).toBe(1250);
  });

  test('reads a Sparkasse line broken between the mark and the amount', () => {
    const result = parse(textOf([':20:X', ':25:ACC', ':60F:C261230EUR0,00', ':61:2612301230CR', '12,34NTRFNONREF//B1', '-'].join('\n')));
    expect(result.issues.filter(i => i.severity === 'error')).toEqual([]);
    expect(result.bankLines[0]).toMatchObject({ amountMinor: 1234, id: 'B1' });
  });

  test('refuses a malformed statement line naming its line and the :61: tag', () => {
    const result = one('26XX30C1,00NTRFNONREF');
    expect(result.bankLines).toEqual([]);
    expect(errorsOf(result)).toMatchObject([
      {
        code: 'bad_tag_value',
        line: 5,
        field: ':61:',
        severity: 'error',
        message: '"26XX30C1,00NTRFNONREF" is not a statement line (YYMMDD[MMDD] C/D/RC/RD amount Nxxx reference)',
      },
    ]);
  });

  test('refuses an impossible value date and an impossible entry date', () => {
    expect(errorsOf(one('261331C1,00NTRFNONREF'))[0]).toMatchObject({
      line: 5,
      field: ':61:',
      message: 'value date "261331" is not a date (YYMMDD)',
    });
    expect(errorsOf(one('2612301340C1,00NTRFNONREF'))[0]).toMatchObject({
      line: 5,
      field: ':61:',
      message: 'entry date "1340" is not a date (MMDD)',
    });
  });

  test('refuses a line whose statement states no currency', () => {
    const result = parse(textOf([':20:X', ':25:ACC', ':61:261230C1,00NTRFNONREF', '-'].join('\n')));
    expect(errorsOf(result)).toMatchObject([
      {
        code: 'no_currency',
        line: 3,
        field: ':60F:',
        severity: 'error',
        message: 'the statement states no currency (no :60F:, :60M: or :34F: before its lines)',
      },
    ]);
  });

  test('refuses a malformed opening balance and a statement without an account', () => {
    const result = parse(textOf([':20:X', ':60F:C26123EUR0,00', ':62F:C261230EUR0,00', '-'].join('\n')));
    expect(errorsOf(result)).toMatchObject([
      {
        code: 'bad_tag_value',
        line: 2,
        field: ':60F:',
        severity: 'error',
        message: '"C26123EUR0,00" is not an opening balance (C/D YYMMDD currency amount)',
      },
      { code: 'statement_no_account', line: 1, field: ':25:', severity: 'error', message: 'the statement has no account (:25:)' },
    ]);
  });

  test('refuses a statement line after the end of a message and before the next :20:', () => {
    const text = [
      ':20:X',
      ':25:ACC',
      ':60F:C261230EUR0,00',
      ':61:261230C1,00NTRFNONREF',
      ':62F:C261230EUR1,00',
      '-',
      ':61:261230C2,00NTRFNONREF',
    ].join('\n');
    expect(errorsOf(parse(textOf(text)))).toMatchObject([
      {
        code: 'orphan_statement_line',
        line: 7,
        field: ':61:',
        severity: 'error',
        message: 'a statement line outside a statement (no :20: since the last message ended)',
      },
    ]);
  });

  test('reads a message inside a SWIFT FIN envelope', () => {
    const text = [
      '{1:F01BANKDEFFAXXX0000000000}{2:O9401200260302BANKDEFFAXXX00000000002603021200N}{4:',
      ':20:STMT1',
      ':25:DE89370400440532013000',
      ':28C:5/1',
      ':60F:C260301EUR100,00',
      ':61:2603020302C1234,56NTRFPO-4711//BANK0001',
      ':86:STRIPE PAYOUT',
      ':62F:C260302EUR1334,56',
      '-}{5:{CHK:123456789ABC}}',
    ].join('\r\n');
    const result = parse(textOf(text));
    expect(result.issues).toEqual([]);
    expect(result.bankLines).toEqual<BankLine[]>([
      {
        id: 'BANK0001',
        account: 'DE89370400440532013000',
        bookedOn: '2026-03-02',
        valueOn: '2026-03-02',
        amountMinor: 123456,
        currency: 'EUR',
        counterparty: '',
        description: 'STRIPE PAYOUT',
        line: 6,
      },
    ]);
    expect(sniffMt940(text)).toBeGreaterThan(0.9);
  });

  test('refuses a file without any :20: statement', () => {
    expect(errorsOf(parse(textOf('hello\nworld')))).toMatchObject([
      {
        code: 'nothing_found',
        line: 1,
        field: ':20:',
        severity: 'error',
        message: 'no MT940/MT942 statement found (no line starts with :20:)',
      },
    ]);
  });
});

describe('the :86: details', () => {
  test('joins German sub-fields wrapped in the middle of a sub-field number', () => {
    expect(
      readDetails(['191?00SEPA-UEBERW?100399?20KREF+TFNr 01005 PayId CTSc-?2101 EBB?2', '2MTLG:SEPA-Ueberweisungsauft?23rag']),
    ).toEqual({ description: 'KREF+TFNr 01005 PayId CTSc-01 EBBMTLG:SEPA-Ueberweisungsauftrag', counterparty: '' });
  });

  test('takes ?60 to ?63 as more purpose and ?32 with ?33 as the counterparty, skipping ?30, ?31 and ?34', () => {
    expect(
      readDetails(['166?00GUTSCHRIFT?20SVWZ+PAYOUT 4711?30PBNKDEFF?31DE421001?32Stripe Payments Euro?33pe Ltd?34914?60 week 12']),
    ).toEqual({ description: 'SVWZ+PAYOUT 4711 week 12', counterparty: 'Stripe Payments Europe Ltd' });
  });

  test('keeps free text line by line, trimmed at the ends', () => {
    expect(readDetails([' RC AFREKENING   ', 'TWEEDE REGEL  '])).toEqual({ description: 'RC AFREKENING\nTWEEDE REGEL', counterparty: '' });
  });

  test('takes the mBank payee after DO: for an outgoing transfer', () => {
    expect(readDetails(['PRZELEW; DO: SKLEP SP. Z O.O. ', 'WARSZAWA; TYT.: FAKTURA 12'])).toMatchObject({
      counterparty: 'SKLEP SP. Z O.O. WARSZAWA',
    });
  });
});

describe('sniffing', () => {
  test('is the format detection picks for every fixture among all registered formats', () => {
    for (const name of ['abnamro.sta', 'ing.sta', 'rabobank.sta', 'mt942.sta', 'sepa_mt9401.sta'])
      expect(detectFormat(bytesOf(name))?.name).toBe('mt940');
  });

  test('recognises every fixture, header lines and SOH bytes included', () => {
    for (const name of ['abnamro', 'ing', 'rabobank', 'mt942', 'sepa_mt9401']) {
      const bytes = bytesOf(`${name}.sta`);
      expect(mt940.sniff(new TextDecoder().decode(bytes), bytes)).toBeGreaterThan(0.9);
    }
  });

  test('scores other files zero', () => {
    expect(sniffMt940('01,CITIDIRECT,8888888,150716,0713,00131100,,,2/\n02,8888888/')).toBe(0);
    expect(sniffMt940('!Type:Bank\nD01/23/2019\nT-10.00\n^')).toBe(0);
    expect(sniffMt940('Date,Amount\n:20:,x')).toBe(0);
  });
});

describe('robustness', () => {
  const fixtures = ['abnamro', 'ing', 'rabobank', 'mt942', 'sepa_mt9401'].map(n => bytesOf(`${n}.sta`));
  const wellFormed = (r: ParseResult): void => {
    for (const issue of r.issues) {
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.field).toMatch(/^:[0-9A-Z]+:$/);
      expect(issue.message.length).toBeGreaterThan(0);
    }
    for (const l of r.bankLines) {
      expect(Number.isSafeInteger(l.amountMinor)).toBe(true);
      expect(l.bookedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(l.currency).toMatch(/^[A-Z]{3}$/);
    }
  };

  test('random bytes never throw and every issue names a line and a tag', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), bytes => wellFormed(parse(bytes))),
      { numRuns: 300 },
    );
  });

  test('random text made of MT940 pieces never throws', () => {
    const piece = fc.constantFrom(
      ':20:',
      ':25:',
      ':28C:',
      ':60F:',
      ':61:',
      ':86:',
      ':62F:',
      ':34F:',
      ':13D:',
      ':90D:',
      '-',
      '\n',
      '\r\n',
      '?20',
      '?32',
      'C',
      'D',
      'RC',
      'EUR',
      '0,',
      '12,34',
      '2612310102',
      'NTRF',
      '//',
      'NONREF',
      '\u0001',
      '\u0003',
      '\u00ad',
      ' ',
      '9',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), parts => wellFormed(parse(textOf(parts.join(''))))),
      { numRuns: 300 },
    );
  });

  test('real files with bytes changed, lines dropped or doubled never throw', () => {
    fc.assert(
      fc.property(lineMutation(fixtures.length, 8), ({ file, edits }) => {
        wellFormed(parse(textOf(applyLineEdits(fixtures[file]!, edits))));
      }),
      { numRuns: 300 },
    );
  });
});

describe('variants real banks print (issue 15)', () => {
  const SYNTHETIC = new URL('../../../test/fixtures/synthetic/mt940/', import.meta.url);
  const synthetic = (name: string): ParseResult => parse(new Uint8Array(readFileSync(new URL(name, SYNTHETIC))));
  const total = (r: ParseResult): number => r.bankLines.reduce((s, l) => s + l.amountMinor, 0);

  test('reads type codes padded with spaces (NOV , S   ) and :61: lines with no type code at all', () => {
    const r = synthetic('padded-type-codes.sta');
    expect(r.issues).toEqual([]);
    expect(r.bankLines.map(l => [l.id, l.amountMinor])).toEqual([
      ['OV260302A', -2500],
      ['mt940:NL20INGB0001234567:00012:STARTUMS:2', 25050],
      ['BANKREF3', 10000],
      ['mt940:NL20INGB0001234567:00012:STARTUMS:4', -525],
    ]);
    const entries = readMt940(new TextDecoder().decode(readFileSync(new URL('padded-type-codes.sta', SYNTHETIC)))).statements[0]!.entries;
    expect(entries.map(e => e.typeCode)).toEqual(['NOV', 'S', '', '']);
    expect(entries[1]!.customerRef).toBe('103PAYOUT-8812');
  });

  test('reads old Rabobank amounts and balances written with a decimal point', () => {
    const r = synthetic('rabobank-old-decimal-point.sta');
    expect(r.issues).toEqual([]);
    expect(r.bankLines.map(l => [l.account, l.currency, l.amountMinor])).toEqual([
      ['0123456789', 'EUR', 15025],
      ['0123456789', 'EUR', -2000],
    ]);
  });

  test('keeps a line of only "-" inside :86: as text when the message goes on, and still ends messages with it', () => {
    const r = synthetic('dash-inside-86.sta');
    expect(r.issues).toEqual([]);
    expect(r.bankLines.map(l => [l.id, l.amountMinor, l.description])).toEqual([
      ['B1', 50000, 'Auszahlung Batch 7731\n-\nEnde Verwendungszweck'],
      ['B2', -2000, 'Gebuehr'],
      ['B3', 100, 'Zins'],
    ]);
    expect(r.periods.map(p => p.to)).toEqual(['2026-04-01', '2026-04-02']);
  });

  test('splits the currency off :25: (IBAN EUR, IBANEUR) and reads it when no balance names one', () => {
    const r = synthetic('structured-86.sta');
    expect(new Set(r.bankLines.map(l => l.account))).toEqual(new Set(['NL91ABNA0417164300']));
    const text = [':20:X', ':25:NL69INGB0123456789EUR', ':28C:1', ':61:260302C10,NTRFNONREF//R1', '-'].join('\r\n');
    const noBalance = parse(textOf(text));
    expect(noBalance.bankLines.map(l => [l.account, l.currency, l.amountMinor])).toEqual([['NL69INGB0123456789', 'EUR', 1000]]);
  });

  test('reads structured Dutch :86: (NAME, BENM//NAME, ORDP//NAME, CNTP) into counterparty and REMI into the description', () => {
    const r = synthetic('structured-86.sta');
    expect(r.issues).toEqual([]);
    expect(total(r)).toBe(119806);
    expect(r.bankLines.map(l => [l.counterparty, l.description])).toEqual([
      ['ACME PAYMENTS BV', 'UITBETALING PO-20260414-0031 EREF/PO-20260414-0031'],
      ['Verhuur Janssen', 'Huur april'],
      ['J. de Vries', 'Retour'],
      ['ING Bank N.V.', 'Kosten zakelijk'],
    ]);
  });
});

describe('dates and balances WoLpH mt940 reads (issue 15)', () => {
  test('reads a 30 February value date (30/360 interest dating) as the last day of February, with a warning', () => {
    const text = [':20:X', ':25:DE1', ':28C:1', ':60F:C160229EUR10,00', ':61:1602300301DR6,00N024NONREF', ':62F:C160301EUR4,00', '-'].join(
      '\r\n',
    );
    const r = parse(textOf(text));
    expect(r.bankLines.map(l => [l.valueOn, l.bookedOn, l.amountMinor])).toEqual([['2016-02-29', '2016-03-01', -600]]);
    expect(r.issues).toMatchObject([
      {
        code: 'date_clamped',
        line: 5,
        field: ':61:',
        severity: 'warning',
        message: 'value date "160230" is past the end of its month (30/360 interest dating); read as 2016-02-29',
      },
    ]);
    expect(errorsOf(parse(textOf(text.replace('1602300301', '1613300301'))))).toHaveLength(1);
  });

  test("reads a balance without its currency in the statement's currency, with a warning", () => {
    const text = [':20:X', ':25:DE1', ':28C:1', ':60F:C020315DEM0,00', ':61:020322CM20000,00NCHG', ':62M:C02031520000,00', '-'].join(
      '\r\n',
    );
    const r = parse(textOf(text));
    expect(errorsOf(r)).toEqual([]);
    expect(r.issues).toMatchObject([
      {
        code: 'balance_currency_assumed',
        line: 6,
        field: ':62M:',
        severity: 'warning',
        message: "the balance names no currency; read in DEM, the statement's",
      },
    ]);
  });
});
