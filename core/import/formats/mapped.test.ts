import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { detectFormat, formatNames } from '../detect';
import { guessMapping, parseWithProfile } from '../mapping/index';
import { mapped, mappedFormat } from './mapped';
import type { ParseResult } from '../../model/types';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url)));
const REAL = [
  fixture('real/western-bank-csv/bank.csv'),
  fixture('real/western-bank-csv/example-hsbchk-debit-records.csv'),
  fixture('synthetic/mapped/td-debit-credit.csv'),
  fixture('synthetic/mapped/bmo-preamble.csv'),
  fixture('synthetic/mapped/acquirer-de.csv'),
  fixture('real/zettle/Zettle-Receipts-Report-20210101-20210910.xlsx'),
];

const wellFormed = (r: ParseResult): boolean =>
  r.issues.every(i => Number.isInteger(i.line) && i.line >= 1 && i.field.length > 0 && i.message.length > 0) &&
  r.bankLines.every(l => Number.isSafeInteger(l.amountMinor) && /^\d{4}-\d{2}-\d{2}$/.test(l.bookedOn)) &&
  r.acquirerTxns.every(t => Number.isSafeInteger(t.netMinor) && t.grossMinor - t.feeMinor === t.netMinor);

describe('the mapped format', () => {
  test('is listed by formatNames but never chosen by detection', () => {
    expect(formatNames()).toContain('mapped');
    expect(mapped.sniff('', new Uint8Array())).toBe(0);
    expect(detectFormat(fixture('real/western-bank-csv/bank.csv'))?.name).not.toBe('mapped');
  });

  test('reads a file with a confirmed profile, taking its role from the profile', () => {
    const bytes = fixture('synthetic/mapped/acquirer-de.csv');
    const format = mappedFormat({ ...guessMapping(bytes, 'acquirer'), defaultCurrency: 'EUR' });
    expect(format.role).toBe('acquirer');
    const r = format.parse(bytes, { fileName: 'umsatz.csv' });
    expect(r.acquirerTxns.map(t => t.netMinor)).toEqual([2_455, 117_840, -2_500, -117_840]);
  });

  test('as the registered fallback, refuses a file whose currency it cannot know rather than guessing one', () => {
    const r = mapped.parse(fixture('real/western-bank-csv/bank.csv'), { fileName: 'bank.csv' });
    expect(r.issues).toMatchObject([
      {
        code: 'mapping_no_currency',
        line: 1,
        field: '(mapping)',
        severity: 'error',
        message: 'the file names no currency; choose one in the mapping',
      },
    ]);
  });

  test('as the registered fallback, reads a file that names its currency', () => {
    const r = mapped.parse(fixture('real/western-bank-csv/example-hsbchk-debit-records.csv'), { fileName: 'hsbc.csv' });
    expect(r.issues.filter(i => i.severity === 'error')).toEqual([]);
    expect(r.bankLines).toHaveLength(10);
  });
});

describe('robustness', () => {
  test('guessing and parsing never throw on random text', () => {
    const text = fc.array(
      fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('01/02/2026', '-9.200,00', '1,234.50', 'EUR', '', '"a,b"', '"')), {
        maxLength: 7,
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(text, fc.constantFrom(',', ';', '\t'), fc.constantFrom('bank' as const, 'acquirer' as const), (rows, d, role) => {
        const bytes = new TextEncoder().encode(rows.map(r => r.join(d)).join('\r\n'));
        const p = guessMapping(bytes, role, { defaultCurrency: 'EUR' });
        return wellFormed(parseWithProfile(bytes, p, { fileName: 'x.csv' }));
      }),
      { numRuns: 300 },
    );
  });

  test('guessing and parsing never throw on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('bank' as const, 'acquirer' as const), (bytes, role) => {
        const p = guessMapping(bytes, role, { defaultCurrency: 'EUR' });
        return wellFormed(parseWithProfile(bytes, p, { fileName: 'x.csv' })) && wellFormed(mapped.parse(bytes, { fileName: 'x.csv' }));
      }),
      { numRuns: 300 },
    );
  });

  test('a profile guessed from a real file never throws on a mutated copy of it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REAL),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        (original, edits, cut) => {
          const p = guessMapping(original, 'bank', { defaultCurrency: 'EUR' });
          const bytes = original.slice(0, cut % (original.length + 1) || original.length);
          for (const [at, v] of edits) if (bytes.length) bytes[at % bytes.length] = v;
          return (
            wellFormed(parseWithProfile(bytes, p, { fileName: 'x' })) &&
            wellFormed(parseWithProfile(bytes, guessMapping(bytes, 'acquirer', { defaultCurrency: 'EUR' }), { fileName: 'x' }))
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
