import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import type { Cell } from './cell';
import { parseA1, readXlsx } from './xlsx';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/real/zettle/${name}`, import.meta.url)));

function sheetsOf(bytes: Uint8Array) {
  const result = readXlsx(bytes);
  if (!result.ok) throw new Error(result.message);
  return result.sheets;
}

const minor = (c: Cell | undefined): number => Math.round((c?.number ?? Number.NaN) * 100);

/** A minimal workbook zip with the given parts (paths relative to the zip root). */
function workbook(parts: Record<string, string>): Uint8Array {
  const base: Record<string, string> = {
    '_rels/.rels':
      '<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<workbook xmlns:r="r"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/></Relationships>',
  };
  const files: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries({ ...base, ...parts })) files[k] = strToU8(v);
  return zipSync(files);
}

describe('readXlsx on the Zettle account statement', () => {
  const [sheet] = sheetsOf(fixture('Zettle-Account-Statement-Report-20230901-20250903.xlsx'));

  test('reads the one sheet with all 4060 rows despite the zip data descriptors', () => {
    expect(sheet!.name).toBe('Sheet0');
    expect(sheet!.rows).toHaveLength(4060);
    expect(sheet!.rows[0]!.map(c => c.text)).toEqual(['Afregningsdato', 'Betalingsdato', 'Reference', 'Type', 'Netto', 'Saldo']);
  });

  test('keeps settlement dates as Excel serials marked as dates, and shows them as the file formats them', () => {
    const first = sheet!.rows[1]!;
    expect(first[0]).toEqual({ text: '01.08.2025', number: 45870.46357706018, isDate: true });
    expect(first[1]!.text).toBe('');
    expect(first[3]!.text).toBe('Udbetaling til bankkonto');
    expect(first[4]).toEqual({ text: '-4049.27', number: -4049.27, isDate: false });
    const last = sheet!.rows[4059]!;
    expect(last.map(c => c.text)).toEqual(['01.09.2023', '', '', 'Bonus fra betalingsgebyr', '2930.4', '2930.4']);
  });

  test('has 16 payouts totalling -534,082.83 and nets to zero over the whole statement', () => {
    const data = sheet!.rows.slice(1);
    const payouts = data.filter(r => r[3]!.text === 'Udbetaling til bankkonto');
    expect(payouts).toHaveLength(16);
    expect(payouts.reduce((s, r) => s + minor(r[4]), 0)).toBe(-53_408_283);
    expect(data.reduce((s, r) => s + minor(r[4]), 0)).toBe(0);
  });
});

describe('readXlsx on the Zettle receipts report', () => {
  const [sheet] = sheetsOf(fixture('Zettle-Receipts-Report-20210101-20210910.xlsx'));

  test('puts every cell at its spreadsheet row, keeping the 15 preamble rows and the header on row 17', () => {
    expect(sheet!.rows).toHaveLength(26);
    expect(sheet!.rows[1]![0]!.text).toBe('Transaktionsrapport');
    expect(sheet!.rows[3]![2]!.text).toBe('01.01.2021 - 10.09.2021');
    expect(sheet!.rows[16]!.map(c => c.text).slice(0, 7)).toEqual([
      'Dato',
      'Tid',
      'Kvitteringsnummer',
      'Moms (25.0%)',
      'Total',
      'Afgift',
      'Netto',
    ]);
  });

  test('renders the kr. money format and the dotted date and time formats, keeping the raw numbers', () => {
    const row = sheet!.rows[17]!;
    expect(row.slice(0, 7).map(c => c.text)).toEqual(['13.08.2021', '00.47.48', '4618', '2.00 kr.', '10.00 kr.', '0.28 kr.', '9.72 kr.']);
    expect(row[1]).toMatchObject({ number: 44421.0331978472, isDate: true });
    expect(sheet!.rows[19]![4]).toEqual({ text: '1,665.00 kr.', number: 1665, isDate: false });
  });
});

describe('readXlsx on hand-built workbooks', () => {
  test('joins rich-text runs, leaves out phonetic guides and decodes entities and _x000D_ escapes', () => {
    const bytes = workbook({
      'xl/sharedStrings.xml':
        '<sst><si><r><t>对方</t></r><r><t xml:space="preserve">户名 </t></r><rPh><t>たいほう</t></rPh></si><si><t>A&amp;B_x000D_C&#x4E2D;</t></si></sst>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><t>inline</t></is></c><c t="b"><v>1</v></c><c t="str"><v>formula text</v></c><c t="s"></c><c r="I2" t="s"/></row></sheetData></worksheet>',
    });
    const [sheet] = sheetsOf(bytes);
    expect(sheet!.name).toBe('Data');
    expect(sheet!.rows[0]).toEqual([]);
    expect(sheet!.rows[1]!.map(c => c.text)).toEqual(['', '对方户名 ', 'A&B\rC中', 'inline', 'TRUE', 'formula text']);
  });

  test('applies custom and built-in number formats and the 1904 date system', () => {
    const bytes = workbook({
      'xl/workbook.xml': '<workbook xmlns:r="r"><workbookPr date1904="1"/><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
      'xl/styles.xml':
        '<styleSheet><numFmts count="1"><numFmt numFmtId="170" formatCode="yyyy/mm/dd hh:mm:ss"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="4"/><xf numFmtId="170"/></cellXfs></styleSheet>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row><c s="1"><v>-1234567.891</v></c><c s="2"><v>0.5</v></c><c><v>1E-3</v></c></row></sheetData></worksheet>',
    });
    const [sheet] = sheetsOf(bytes);
    expect(sheet!.rows[0]).toEqual([
      { text: '-1,234,567.89', number: -1234567.891, isDate: false },
      { text: '1904/01/01 12:00:00', number: 0.5, isDate: true },
      { text: '0.001', number: 0.001, isDate: false },
    ]);
  });

  test('refuses a zip without a workbook part, naming the part it looked for', () => {
    const bytes = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    expect(readXlsx(bytes)).toMatchObject({
      ok: false,
      problem: { code: 'workbook_unreadable', params: { reason: 'no_workbook_part', detail: 'xl/workbook.xml' } },
      message: 'the zip has no workbook part (xl/workbook.xml); it is not an Excel .xlsx file',
    });
  });

  test('refuses a truncated zip with a message instead of throwing', () => {
    const bytes = fixture('Zettle-Receipts-Report-20210101-20210910.xlsx').slice(0, 3000);
    const result = readXlsx(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/zip container is damaged/);
  });
});

describe('parseA1', () => {
  test('reads column letters and row digits into 0-based indexes', () => {
    expect(parseA1('A1')).toEqual({ row: 0, col: 0 });
    expect(parseA1('$AB$12')).toEqual({ row: 11, col: 27 });
    expect(parseA1('XFD1048576')).toEqual({ row: 1048575, col: 16383 });
    expect(parseA1('1A')).toBeNull();
  });
});
