// Issue 11's measure: on ledgers whose bank statements have gaps (a month left out, the first days cut, lines
// taken out of the middle of a statement), the engine says "cannot see" exactly where the contract says so.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseFile } from '../core/import/detect';
import { reconcile } from '../core/reconcile/engine';
import { gapLedger, generateLedger, loadLedger, type GeneratedLedger, type LedgerOptions } from './support/ledger';
import { scoreReport } from './support/score';

interface GapCase {
  readonly ledger: LedgerOptions;
  readonly gap: readonly string[];
  readonly name: string;
}

const CASES: GapCase[] = [];
for (const scenario of ['cn', 'us', 'eu'] as const) {
  const seed = { cn: 311, us: 312, eu: 313 }[scenario];
  // 春节 2026 falls in February, and year end in a ledger from December: both are dropped or cut around.
  CASES.push({
    name: 'February left out',
    ledger: { scenario, seed, days: 70, txPerDay: 40, start: '2026-01-12' },
    gap: ['--drop-month', '2026-02'],
  });
  CASES.push({
    name: 'the first 8 days cut',
    ledger: { scenario, seed: seed + 10, days: 50, txPerDay: 40, start: '2026-01-19', faults: 'heavy' },
    gap: ['--drop-head-days', '8'],
  });
  CASES.push({
    name: 'December left out',
    ledger: { scenario, seed: seed + 20, days: 55, txPerDay: 30, start: '2026-11-16' },
    gap: ['--drop-month', '2026-12'],
  });
  CASES.push({
    name: 'split only, no gap',
    ledger: { scenario, seed: seed + 30, days: 60, txPerDay: 30, start: '2026-02-02', faults: 'none' },
    gap: [],
  });
}
CASES.push({
  name: 'lines taken from the middle of a statement',
  ledger: { scenario: 'cn', seed: 341, days: 60, txPerDay: 40, start: '2026-03-02' },
  gap: ['--hole', '2026-03-17..2026-03-20'],
});
CASES.push({
  name: 'a month left out and a hole in the next',
  ledger: { scenario: 'cn', seed: 342, days: 90, txPerDay: 30, start: '2026-01-05', faults: 'heavy' },
  gap: ['--drop-month', '2026-02', '--hole', '2026-03-09..2026-03-11'],
});

describe('coverage on gapped ledgers', () => {
  test.each(CASES)('$ledger.scenario ledger from $ledger.start, $name, scores ≥ 0.999 / 0.999 / 0.99', c => {
    const gapped: GeneratedLedger = gapLedger(generateLedger(c.ledger), c.gap);
    const rec = reconcile(loadLedger(gapped));
    const score = scoreReport(gapped.truth, rec.report);
    const detail = JSON.stringify({ kinds: score.kinds, wrong: score.wrongStatus.slice(0, 5) });
    expect(rec.report.asOf).toBe(gapped.truth.asOf);
    expect(score.linkage, detail).toBeGreaterThanOrEqual(0.999);
    expect(score.status, detail).toBeGreaterThanOrEqual(0.999);
    expect(score.alertF1, detail).toBeGreaterThanOrEqual(0.99);
    const truthCoverage = (gapped.truth as unknown as { coverage?: { account: string; covered: string[][]; gaps: string[][] } }).coverage;
    if (truthCoverage) {
      expect(rec.report.coverage.map(({ account, covered, gaps }) => ({ account, covered, gaps }))).toEqual([truthCoverage]);
    }
    const gaps = rec.report.alerts.filter(a => a.kind === 'coverage_gap');
    if (c.gap.length === 0) {
      expect(gaps).toEqual([]);
      if (c.ledger.faults === 'none') expect(rec.report.alerts).toEqual([]);
    } else {
      expect(gaps.length).toBeGreaterThan(0);
      for (const a of gaps)
        expect(a).toMatchObject({ severity: 'warning', code: 'coverage_gap', params: { kind: 'coverage_gap', from: a.from, to: a.to } });
    }
  });
});

describe('a statement with lines taken out never makes a settled transaction missing', () => {
  // One cn ledger; its CCB statement has a running balance (账户余额) and a 合计 footer, the two things that show
  // lines are gone. OFX and camt statements have neither per line, so a line taken out of them cannot be seen:
  // only a whole statement (its declared period) left out can.
  const ledger = generateLedger({ scenario: 'cn', seed: 351, days: 40, txPerDay: 30, start: '2026-03-02' });
  const input = loadLedger(ledger);
  const before = new Map(reconcile(input).report.transactions.map(t => [t.id, t.status]));
  const bankFile = ledger.manifest.files.find(f => f.role === 'bank')!.path;
  const bytes = new Uint8Array(readFileSync(join(ledger.dir, bankFile)));
  const rows = splitCrlf(bytes);
  const firstData = rows.findIndex(r => /^\d{8},/.test(latin1(r)));
  const footer = rows.findIndex((r, k) => k > firstData && !/^\d{8},/.test(latin1(r)) && r.length > 0);
  const dataRows = footer - firstData;

  const check = (keepFooter: boolean) =>
    fc.property(fc.integer({ min: 0, max: dataRows - 2 }), fc.integer({ min: 1, max: 12 }), (start, n) => {
      const from = firstData + start,
        to = Math.min(firstData + start + n, footer - 1); // always keep the last data row
      const kept = [...rows.slice(0, from), ...rows.slice(to, keepFooter ? rows.length : footer)];
      const cut = parseFile(joinCrlf(kept), { fileName: bankFile });
      const removed = rows.slice(from, to).map(r => amountOf(latin1(r)));
      fc.pre(keepFooter || removed.reduce((s, x) => s + x, 0) !== 0); // a zero-sum run without a footer leaves no trace
      const rec = reconcile({ ...input, bankLines: cut.bankLines, periods: cut.periods });
      for (const t of rec.report.transactions) {
        const was = before.get(t.id);
        if ((was === 'settled' || was === 'settled_late') && (t.status === 'missing' || t.status === 'overdue')) {
          throw new Error(`${t.id} was ${was}, is ${t.status} with rows ${from}..${to - 1} taken out`);
        }
      }
    });
  test('with the 合计 footer kept', () => fc.assert(check(true), { numRuns: 15 }));
  test('with the footer gone too (the running balance alone shows the hole)', () => fc.assert(check(false), { numRuns: 15 }));
});

function splitCrlf(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let k = 0; k < bytes.length; k++) {
    if (bytes[k] === 0x0a) {
      out.push(bytes.subarray(start, k + 1));
      start = k + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

function joinCrlf(rows: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(rows.reduce((s, r) => s + r.length, 0));
  let at = 0;
  for (const r of rows) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}

/** The ASCII view of a GBK row (dates, ids and amounts are ASCII). */
function latin1(row: Uint8Array): string {
  return String.fromCharCode(...row);
}

/** The signed amount of a generated CCB row: 收入金额 (credit) less 支出金额 (debit), the 5th and 6th cells. */
function amountOf(row: string): number {
  const cells: string[] = [''];
  let quoted = false;
  for (const ch of row) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) cells.push('');
    else cells[cells.length - 1] += ch;
  }
  const minor = (c: string | undefined) => (c ? Math.round(Number(c.replace(/,/g, '')) * 100) || 0 : 0);
  return minor(cells[4]) - minor(cells[5]);
}
