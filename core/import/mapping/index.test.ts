import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { findProfile, guessMapping, profileKey, type MappingProfile } from './index';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const DANISH = fixture('real/western-bank-csv/bank.csv');
const HSBC = fixture('real/western-bank-csv/example-hsbchk-debit-records.csv');
const TD = fixture('synthetic/mapped/td-debit-credit.csv');

describe('profileKey', () => {
  test('is the normalized header, or the column count of a headerless file', () => {
    expect(profileKey(HSBC)).toBe('date|description|billingamount|billingcurrency|balance|balancecurrency');
    expect(profileKey(DANISH)).toBe('#cols:6');
    expect(profileKey(fixture('synthetic/mapped/bmo-preamble.csv'))).toBe(
      'firstbankcard|transactiontype|dateposted|transactionamount|description',
    );
    expect(profileKey(utf8('no table here'))).toBeNull();
  });
});

describe('findProfile', () => {
  const saved: MappingProfile[] = [
    { ...guessMapping(DANISH, 'bank', { defaultCurrency: 'DKK' }), id: 'danske', name: 'Danske Bank' },
    { ...guessMapping(HSBC, 'bank'), id: 'hsbc', name: 'HSBC HK' },
    { ...guessMapping(TD, 'bank', { defaultCurrency: 'CAD' }), id: 'td', name: 'TD chequing' },
  ];

  test('reuses a saved profile for a later export with the same header', () => {
    const later = utf8(
      'Date,Description,Billing amount,Billing currency,Balance,Balance currency\n01/04/2025,X,"-2.00"\t,HKD,"1.00"\t,HKD\n',
    );
    expect(findProfile(later, saved)?.id).toBe('hsbc');
  });

  test('reuses a headerless profile only when the delimiter matches and the rows read without errors', () => {
    expect(findProfile(DANISH, saved)?.id).toBe('danske');
    expect(findProfile(TD, saved)?.id).toBe('td');
    // Six ";" columns, but the fourth is not an amount: not the Danish layout.
    expect(findProfile(utf8('04/09/2023;a;b;not money;x;\n05/09/2023;a;b;nope;x;\n'), saved)).toBeNull();
  });

  test('reuses a headerless profile for a workbook too', () => {
    const row = (r: number, date: number, text: string, amount: number): string =>
      `<row r="${r}"><c r="A${r}" s="1"><v>${date}</v></c><c r="B${r}" t="inlineStr"><is><t>${text}</t></is></c><c r="C${r}"><v>${amount}</v></c></row>`;
    const sheet = (rows: string): Uint8Array =>
      zipSync(
        {
          'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'),
          'xl/_rels/workbook.xml.rels': strToU8(
            '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/styles" Target="styles.xml"/></Relationships>',
          ),
          'xl/styles.xml': strToU8('<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'),
          'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${rows}</sheetData></worksheet>`),
        },
        { level: 0 },
      );
    const first = sheet(row(1, 45870, 'payout', 120.5) + row(2, 45871, 'fee', -1.25));
    const p = { ...guessMapping(first, 'bank', { defaultCurrency: 'EUR' }), id: 'xlsx-bank' };
    expect(p).toMatchObject({ headerKey: '#cols:3', delimiter: '', columns: { date: 0, amount: 2, description: 1 } });
    // Stored uncompressed and longer than 16 KB: a workbook must be tried whole, not cut like a text file.
    const later = sheet(Array.from({ length: 300 }, (_, i) => row(i + 1, 45900 + i, 'payout', 99 + i)).join(''));
    expect(later.length).toBeGreaterThan(16 * 1024);
    expect(findProfile(later, [...saved, p])?.id).toBe('xlsx-bank');
  });

  test('finds nothing for a header no profile was saved for', () => {
    expect(findProfile(utf8('When,What,How much\n01/01/2026,x,1.00\n'), saved)).toBeNull();
  });
});
