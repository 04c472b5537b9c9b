import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { openLedgerDb } from '../db/db';
import { createLedgerHandlers, unwrap, type ImportSource } from './index';
import { sortHits } from './queries';
import type { TxnRow } from './types';

const GEN = fileURLToPath(new URL('../../test/tools/gen-ledger.mjs', import.meta.url));

function generated(seed: number): ImportSource[] {
  const dir = mkdtempSync(join(tmpdir(), 'settlewatch-queries-'));
  const run = spawnSync(
    process.execPath,
    [GEN, '--scenario', 'cn', '--seed', String(seed), '--days', '20', '--tx-per-day', '25', '--out', dir],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; role: string }[] };
  return manifest.files
    .filter(f => ['config', 'acquirer', 'bank'].includes(f.role))
    .map(f => ({ name: f.path, data: new Uint8Array(readFileSync(join(dir, f.path))) }));
}

const sum = (rows: readonly TxnRow[], field: 'grossMinor' | 'feeMinor' | 'netMinor') => rows.reduce((s, r) => s + r[field], 0);

describe('the tables’ queries', () => {
  let h: ReturnType<typeof createLedgerHandlers>;
  beforeAll(async () => {
    h = createLedgerHandlers(openLedgerDb(`queries-test-${Date.now()}`), {
      today: () => '2026-11-26',
      now: () => new Date().toISOString(),
    });
    unwrap(await h.importFiles(generated(11)));
  });
  const txns = async (q: Parameters<typeof h.queryTxns>[0]) => unwrap(await h.queryTxns(q));
  const lines = async (q: Parameters<typeof h.queryBankLines>[0]) => unwrap(await h.queryBankLines(q));

  test('sorts transactions by net, both ways, and keeps the totals of what the filter finds', async () => {
    const all = await txns({ offset: 0, limit: 1_000_000 });
    const up = await txns({ sort: { by: 'net', desc: false }, offset: 0, limit: 1_000_000 });
    const down = await txns({ sort: { by: 'net', desc: true }, offset: 0, limit: 1_000_000 });
    const nets = all.rows.map(r => r.netMinor).sort((a, b) => a - b);
    expect(up.rows.map(r => r.netMinor)).toEqual(nets);
    expect(down.rows.map(r => r.netMinor)).toEqual([...nets].reverse());
    expect(up.totals).toEqual(all.totals);
    expect(all.totals).toEqual([
      {
        currency: 'CNY',
        rows: all.total,
        grossMinor: sum(all.rows, 'grossMinor'),
        feeMinor: sum(all.rows, 'feeMinor'),
        netMinor: sum(all.rows, 'netMinor'),
      },
    ]);
  });

  test('a page of a sorted order is that slice of the order', async () => {
    const whole = await txns({ sort: { by: 'fee', desc: true }, offset: 0, limit: 1_000_000 });
    const slice = await txns({ sort: { by: 'fee', desc: true }, offset: 37, limit: 20 });
    expect(slice.rows.map(r => r.id)).toEqual(whole.rows.slice(37, 57).map(r => r.id));
  });

  test('a date range keeps the transactions of those local days, and their totals', async () => {
    const all = await txns({ offset: 0, limit: 1_000_000 });
    const days = [...new Set(all.rows.map(r => r.at.slice(0, 10)))].sort();
    const from = days[3]!;
    const to = days[6]!;
    const ranged = await txns({ from, to, offset: 0, limit: 1_000_000 });
    const want = all.rows.filter(r => r.at.slice(0, 10) >= from && r.at.slice(0, 10) <= to);
    expect(ranged.rows.map(r => r.id)).toEqual(want.map(r => r.id));
    expect(ranged.totals[0]).toMatchObject({ rows: want.length, netMinor: sum(want, 'netMinor'), grossMinor: sum(want, 'grossMinor') });
    expect(ranged.total).toBeLessThan(all.total);
  });

  test('sorts by status in the contract’s order and filters by status and date together', async () => {
    const missing = await txns({ status: 'missing', offset: 0, limit: 1_000_000 });
    expect(missing.rows.every(r => r.status === 'missing')).toBe(true);
    const byStatus = await txns({ sort: { by: 'status', desc: false }, offset: 0, limit: 1_000_000 });
    expect(byStatus.rows[0]!.status).toBe('settled');
  });

  test('bank lines: unlinked credits only, sorted by amount, with credits and debits summed apart', async () => {
    const all = await lines({ offset: 0, limit: 1_000_000 });
    const credits = await lines({ linked: 'unlinked_credits', sort: { by: 'amount', desc: true }, offset: 0, limit: 1_000_000 });
    expect(credits.rows.every(l => l.amountMinor > 0 && l.linkedBatchIds.length === 0)).toBe(true);
    expect(credits.rows.map(l => l.amountMinor)).toEqual(credits.rows.map(l => l.amountMinor).sort((a, b) => b - a));
    const t = all.totals[0]!;
    expect(t.creditMinor).toBe(all.rows.filter(l => l.amountMinor > 0).reduce((s, l) => s + l.amountMinor, 0));
    expect(t.debitMinor).toBe(all.rows.filter(l => l.amountMinor < 0).reduce((s, l) => s + l.amountMinor, 0));
    const day = all.rows[Math.floor(all.rows.length / 2)]!.bookedOn;
    const oneDay = await lines({ from: day, to: day, offset: 0, limit: 1_000_000 });
    expect(oneDay.rows.map(l => l.id)).toEqual(all.rows.filter(l => l.bookedOn === day).map(l => l.id));
  });

  test('an unlinked credit opens as a case offering the batches it could pay, and a link far off asks first', async () => {
    const credits = await lines({ linked: 'unlinked_credits', offset: 0, limit: 1_000_000 });
    const credit = credits.rows.find(l => l.acquirer !== null) ?? credits.rows[0]!;
    const detail = unwrap(await h.lineDetail(credit.id))!;
    expect(detail.bankLines.map(l => l.id)).toEqual([credit.id]);
    expect(detail.candidateBatches.length).toBeGreaterThan(0);
    // The first credit of the ledger, against a batch of its last sales: booked before those sales.
    const first = await lines({ linked: 'linked', offset: 0, limit: 1 });
    const lastTxn = (await txns({ sort: { by: 'at', desc: true }, offset: 0, limit: 50 })).rows.find(r => r.batchId)!;
    const doubts = unwrap(await h.checkLink(first.rows[0]!.id, [lastTxn.batchId!]));
    expect(doubts.map(d => d.code)).toEqual(['before_sales']);
    // Its own batches raise no doubt.
    expect(unwrap(await h.checkLink(first.rows[0]!.id, [...first.rows[0]!.linkedBatchIds]))).toEqual([]);
    expect(unwrap(await h.lineDetail('no such line'))).toBeNull();
  });
});

describe('sortHits', () => {
  test('keeps the date order of equal keys in both directions', () => {
    const hits = Int32Array.from([2, 5, 7, 9]);
    const key = (i: number) => (i === 5 || i === 9 ? 1 : 0);
    expect([...sortHits(hits, key, false)]).toEqual([2, 7, 5, 9]);
    expect([...sortHits(hits, key, true)]).toEqual([5, 9, 2, 7]);
  });
});
