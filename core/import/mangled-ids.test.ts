import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { isExcelMangledId, warnMangledIds } from './mangled-ids';
import { parseFile } from './detect';
import { parseWithProfile } from './mapping/parse';
import { guessMapping } from './mapping/guess';

const file = new URL('../../test/fixtures/synthetic/cn-bank/excel-mangled-ids.csv', import.meta.url);

describe('ids Excel rewrote in scientific notation (issue 15)', () => {
  test('knows the shapes Excel writes, and not real ids', () => {
    for (const id of ['4.00123E+27', '1.2302025304E+022', '4E+15', '4,00123E+27', '4.00123e+27#2'])
      expect(isExcelMangledId(id), id).toBe(true);
    for (const id of ['2026030400017', 'E2E-4.1E+3', 'po_1E+5', '4.00123E', '']) expect(isExcelMangledId(id), id).toBe(false);
  });

  test('keeps the lines but warns once, naming the first line and the field, that such ids cannot be matched', () => {
    const r = parseFile(new Uint8Array(readFileSync(file)), { fileName: 'statement.csv' });
    expect(r.format).toBe('cn-bank-csv');
    expect(r.bankLines.map(l => l.id)).toEqual(['4.00123E+27', '4.00123E+27#2', '2026030400017']);
    expect(r.issues.filter(i => i.field === 'id')).toEqual([
      {
        line: 2,
        field: 'id',
        severity: 'warning',
        code: 'excel_mangled_ids',
        params: { count: 2, field: 'id', example: '4.00123E+27' },
        message:
          '2 ids in id are in Excel\'s scientific notation ("4.00123E+27", first on this line): Excel cut them to a few digits, so they cannot be matched; export the file again without saving it from Excel',
      },
    ]);
  });

  test('warns through a column mapping too, and never twice for a result already checked', () => {
    const bytes = new TextEncoder().encode('Date,Amount,Reference\n2026-03-02,10.00,7.1E+19\n2026-03-03,5.00,A-1\n');
    const profile = guessMapping(bytes, 'bank');
    const r = parseWithProfile(bytes, { ...profile, defaultCurrency: 'EUR' }, { fileName: 'x.csv' });
    expect(r.bankLines.map(l => l.id)).toEqual(['7.1E+19', 'A-1']);
    expect(r.issues.filter(i => i.message.includes('scientific notation')).map(i => [i.line, i.field])).toEqual([[2, 'id']]);
    expect(warnMangledIds(r)).toBe(r);
  });
});
