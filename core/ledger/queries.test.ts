import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { seeded as random } from '../../test/support/random';
import type { Config } from '../config/types';
import { validateConfig } from '../config/validate';
import { openLedgerDb } from '../db/db';
import type { StoredBankLine, StoredTxn } from '../db/schema';
import { parseFile } from '../import/detect';
import type { StatementPeriod } from '../model/types';
import { STATUSES, type Decision, type Reconciliation } from '../reconcile/types';
import { DerivedLedger } from './derived-store';
import { createLedgerHandlers, unwrap, type ImportSource } from './index';
import type { KeptRows } from './kept-rows';
import { adoptOrder, keptOrder, queryHandlers, sortHits, txnMatcher, type QueryIndex } from './queries';
import { importHandlers } from './imports';
import { LedgerState } from './state';
import { compareTxns } from './txn-order';
import { BANK_SORTS, TXN_SORTS, type Page, type BankQuery, type TxnQuery, type TxnRow, type TxnTotals } from './types';
import { reconIndexesOf } from '../../test/support/recon-indexes';

const GEN = fileURLToPath(new URL('../../test/tools/gen-ledger.mjs', import.meta.url));

interface Generated {
  readonly dir: string;
  readonly files: { path: string; role: string; acquirer?: string }[];
}

function generate(seed: number, days: number, perDay: number): Generated {
  const dir = mkdtempSync(join(tmpdir(), 'settlewatch-queries-'));
  const run = spawnSync(
    process.execPath,
    [GEN, '--scenario', 'cn', '--seed', String(seed), '--days', String(days), '--tx-per-day', String(perDay), '--out', dir],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Generated['files'] };
  return { dir, files: manifest.files };
}

function generated(seed: number): ImportSource[] {
  const { dir, files } = generate(seed, 20, 25);
  return files
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

  test.each([
    ['small integers', (r: () => number) => Math.floor(r() * 7)],
    ['negative and positive amounts', (r: () => number) => Math.floor((r() - 0.5) * 2e6)],
    ['amounts too far apart to pack', (r: () => number) => (r() < 0.1 ? 2 ** 51 : Math.floor(r() * 100))],
    ['fractions', (r: () => number) => Math.floor(r() * 20) / 4],
    ['references, nearly all distinct', (r: () => number) => `R${Math.floor(r() * 1e6)}`],
    ['strings', (r: () => number) => ['', 'refund', 'sale', 'Sale', 'void', '2026-01-0' + Math.floor(r() * 9)][Math.floor(r() * 6)]!],
  ] as const)('sorts %s as a stable comparison sort does, both ways', (_, draw) => {
    const r = random(99);
    const hits = Int32Array.from({ length: 3000 }, (_, k) => 2 * k + 1);
    const keyOf = new Map<number, number | string>(Array.from(hits, h => [h, draw(r)]));
    const key = (i: number) => keyOf.get(i)!;
    for (const desc of [false, true]) {
      const dir = desc ? -1 : 1;
      const want = [...hits].sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : a - b));
      expect([...sortHits(hits, key, desc)]).toEqual(want);
    }
  });
});

/**
 * What queries.ts reads of a ledger held in memory, reconciled as LedgerState.recompute does (no database):
 * the rows and lines grow by appending, a reload replaces the lists.
 */
class Held {
  recon: Reconciliation | null = null;
  index: QueryIndex | null = null;
  keptRows: KeptRows | null = null;
  revision = 0;
  derived = new DerivedLedger();
  txns: StoredTxn[] = [];
  bankLines: StoredBankLine[] = [];
  decisions: Decision[] = [];
  asOf: string | null = null;
  private loads = 1;

  constructor(
    readonly config: Config,
    readonly periods: readonly StatementPeriod[],
  ) {}

  async init(): Promise<void> {}

  recompute(): void {
    this.revision++;
    this.index = null;
    this.recon = this.derived.refresh({
      config: this.config,
      txns: this.txns,
      bankLines: this.bankLines,
      periods: this.periods,
      decisions: this.decisions,
      loaded: this.loads,
      asOf: this.asOf,
      today: '2026-12-31',
    });
  }

  /** The rows read again: new lists, so nothing kept fits them. */
  reload(): void {
    this.loads++;
    this.txns = [...this.txns];
    this.bankLines = [...this.bankLines];
  }

  /** The same ledger and reconciliation with nothing of the tables kept. */
  fresh(): Held {
    const copy = Object.assign(Object.create(Held.prototype) as Held, this);
    copy.index = null;
    copy.keptRows = null;
    return copy;
  }

  get queries() {
    const h = queryHandlers(this as unknown as LedgerState);
    return {
      txns: async (q: TxnQuery) => unwrap(await h.queryTxns(q)),
      lines: async (q: BankQuery) => unwrap(await h.queryBankLines(q)),
    };
  }
}

const ALL = 1_000_000;

/** A few table queries drawn at random over what is held: filters, sorts, ranges and pages. */
function someQueries(r: () => number, held: Held): TxnQuery[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const days = [...new Set(held.txns.map(t => t.at.slice(0, 10)))].sort();
  const out: TxnQuery[] = [{ offset: 0, limit: ALL }];
  for (let k = 0; k < 10; k++) {
    const q: { -readonly [K in keyof TxnQuery]: TxnQuery[K] } = { offset: 0, limit: ALL };
    if (r() < 0.4) q.status = pick(STATUSES);
    if (r() < 0.3 && days.length) {
      const a = pick(days);
      const b = pick(days);
      if (r() < 0.8) q.from = a < b ? a : b;
      if (r() < 0.8) q.to = a < b ? b : a;
    }
    if (r() < 0.2) q.acquirer = pick(['lakala', 'chinaums', 'elsewhere']);
    if (r() < 0.2 && held.txns.length) {
      const t = pick(held.txns);
      q.search = pick([t.id.slice(2, 7), String(t.grossMinor / 100), t.card?.slice(-4) ?? '', t.terminal ?? '']);
    }
    if (r() < 0.6) q.sort = { by: pick(TXN_SORTS), desc: r() < 0.5 };
    if (r() < 0.3) {
      q.offset = Math.floor(r() * 200);
      q.limit = 1 + Math.floor(r() * 60);
    }
    out.push(q);
  }
  return out;
}

/** The fields of a stored row a table row shows as they are. */
const SHOWN = ['acquirer', 'id', 'kind', 'at', 'grossMinor', 'feeMinor', 'netMinor', 'currency', 'terminal', 'card', 'line'] as const;

/** Every row as the table shows it, from the engine's report lines, in a stable sort by printed time and reference. */
function reference(held: Held): TxnRow[] {
  const rows = held.recon ? held.derived.rows : held.txns;
  const places = reconIndexesOf(held.derived.rows, held.config);
  const recon = held.recon;
  return Array.from(rows.keys())
    .sort((a, b) => compareTxns(rows[a]!, rows[b]!))
    .map(k => {
      const t = rows[k]!;
      const g = recon ? places[k]! : -1;
      const r = g >= 0 ? recon!.transactionAt(g) : null;
      const bi = g >= 0 ? recon!.batchIndexOf(g) : -1;
      const shown = Object.fromEntries(SHOWN.map(f => [f, t[f]])) as Pick<StoredTxn, (typeof SHOWN)[number]>;
      return {
        ...shown,
        status: r?.status ?? null,
        expectedOn: r?.expectedOn ?? null,
        bankLineIds: r?.bankLineIds ?? [],
        batchId: bi >= 0 ? recon!.batches[bi]!.id : null,
      };
    });
}

/** A page of the table as the contract reads: filter the rows in time order, sum them, sort stably (ties in time order). */
function referencePage(all: readonly TxnRow[], q: TxnQuery, revision: number): Page<TxnRow, TxnTotals> {
  const match = txnMatcher((q.search ?? '').trim().toLowerCase());
  const hits = all.filter(
    t =>
      (!q.status || t.status === q.status) &&
      (!q.acquirer || t.acquirer === q.acquirer) &&
      (!q.from || t.at.slice(0, 10) >= q.from) &&
      (!q.to || t.at.slice(0, 10) <= q.to) &&
      (!match || match(t as unknown as StoredTxn)),
  );
  const sums = new Map<string, TxnTotals>();
  for (const t of hits) {
    const s = sums.get(t.currency) ?? { currency: t.currency, rows: 0, grossMinor: 0, feeMinor: 0, netMinor: 0 };
    sums.set(t.currency, {
      ...s,
      rows: s.rows + 1,
      grossMinor: s.grossMinor + t.grossMinor,
      feeMinor: s.feeMinor + t.feeMinor,
      netMinor: s.netMinor + t.netMinor,
    });
  }
  const by = q.sort?.by ?? 'at';
  const key = (t: TxnRow, i: number): number | string =>
    by === 'at'
      ? i
      : by === 'status'
        ? t.status === null
          ? 255
          : STATUSES.indexOf(t.status)
        : by === 'net'
          ? t.netMinor
          : by === 'gross'
            ? t.grossMinor
            : by === 'fee'
              ? t.feeMinor
              : by === 'expectedOn'
                ? (t.expectedOn ?? '')
                : (t[by] ?? '');
  const dir = q.sort?.desc ? -1 : 1;
  const keyed = hits.map((t, i) => ({ t, k: key(t, i), i }));
  keyed.sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : a.i - b.i));
  return {
    total: hits.length,
    offset: q.offset,
    rows: keyed.slice(q.offset, q.offset + q.limit).map(x => x.t),
    revision,
    totals: [...sums.values()].sort((a, b) => b.rows - a.rows || a.currency.localeCompare(b.currency)),
  };
}

describe('the tables’ index kept across recomputes', () => {
  let config: Config;
  let periods: StatementPeriod[];
  let rows: StoredTxn[];
  let lines: StoredBankLine[];
  beforeAll(() => {
    const { dir, files } = generate(17, 16, 30);
    const checked = validateConfig(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    config = checked.config;
    rows = [];
    lines = [];
    periods = [];
    for (const f of files) {
      if (f.role !== 'acquirer' && f.role !== 'bank') continue;
      const parsed = parseFile(new Uint8Array(readFileSync(join(dir, f.path))), { fileName: f.path });
      for (const t of parsed.acquirerTxns) rows.push({ ...t, acquirer: f.acquirer!, fileHash: f.path });
      for (const l of parsed.bankLines) lines.push({ ...l, fileHash: f.path });
      periods.push(...parsed.periods);
    }
    // Rows the order must tell apart by more than the second: another reference in the same second, the same
    // reference and time at another acquirer, a profile the config does not know, and a zone printed otherwise.
    const extra: StoredTxn[] = [];
    rows.forEach((t, k) => {
      if (k % 7 === 0) extra.push({ ...t, id: `${t.id}9` });
      if (k % 11 === 0) extra.push({ ...t, acquirer: t.acquirer === 'lakala' ? 'chinaums' : 'lakala' });
      if (k % 13 === 0) extra.push({ ...t, acquirer: 'elsewhere' });
      if (k % 17 === 0) extra.push({ ...t, id: `${t.id}Z`, at: `${t.at.slice(0, 19)}Z` });
    });
    rows.push(...extra);
  });

  test.each([1, 2, 3, 4, 5, 6])(
    'after imports (earlier rows too), decisions, date moves and reloads, every query equals an index built from scratch (seed %i)',
    async seed => {
      const r = random(seed);
      // The rows come in chunks drawn across the whole period, so a later import holds rows older than those held.
      const chunks: StoredTxn[][] = [[], [], [], [], []];
      for (const t of rows) chunks[Math.floor(r() * chunks.length)]!.push(t);
      const lineChunks: StoredBankLine[][] = [[], [], []];
      for (const l of lines) lineChunks[Math.floor(r() * lineChunks.length)]!.push(l);
      const held = new Held(config, periods);
      let at = 0;
      let appended = 0;
      const steps = [...chunks.map(c => () => held.txns.push(...c)), ...lineChunks.map(c => () => held.bankLines.push(...c))];
      for (let step = 0; steps.length || step < 12; step++) {
        const roll = r();
        if (steps.length && roll < 0.5) steps.splice(Math.floor(r() * steps.length), 1)[0]!();
        else if (roll < 0.65 && held.recon?.report.alerts.length) {
          const alert = held.recon.report.alerts[Math.floor(r() * held.recon.report.alerts.length)]!;
          held.decisions.push({
            kind: 'dismiss_alert',
            alertId: alert.id,
            reason: 'checked',
            at: `2026-12-01T00:00:${String(at++).padStart(2, '0')}Z`,
          });
        } else if (roll < 0.8 && held.recon?.links.length) {
          const link = held.recon.links[Math.floor(r() * held.recon.links.length)]!;
          held.decisions.push({ kind: 'unlink', bankLineId: link.bankLineId, at: `2026-12-01T00:00:${String(at++).padStart(2, '0')}Z` });
        } else if (roll < 0.9) held.asOf = r() < 0.3 ? null : `2026-01-${String(5 + Math.floor(r() * 20)).padStart(2, '0')}`;
        else held.reload();
        held.recompute();
        if (held.derived.last === 'appended') appended++;

        const fresh = held.fresh();
        const all = reference(held);
        // Ask the kept index first, then one built from nothing, the same queries in turn; both say what the contract reads.
        for (const q of someQueries(r, held)) {
          const page = await held.queries.txns(q);
          expect(page, JSON.stringify(q)).toEqual(await fresh.queries.txns(q));
          expect(page, JSON.stringify(q)).toEqual(referencePage(all, q, held.revision));
        }
        const bank: BankQuery = { offset: 0, limit: ALL, sort: { by: BANK_SORTS[Math.floor(r() * BANK_SORTS.length)]!, desc: r() < 0.5 } };
        expect(await held.queries.lines(bank)).toEqual(await fresh.queries.lines(bank));
      }
      expect(held.txns.length).toBe(rows.length);
      expect(appended).toBeGreaterThan(3);
    },
  );

  test('an order kept by one worker is taken by another for the same rows, and one that does not fit is dropped', async () => {
    const held = new Held(config, periods);
    held.txns.push(...rows.slice(0, 600));
    held.bankLines.push(...lines);
    held.recompute();
    expect(keptOrder(held as unknown as LedgerState)).toBeNull();
    await held.queries.txns({ offset: 0, limit: 10 });
    held.txns.push(...rows.slice(600));
    held.recompute();
    const order = keptOrder(held as unknown as LedgerState)!;
    expect(order.length).toBe(rows.length);

    const q: TxnQuery = { offset: 0, limit: ALL, sort: { by: 'status', desc: true } };
    const taken = held.fresh();
    adoptOrder(taken as unknown as LedgerState, order);
    expect(keptOrder(taken as unknown as LedgerState)).toBe(order);
    expect(await taken.queries.txns(q)).toEqual(await held.queries.txns(q));

    // Too short, or a row twice and one missing (whether it is in the tables' order is the image's to vouch for: its code and stamp).
    for (const bad of [order.subarray(1), order.map((v, k) => (k === 1 ? order[0]! : v))]) {
      const other = held.fresh();
      adoptOrder(other as unknown as LedgerState, bad);
      expect(keptOrder(other as unknown as LedgerState)).toBeNull();
      expect(await other.queries.txns(q)).toEqual(await held.queries.txns(q));
    }
    // After a reload the rows are other lists: the order kept for the old ones is not offered.
    held.reload();
    held.recompute();
    expect(keptOrder(held as unknown as LedgerState)).toBeNull();
  });
});

describe('the order a worker keeps', () => {
  test('follows appends and is let go when the rows are read again, so the old rows are not held', async () => {
    const store = new LedgerState(openLedgerDb(`queries-kept-${Date.now()}`), {
      today: () => '2026-11-26',
      now: () => new Date().toISOString(),
    });
    const files = generated(12);
    const acquirer = files.filter(f => !f.name.startsWith('lakala'));
    unwrap(await importHandlers(store).importFiles(acquirer));
    const q = queryHandlers(store);
    const before = unwrap(await q.queryTxns({ offset: 0, limit: ALL }));
    const kept = store.keptRows;
    expect(kept).not.toBeNull();
    unwrap(await importHandlers(store).importFiles(files.filter(f => f.name.startsWith('lakala'))));
    expect(store.derived.last).toBe('appended');
    const after = unwrap(await q.queryTxns({ offset: 0, limit: ALL }));
    expect(store.keptRows).toBe(kept);
    expect(after.total).toBeGreaterThan(before.total);
    expect(after.rows.map(r => r.at)).toEqual(after.rows.map(r => r.at).sort());

    await store.reload();
    await store.recompute();
    expect(store.keptRows).toBeNull();
    expect(unwrap(await q.queryTxns({ offset: 0, limit: ALL }))).toEqual({ ...after, revision: store.revision });
  });
});
