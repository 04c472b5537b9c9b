// Removing a file when another file read some of the same rows: the shared rows were stored once, with the
// file imported first; the later file keeps only their keys. Removal takes exactly the rows no file left in
// the ledger brought, and undo gives back the state before, whatever the order of removals and undos.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { openLedgerDb, REPEATS_CHUNK, type LedgerDb } from '../db/db';
import { loadLedger } from '../db/repo';
import { ofxCredits } from '../../test/support/ofx';
import { createLedgerHandlers, unwrap, type ImportSource } from './index';

const enc = (s: string) => new TextEncoder().encode(s);
const CONFIG = {
  schema: 'settlewatch.config/1',
  graceBusinessDays: 2,
  lateToleranceBusinessDays: 0,
  duplicateWindowMinutes: 10,
  calendars: [],
  acquirers: [
    {
      id: 'stripe-us',
      name: 'Stripe',
      format: 'stripe-itemized',
      merchantIds: [],
      currency: 'USD',
      timezone: 'America/New_York',
      calendar: 'US',
      settlementLagBusinessDays: 2,
      bankCounterparties: ['STRIPE'],
    },
  ],
};
const STRIPE_HEADER =
  'reporting_category,balance_transaction_id,gross,fee,net,currency,created_utc,created,automatic_payout_id,automatic_payout_effective_at,charge_id,source_id,card_funding,description';

/** A Stripe itemized export of the charges numbered `rows` (the same number is the same charge in every file). */
function stripe(rows: readonly number[], tag = ''): ImportSource {
  const lines = rows.map(n => {
    const cents = 1000 + n;
    const day = String(2 + (n % 20)).padStart(2, '0');
    const id = `ch_${String(n).padStart(6, '0')}`;
    return `charge,txn_${n},${(cents / 100).toFixed(2)},0.30,${((cents - 30) / 100).toFixed(2)},USD,2026-03-${day} 14:05:00,2026-03-${day} 09:05:00,po_1,2026-03-25 00:00:00,${id},${id},credit,sale ${n}`;
  });
  return { name: `stripe-${rows.join('-')}${tag}.csv`, data: enc([STRIPE_HEADER, ...lines, ''].join('\n')) };
}

/** An OFX statement of one account with the lines numbered `rows` (FITID L + the number), over the days of its lines. */
function ofx(rows: readonly number[]): ImportSource {
  const day = (n: number) => `202603${String(2 + (n % 20)).padStart(2, '0')}`;
  const days = rows.map(day).sort();
  const credits = rows.map(n => ({ fitid: `L${n}`, posted: day(n), amount: (100 + n).toFixed(2), name: `PAYER ${n}` }));
  return { name: `bank-${rows.join('-')}.ofx`, data: enc(ofxCredits('5550001', credits, [days[0]!, days[days.length - 1]!])) };
}

let n = 0;
function fresh(scryptWorkFactor?: number) {
  const db = openLedgerDb(`files-shared-${++n}-${Date.now()}`);
  let tick = 0;
  // A clock that moves a millisecond per reading: import order is never a tie.
  const clock = { today: () => '2026-03-30', now: () => new Date(Date.UTC(2026, 2, 30) + tick++).toISOString() };
  return { db, h: createLedgerHandlers(db, clock, { scryptWorkFactor }) };
}

/** The rows the database holds for the ledger (as a second worker would read them): charge numbers and line numbers. */
async function held(db: LedgerDb): Promise<{ txns: number[]; lines: number[] }> {
  const c = await loadLedger(db);
  return {
    txns: c.txns.map(t => Number(/(\d+)$/.exec(t.id)![1])).sort((a, b) => a - b),
    lines: c.bankLines.map(b => Number(b.id.replace(/^L/, ''))).sort((a, b) => a - b),
  };
}

const union = (...sets: (readonly number[])[]) => [...new Set(sets.flat())].sort((a, b) => a - b);
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

async function importOne(h: ReturnType<typeof fresh>['h'], f: ImportSource) {
  const [o] = unwrap(await h.importFiles([f]));
  return o!;
}

describe('removing a file another file overlaps', () => {
  test('keeps the rows the later file also read, reports new rows as before, and undo restores exactly', async () => {
    const { h, db } = fresh();
    unwrap(await h.importFiles([{ name: 'config.json', data: enc(JSON.stringify(CONFIG)) }]));
    const A = range(1, 10);
    const B = range(6, 15);
    const a = await importOne(h, stripe(A));
    const b = await importOne(h, stripe(B));
    expect(a).toMatchObject({ status: 'stored', rows: 10, newRows: 10 });
    expect(b).toMatchObject({ status: 'stored', rows: 10, newRows: 5 });
    // B stored only its 5 new rows; the 5 it shares with A are kept as keys.
    const chunks = await db.rowChunks.where('fileHash').equals(b.hash).toArray();
    expect(chunks.flatMap(c => c.txns).length).toBe(5);
    expect(chunks.find(c => c.chunk === REPEATS_CHUNK)?.repeated?.txns).toHaveLength(5);

    unwrap(await h.removeFile(a.hash));
    expect((await held(db)).txns).toEqual(B);
    expect(unwrap(await h.init()).transactionCount).toBe(B.length);
    unwrap(await h.restoreFile(a.hash));
    expect((await held(db)).txns).toEqual(union(A, B));

    // B first, then A: nothing left; undo in either order brings back what each brought.
    unwrap(await h.removeFile(b.hash));
    expect((await held(db)).txns).toEqual(A);
    unwrap(await h.removeFile(a.hash));
    expect((await held(db)).txns).toEqual([]);
    unwrap(await h.restoreFile(b.hash));
    expect((await held(db)).txns).toEqual(B);
    expect(unwrap(await h.init()).transactionCount).toBe(B.length);
    unwrap(await h.restoreFile(a.hash));
    expect((await held(db)).txns).toEqual(union(A, B));

    // A removed, undone, removed again; then its undo dismissed: the shared rows move to B's chunks for good.
    unwrap(await h.removeFile(a.hash));
    unwrap(await h.restoreFile(a.hash));
    unwrap(await h.removeFile(a.hash));
    expect(unwrap(await h.forgetRemovedFile(a.hash))).toBe(1);
    expect((await held(db)).txns).toEqual(B);
    const moved = await db.rowChunks.where('fileHash').equals(b.hash).toArray();
    expect(moved.flatMap(c => c.txns).length).toBe(10);
    expect(moved.find(c => c.chunk === REPEATS_CHUNK)?.repeated?.txns).toEqual([]);
    // A again: it now repeats what B holds, and brings back only its own rows.
    const again = await importOne(h, stripe(A));
    expect(again).toMatchObject({ status: 'stored', newRows: 5 });
    unwrap(await h.removeFile(b.hash));
    expect((await held(db)).txns).toEqual(A);
  });

  test('bank statements that overlap: removing the first keeps the lines the second also printed', async () => {
    const { h, db } = fresh();
    const a = await importOne(h, ofx(range(1, 6)));
    const b = await importOne(h, ofx(range(4, 9)));
    expect(b).toMatchObject({ status: 'stored', newRows: 3 });
    unwrap(await h.removeFile(a.hash));
    expect((await held(db)).lines).toEqual(range(4, 9));
    unwrap(await h.forgetRemovedFile(a.hash));
    expect((await held(db)).lines).toEqual(range(4, 9));
    unwrap(await h.removeFile(b.hash));
    expect((await held(db)).lines).toEqual([]);
  });

  test('a captured page that repeats an export: removing the export keeps the rows the page showed', async () => {
    const { h, db } = fresh();
    unwrap(await h.importFiles([{ name: 'config.json', data: enc(JSON.stringify(CONFIG)) }]));
    const e = await importOne(h, stripe(range(1, 5)));
    // The page shows charges 4 to 7 as the export reads them: 4 and 5 are known, 6 and 7 new.
    const rows = range(4, 7).map(n => {
      const cents = 1000 + n;
      const day = String(2 + (n % 20)).padStart(2, '0');
      return [`2026-03-${day} 09:05:00`, (cents / 100).toFixed(2), '0.30', ((cents - 30) / 100).toFixed(2), `txn_${n}`];
    });
    const page = unwrap(
      await h.importCapture({
        portal: 'stripe',
        page: 'Payments',
        headers: ['Created', 'Amount', 'Fee', 'Net', 'ID'],
        rows,
        firstLine: 1,
        currency: 'USD',
        owner: { by: 'pick', acquirer: 'stripe-us' },
      }),
    );
    expect(page.outcome).toMatchObject({ stored: 2, known: 2, conflicts: 0 });
    expect((await held(db)).txns).toEqual(range(1, 7));
    unwrap(await h.removeFile(e.hash));
    expect((await held(db)).txns).toEqual(range(4, 7));
    unwrap(await h.restoreFile(e.hash));
    expect((await held(db)).txns).toEqual(range(1, 7));
    unwrap(await h.removeFile(page.file!));
    expect((await held(db)).txns).toEqual(range(1, 5));
    unwrap(await h.restoreFile(page.file!));
    unwrap(await h.removeFile(e.hash));
    unwrap(await h.forgetRemovedFile(e.hash));
    expect((await held(db)).txns).toEqual(range(4, 7));
  });

  test('a file stored before the key lists (none recorded) is taken to have repeated the rows of earlier files over its dates', async () => {
    const { h, db } = fresh();
    unwrap(await h.importFiles([{ name: 'config.json', data: enc(JSON.stringify(CONFIG)) }]));
    // Charge n is dated March 2 + n: A covers the 3rd to the 7th, B the 5th to the 9th.
    const a = await importOne(h, stripe(range(1, 5)));
    const b = await importOne(h, stripe([3, 4, 6, 7]));
    const bank1 = await importOne(h, ofx(range(1, 4)));
    await importOne(h, ofx(range(3, 6)));
    // As an older version wrote them: no record of repeated keys.
    for (const f of await db.files.toArray()) await db.rowChunks.delete([f.hash, REPEATS_CHUNK]);
    const old = createLedgerHandlers(db, { today: () => '2026-03-30', now: () => '2026-03-30T01:00:00.000Z' });
    expect(unwrap(await old.init()).transactionCount).toBe(7);
    // A's rows over B's dates stay as B's: 3 and 4, which B printed, and 5, which it did not (the guess errs on keeping).
    unwrap(await old.removeFile(a.hash));
    expect((await held(db)).txns).toEqual([3, 4, 5, 6, 7]);
    unwrap(await old.restoreFile(a.hash));
    expect((await held(db)).txns).toEqual(range(1, 7));
    unwrap(await old.removeFile(b.hash));
    expect((await held(db)).txns).toEqual(range(1, 5));
    unwrap(await old.restoreFile(b.hash));
    // A statement's lines over the later statement's period and account stay; dismissing the undo moves them to it.
    unwrap(await old.removeFile(bank1.hash));
    expect((await held(db)).lines).toEqual(range(3, 6));
    unwrap(await old.forgetRemovedFile(bank1.hash));
    expect((await held(db)).lines).toEqual(range(3, 6));
  });

  test('random imports of overlapping files, removals, undos and dismissals leave the union of the live files', async () => {
    type Action = { op: 'import' | 'remove' | 'restore' | 'forget'; file: number };
    const files = fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 4 });
    const action = fc.record({
      op: fc.constantFrom('import', 'import', 'remove', 'restore', 'forget'),
      file: fc.nat(),
    }) as fc.Arbitrary<Action>;
    await fc.assert(
      fc.asyncProperty(files, fc.array(action, { minLength: 1, maxLength: 14 }), fc.boolean(), async (rowSets, actions, bank) => {
        // Distinct files (two equal row sets would be the same bytes).
        const sets = [...new Map(rowSets.map(r => [[...r].sort((a, b) => a - b).join(','), [...r].sort((a, b) => a - b)])).values()];
        const { h, db } = fresh();
        if (!bank) unwrap(await h.importFiles([{ name: 'config.json', data: enc(JSON.stringify(CONFIG)) }]));
        const state = sets.map(() => 'absent' as 'absent' | 'live' | 'removed');
        const hashes: string[] = [];
        for (const { op, file } of actions) {
          const i = file % sets.length;
          if (op === 'import') {
            const o = await importOne(h, bank ? ofx(sets[i]!) : stripe(sets[i]!));
            expect(o.status).toBe(state[i] === 'live' ? 'duplicate' : 'stored');
            hashes[i] = o.hash;
            state[i] = 'live';
          } else if (op === 'remove' && state[i] === 'live') {
            unwrap(await h.removeFile(hashes[i]!));
            state[i] = 'removed';
          } else if (op === 'restore' && state[i] === 'removed') {
            unwrap(await h.restoreFile(hashes[i]!));
            state[i] = 'live';
          } else if (op === 'forget' && state[i] === 'removed') {
            expect(unwrap(await h.forgetRemovedFile(hashes[i]!))).toBe(1);
            state[i] = 'absent';
          } else continue;
          const want = union(...sets.filter((_, k) => state[k] === 'live'));
          const got = await held(db);
          expect(bank ? got.lines : got.txns).toEqual(want);
          const summary = unwrap(await h.init());
          expect(bank ? summary.bankLineCount : summary.transactionCount).toBe(want.length);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('a replica of a ledger with a removed file', () => {
  test('holds the rows the ledger shows: the removed file left out, the rows a later file repeated kept', async () => {
    const { h, db } = fresh(10);
    unwrap(await h.importFiles([{ name: 'config.json', data: enc(JSON.stringify(CONFIG)) }]));
    const a = await importOne(h, stripe(range(1, 10)));
    await importOne(h, stripe(range(6, 15)));
    unwrap(await h.removeFile(a.hash));
    expect((await held(db)).txns).toEqual(range(6, 15));

    const other = fresh(10);
    unwrap(await other.h.openReplica(unwrap(await h.exportReplica('pw')).bytes, 'pw'));
    const merged = unwrap(await other.h.confirmReplica())!;
    expect(merged.preview.files.new).toBe(2); // the config file and the later export; not the removed one
    expect((await held(other.db)).txns).toEqual(range(6, 15));
    expect(merged.summary.transactionCount).toBe(10);

    // The removed file comes back with a replica that holds it: whole, its kept rows replaced, nothing twice.
    const third = fresh(10);
    unwrap(await third.h.importFiles([{ name: 'config.json', data: enc(JSON.stringify(CONFIG)) }, stripe(range(1, 10))]));
    unwrap(await h.openReplica(unwrap(await third.h.exportReplica('pw')).bytes, 'pw'));
    unwrap(await h.confirmReplica());
    expect((await held(db)).txns).toEqual(range(1, 15));
    expect(unwrap(await h.init()).transactionCount).toBe(15);
    expect((await db.files.get(a.hash))?.removedAt ?? null).toBeNull();
  }, 60_000);
});
