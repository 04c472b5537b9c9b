import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseFile } from '../../core/import/detect';

/** One corpus file and what its source project's own tests say it holds. */
interface CorpusEntry {
  readonly file: string;
  readonly format: string;
  readonly rows: number;
  /** Signed sum of the bank lines' amounts (or the acquirer rows' net) in minor units, per currency. */
  readonly sumMinor: Readonly<Record<string, number>>;
  readonly source: { readonly repo: string; readonly path: string; readonly commit: string; readonly license: string };
  /** Where the expectation comes from, in the source project. */
  readonly expected: string;
  /** The file is to be refused whole (a bad transaction, or a card or investment statement), with the reason named. */
  readonly refused?: boolean;
}

const manifest = JSON.parse(readFileSync(new URL('manifest.json', import.meta.url), 'utf8')) as { files: CorpusEntry[] };
const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(new URL(`files/${file}`, import.meta.url)));

/** Sums per currency, in a stable key order, so that two readings compare with toEqual. */
function sums(pairs: readonly (readonly [string, number])[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [currency, minor] of [...pairs].sort((a, b) => a[0].localeCompare(b[0]))) out[currency] = (out[currency] ?? 0) + minor;
  return out;
}

describe('the real-file corpus reads as its source projects expect (issue 15)', () => {
  test('every entry names a permissive licence and a pinned commit', () => {
    for (const e of manifest.files) {
      expect(['MIT', 'BSD-3-Clause', 'Apache-2.0', 'ISC', 'BSD-2-Clause'], e.file).toContain(e.source.license);
      expect(e.source.commit, e.file).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  for (const e of manifest.files) {
    if (e.refused) {
      test(`${e.file}: refused as ${e.format}, naming line and field (${e.expected})`, () => {
        const r = parseFile(bytesOf(e.file), { fileName: e.file });
        expect(r.format).toBe(e.format);
        const errors = r.issues.filter(i => i.severity === 'error');
        expect(errors.length).toBeGreaterThan(0);
        for (const i of errors) expect(i.line >= 1 && i.field !== '' && i.message !== '', JSON.stringify(i)).toBe(true);
      });
      continue;
    }
    test(`${e.file}: ${e.rows} rows as ${e.format}, signed sum ${JSON.stringify(e.sumMinor)}`, () => {
      const r = parseFile(bytesOf(e.file), { fileName: e.file });
      expect(r.issues.filter(i => i.severity === 'error')).toEqual([]);
      expect(r.format).toBe(e.format);
      expect(r.bankLines.length + r.acquirerTxns.length).toBe(e.rows);
      const read = sums([...r.bankLines.map(l => [l.currency, l.amountMinor] as const), ...r.acquirerTxns.map(t => [t.currency, t.netMinor] as const)]);
      expect(read).toEqual(sums(Object.entries(e.sumMinor)));
    });
  }
});
