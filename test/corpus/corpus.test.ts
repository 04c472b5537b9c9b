import { existsSync, readFileSync } from 'node:fs';
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
  /**
   * false: the file's licence (GPL, AGPL, none) keeps it out of this repository; only its expectation is here. Its
   * local copy, test/corpus/local/<file>, is checked when present (tools/local-copies.py makes it from a clone).
   */
  readonly committed?: false;
}

const manifest = JSON.parse(readFileSync(new URL('manifest.json', import.meta.url), 'utf8')) as { files: CorpusEntry[] };
const PERMISSIVE = ['MIT', 'BSD-3-Clause', 'Apache-2.0', 'ISC', 'BSD-2-Clause'];
const urlOf = (e: CorpusEntry): URL => new URL(`${e.committed === false ? 'local' : 'files'}/${e.file}`, import.meta.url);
const bytesOf = (e: CorpusEntry): Uint8Array => new Uint8Array(readFileSync(urlOf(e)));
/** How to get the local copy of an uncommitted file, in the name of the test skipped without it. */
const fetchHint = (repo: string): string =>
  `local copy absent: git clone https://github.com/${repo} CLONE_DIR, then python3 test/corpus/tools/local-copies.py ${repo}=CLONE_DIR`;

/** Sums per currency, in a stable key order, so that two readings compare with toEqual. */
function sums(pairs: readonly (readonly [string, number])[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [currency, minor] of [...pairs].sort((a, b) => a[0].localeCompare(b[0]))) out[currency] = (out[currency] ?? 0) + minor;
  return out;
}

describe('the real-file corpus reads as its source projects expect (issue 15)', () => {
  test('every committed entry names a permissive licence, every entry a pinned commit', () => {
    for (const e of manifest.files) {
      if (e.committed !== false) expect(PERMISSIVE, e.file).toContain(e.source.license);
      expect(e.source.commit, e.file).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  test('no file of an uncommitted entry is among the committed ones', () => {
    const stray = manifest.files.filter(e => e.committed === false && existsSync(new URL(`files/${e.file}`, import.meta.url)));
    expect(stray.map(e => e.file)).toEqual([]);
  });

  for (const e of manifest.files) {
    const absent = e.committed === false && !existsSync(urlOf(e));
    const run = absent ? test.skip : test;
    const note = absent ? ` [${fetchHint(e.source.repo)}]` : '';
    if (e.refused) {
      run(`${e.file}: refused as ${e.format}, naming line and field (${e.expected})${note}`, () => {
        const r = parseFile(bytesOf(e), { fileName: e.file });
        expect(r.format).toBe(e.format);
        const errors = r.issues.filter(i => i.severity === 'error');
        expect(errors.length).toBeGreaterThan(0);
        for (const i of errors) expect(i.line >= 1 && i.field !== '' && i.message !== '', JSON.stringify(i)).toBe(true);
      });
      continue;
    }
    run(`${e.file}: ${e.rows} rows as ${e.format}, signed sum ${JSON.stringify(e.sumMinor)}${note}`, () => {
      const r = parseFile(bytesOf(e), { fileName: e.file });
      expect(r.issues.filter(i => i.severity === 'error')).toEqual([]);
      expect(r.format).toBe(e.format);
      expect(r.bankLines.length + r.acquirerTxns.length).toBe(e.rows);
      const read = sums([...r.bankLines.map(l => [l.currency, l.amountMinor] as const), ...r.acquirerTxns.map(t => [t.currency, t.netMinor] as const)]);
      expect(read).toEqual(sums(Object.entries(e.sumMinor)));
    });
  }
});
