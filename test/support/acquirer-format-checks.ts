import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Format, ParseResult } from '../../core/model/types';

/** The bytes of a fixture under test/fixtures (tests never read /work/shared). */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url))));
}

/** UTF-8 bytes of a text, for files written inline in a test. */
export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Row count and money totals of a result, for exact-value assertions. */
export function totals(result: ParseResult): { count: number; gross: number; fee: number; net: number } {
  const t = result.acquirerTxns;
  return {
    count: t.length,
    gross: t.reduce((s, x) => s + x.grossMinor, 0),
    fee: t.reduce((s, x) => s + x.feeMinor, 0),
    net: t.reduce((s, x) => s + x.netMinor, 0),
  };
}

/** The errors of a result (warnings left out). */
export function errors(result: ParseResult): ParseResult['issues'] {
  return result.issues.filter(i => i.severity === 'error');
}

function checkShape(result: ParseResult): void {
  for (const issue of result.issues) {
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.field.length).toBeGreaterThan(0);
    expect(issue.message.length).toBeGreaterThan(0);
  }
  if (errors(result).length > 0) expect(result.acquirerTxns).toEqual([]);
  for (const t of result.acquirerTxns) {
    for (const m of [t.grossMinor, t.feeMinor, t.netMinor]) { expect(Number.isSafeInteger(m)).toBe(true); expect(Object.is(m, -0)).toBe(false); }
    expect(t.currency).toMatch(/^[A-Z]{3}$/);
    expect(t.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$/);
  }
}

/** Property: random bytes never make the format throw, and whatever it says names a line and a field. */
export function checkRandomBytes(format: Format): void {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), bytes => {
    format.sniff(new TextDecoder().decode(bytes), bytes);
    checkShape(format.parse(bytes, { fileName: 'random.bin' }));
  }), { numRuns: 200 });
}

/**
 * Property: a valid file with one data line mutated (characters replaced, cut or a cell added)
 * never makes the format throw; every issue names a line and a field, and a refused file keeps no rows.
 */
export function checkMutatedRows(format: Format, text: string, firstDataLine: number, encode: (s: string) => Uint8Array = bytesOf): void {
  const lines = text.split('\n');
  const dataLines = lines.length - firstDataLine;
  fc.assert(fc.property(
    fc.integer({ min: 0, max: Math.max(0, dataLines - 1) }),
    fc.integer({ min: 0, max: 400 }),
    fc.string({ maxLength: 6 }),
    fc.constantFrom('replace', 'cut', 'insert', 'comma'),
    (k, at, junk, how) => {
      const copy = [...lines];
      const i = Math.min(lines.length - 1, firstDataLine - 1 + k);
      const line = copy[i]!;
      const p = at % (line.length + 1);
      copy[i] = how === 'replace' ? line.slice(0, p) + junk + line.slice(p + junk.length)
        : how === 'cut' ? line.slice(0, p)
        : how === 'insert' ? line.slice(0, p) + junk + line.slice(p)
        : line + ',' + junk;
      checkShape(format.parse(encode(copy.join('\n')), { fileName: 'mutated.csv' }));
    },
  ), { numRuns: 300 });
}
