// A small, fixed slice of the mutation campaign (scripts/mutation-campaign.mjs, `npm run campaign`) so CI keeps
// it: one file of each format the fixtures and corpus hold, 8 seeded mutations each (every kind of mutation
// across the formats), read by parseFile. None may throw or leave an unstructured issue, none may read money
// that is not whole minor units, and no file cut short may be read with a value changed and nothing said.
// Hangs: the campaign runs each case in a worker with a hard limit; here the test timeout is the limit.
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseFile } from '../core/import/detect';
import type { ParseResult } from '../core/model/types';
import { MUTATION_NAMES, TRUNCATIONS, inputFiles, judge, makeCase, readInput, rowLinesOf } from './mutation/campaign.mjs';

const REPO = resolve(import.meta.dirname, '..');
const SEED = 1;
const CASES_PER_FILE = 8;

const read = (file: string, bytes: Uint8Array): ParseResult => parseFile(bytes, { fileName: file.split('/').pop()! });

/** The first file (by path) of each format a whole file is read as, with its reading. */
function onePerFormat(): { format: string; file: string; bytes: Uint8Array; whole: ParseResult }[] {
  const seen = new Map<string, { format: string; file: string; bytes: Uint8Array; whole: ParseResult }>();
  for (const file of inputFiles(REPO)) {
    const bytes = readInput(REPO, file);
    const whole = read(file, bytes);
    if (!seen.has(whole.format)) seen.set(whole.format, { format: whole.format, file, bytes, whole });
  }
  return [...seen.values()];
}

const FILES = onePerFormat();

describe('the mutation campaign, a seeded slice', () => {
  test('covers every format and every kind of mutation', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(20);
    const kinds = new Set(
      FILES.flatMap((_, i) => Array.from({ length: CASES_PER_FILE }, (_, j) => MUTATION_NAMES[(2 * j + (i % 2)) % MUTATION_NAMES.length])),
    );
    expect([...kinds].sort()).toEqual([...MUTATION_NAMES].sort());
    expect([...TRUNCATIONS].every(t => MUTATION_NAMES.includes(t))).toBe(true);
  });

  FILES.forEach(({ format, file, bytes, whole }, i) => {
    test(`${format} (${file}): ${CASES_PER_FILE} mutations read or refused with structured issues, no silent change`, () => {
      const bad: unknown[] = [];
      let ran = 0;
      for (let j = 0; j < CASES_PER_FILE; j++) {
        const k = 2 * j + (i % 2);
        const c = makeCase(bytes, file, SEED, k, rowLinesOf(whole));
        if (!c) continue;
        ran++;
        let result: ParseResult | undefined;
        let thrown: string | undefined;
        try {
          result = read(file, c.bytes);
        } catch (err) {
          thrown = String(err);
        }
        const v = judge(whole, result, thrown, c.truncation);
        if (v.unstructured.length || v.invalid.length || v.silentChanges.length) {
          bad.push({
            mutation: c.mutation,
            case: k,
            note: c.note,
            unstructured: v.unstructured,
            invalid: v.invalid,
            silentChanges: v.silentChanges,
          });
        }
      }
      expect(ran).toBeGreaterThan(0);
      expect(bad).toEqual([]);
    }, 60_000);
  });

  test('the judge sees a silent change, an unstructured issue and a loss when they are there', () => {
    // The checks above cannot pass by judging nothing: a hand-made cut that changed a fee and was read silently.
    const row = {
      id: 'T1',
      kind: 'sale',
      at: '2026-01-05T10:00:00',
      grossMinor: 1000,
      feeMinor: 20,
      netMinor: 980,
      currency: 'EUR',
      merchantId: null,
      terminal: null,
      card: null,
      cardType: null,
      payoutId: null,
      settlementDate: null,
      voided: false,
      originalId: null,
      line: 2,
    };
    const whole = { acquirerTxns: [row, { ...row, id: 'T2', line: 3 }], bankLines: [], issues: [] };
    const cut = { acquirerTxns: [{ ...row, feeMinor: 0, netMinor: 1000 }], bankLines: [], issues: [] };
    const v = judge(whole, cut, undefined, true);
    expect(v.silentChanges).toEqual([
      { line: 2, id: 'T1', fields: ['feeMinor', 'netMinor'], note: 'feeMinor: 20 → 0; netMinor: 980 → 1000' },
    ]);
    expect(v.silentLoss).toEqual({ whole: 2, read: 1 });
    // Said with a warning, it is not silent; an issue without a field is unstructured.
    expect(
      judge(
        whole,
        { ...cut, issues: [{ line: 2, field: 'Fee', severity: 'warning', message: 'the file may be cut short' }] },
        undefined,
        true,
      ).silentChanges,
    ).toEqual([]);
    expect(judge(whole, { ...cut, issues: [{ line: 2, field: '', severity: 'error', message: 'x' }] }, undefined, true).outcome).toBe(
      'unstructured',
    );
    expect(judge(whole, undefined, 'TypeError: boom', false).unstructured).toEqual(['parseFile threw: TypeError: boom']);
  });
});
