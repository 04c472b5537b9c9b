import 'fake-indexeddb/auto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateLedger, type GeneratedLedger } from '../../test/support/ledger';
import { splitLastDay } from '../../test/support/split-day.mjs';
import { openLedgerDb } from '../db/db';
import { IMAGE_HEAD, dropLedgerImage } from '../db/image';
import { applyReplicaDelta } from '../db/repo';
import type { Config } from '../config/types';
import type { LedgerSummary, StoredImagePart } from '../db/schema';
import { decisionHandlers } from './decisions';
import { fileHandlers } from './files';
import { importHandlers } from './imports';
import { keptOrder, queryHandlers } from './queries';
import { replicaHandlers } from './replica';
import { unwrap } from './result';
import { settingsHandlers } from './settings';
import { LedgerState } from './state';
import type { ImportSource } from './types';

let n = 0;
let ms = Date.parse('2026-11-26T08:00:00.000Z');
/** A clock that moves on a millisecond per reading (files imported one after another have distinct times). */
const clock = { today: () => '2026-11-26', now: () => new Date(ms++).toISOString() };

/** A worker's store on a database; it writes its image only when told (writeImage), never on a timer. */
function open(name: string): LedgerState {
  const store = new LedgerState(openLedgerDb(name), clock);
  store.imageDelayMs = null;
  return store;
}

function handlers(store: LedgerState) {
  return {
    ...importHandlers(store),
    ...fileHandlers(store),
    ...settingsHandlers(store),
    ...queryHandlers(store),
    ...replicaHandlers(store, 10),
  };
}

const read = (paths: readonly string[]): ImportSource[] =>
  paths.map(p => ({ name: p.split('/').pop()!, data: new Uint8Array(readFileSync(p)) }));

/** What a screen sees of a summary (the revision and the time it was computed aside). */
function shown(s: LedgerSummary) {
  const { revision: _revision, computedAt: _computedAt, ...rest } = s;
  return rest;
}

/** What a reopened worker shows: the summary and the tables' first pages, sorted by date and by default. */
async function view(store: LedgerState) {
  const h = handlers(store);
  const summary = shown(await store.init());
  const txns = unwrap(await h.queryTxns({ offset: 0, limit: 50 }));
  const byDate = unwrap(await h.queryTxns({ offset: 100, limit: 20, sort: { by: 'at', desc: true } }));
  const lines = unwrap(await h.queryBankLines({ offset: 0, limit: 50 }));
  const page = <T extends { revision: number }>({ revision: _revision, ...rest }: T) => rest;
  return { summary, txns: page(txns), byDate: page(byDate), lines: page(lines), held: [store.txns, store.bankLines] };
}

describe('reopening a ledger from its stored image', () => {
  let cn: GeneratedLedger;
  let split: { base: string[]; day: string[] };
  let config: Config;
  beforeAll(() => {
    cn = generateLedger({ scenario: 'cn', seed: 11, days: 12, txPerDay: 30 });
    const out = mkdtempSync(join(tmpdir(), 'settlewatch-image-'));
    mkdirSync(join(out, 'split'));
    split = splitLastDay(cn.dir, cn.manifest as unknown as Parameters<typeof splitLastDay>[1], join(out, 'split'));
    const cfg = cn.manifest.files.find(f => f.role === 'config')!;
    config = JSON.parse(readFileSync(join(cn.dir, cfg.path), 'utf8'));
  });

  /** A new database holding the ledger up to its last day, with an image written of it. */
  async function ledger(): Promise<{ name: string; store: LedgerState }> {
    const name = `image-${++n}-${Date.now()}`;
    const store = open(name);
    unwrap(await handlers(store).importFiles(read(split.base)));
    expect(await store.writeImage()).toBe(true);
    return { name, store };
  }

  /** Reopens the database: where the rows came from, and what it shows, against a worker that reads every row. */
  async function reopen(name: string) {
    const store = open(name);
    const seen = await view(store);
    return { store, from: store.openedFrom, seen };
  }

  test('shows the same summary, reconciliation and table pages as reading every row, and dedupes an import the same way', async () => {
    const { name } = await ledger();
    const withImage = await reopen(name);
    expect(withImage.from).toBe('image');
    // What was derived came back with the rows: nothing reconciled from scratch.
    expect(withImage.store.derived.last).toBe('restored');
    // The same database without its image: every row read.
    const other = `image-rows-${++n}-${Date.now()}`;
    unwrap(await handlers(open(other)).importFiles(read(split.base)));
    await dropLedgerImage(openLedgerDb(other));
    const fromRows = await reopen(other);
    expect(fromRows.from).toBe('rows');
    expect(fromRows.store.derived.last).toBe('full');
    expect(withImage.seen).toEqual(fromRows.seen);
    // The reconciliation holds the same rows in the same places (its transaction indexes run through these).
    const places = (s: LedgerState) => s.reconRows.map(r => [r.acquirer, r.txns.map(t => t.id)]);
    expect(places(withImage.store)).toEqual(places(fromRows.store));
    // One more day, and the first day's export again under another name and bytes: its rows are held already.
    const again = read([split.base.find(p => !p.includes('ccb'))!]).map(s => ({
      name: `again-${s.name}`,
      data: Uint8Array.from([...(s.data as Uint8Array), 0x0a]),
    }));
    const outcomes = await Promise.all(
      [withImage.store, fromRows.store].map(async s => unwrap(await handlers(s).importFiles([...read(split.day), ...again]))),
    );
    const counts = (o: (typeof outcomes)[number]) => o.map(f => [f.status, f.role, 'rows' in f ? f.rows : null]);
    expect(counts(outcomes[0]!)).toEqual(counts(outcomes[1]!));
    expect(outcomes[0]!.some(o => o.status === 'stored')).toBe(true);
    expect(await view(withImage.store)).toEqual(await view(fromRows.store));
  });

  test("the tables' time order travels with the image: a reopened worker's first page sorts nothing", async () => {
    const { name, store } = await ledger();
    const written = keptOrder(store);
    expect(written).not.toBeNull();
    const reopened = open(name);
    await reopened.init();
    expect(reopened.derived.last).toBe('restored');
    // Taken back before any table asked for it, and the one a fresh sort gives.
    expect(keptOrder(reopened)).toEqual(written);
    const rows = reopened.derived.rows;
    const sorted = [...rows.keys()].sort((x, y) => {
      const a = rows[x]!,
        b = rows[y]!;
      return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : x - y;
    });
    expect([...keptOrder(reopened)!]).toEqual(sorted);
  });

  test('a reopened worker builds the import dedupe indexes while idle, and they hold every row held', async () => {
    const { name, store } = await ledger();
    const reopened = open(name);
    await reopened.init();
    expect(reopened.derived.last).toBe('restored');
    expect(reopened.heldIds.behind()).toBe(reopened.txns.length);
    await expect.poll(() => reopened.heldIds.behind(), { interval: 5 }).toBe(0);
    const sets = (s: LedgerState) => new Map([...s.heldIds.byAcquirer()].map(([acquirer, ids]) => [acquirer, [...ids].sort()]));
    expect(sets(reopened)).toEqual(sets(store));

    // An import that comes while the indexes are half built finishes them: every row held is in them.
    const early = open(name);
    early.warmSlice = 50;
    await early.init();
    await new Promise(resolve => setTimeout(resolve, 0));
    await new Promise(resolve => setTimeout(resolve, 0));
    const behind = early.heldIds.behind();
    expect(behind).toBeGreaterThan(0);
    expect(behind).toBeLessThan(early.txns.length);
    expect(sets(early)).toEqual(sets(store));
  });

  test('rows another context adds to a file held are never hidden by an image this worker writes from its memory', async () => {
    const { name } = await ledger();
    const worker = open(name);
    await worker.init();
    expect(worker.openedFrom).toBe('image');
    // The extension's other worker (or a second tab) merges a replica whose rows land in a file this worker holds.
    const other = openLedgerDb(name);
    const file = (await other.files.toArray()).find(f => f.role === 'acquirer')!;
    const model = worker.txns.find(t => t.fileHash === file.hash)!;
    const extra = { ...model, id: `${model.id}-merged-elsewhere`, line: 999_999 };
    await applyReplicaDelta(other, { files: [], rows: [{ fileHash: file.hash, txns: [extra], bankLines: [] }], records: {} });
    // This worker then changes its own rows: what it would write lacks the merged row, so it writes nothing.
    unwrap(await handlers(worker).importFiles(read(split.day)));
    expect(await worker.writeImage()).toBe(false);
    const next = await reopen(name);
    expect(next.from).toBe('rows');
    expect(next.store.txns.some(t => t.id === extra.id)).toBe(true);
    // Read again, the rows are what the database holds: its image is written, and a reopen takes it.
    expect(await next.store.writeImage()).toBe(true);
    const last = await reopen(name);
    expect(last.from).toBe('image');
    expect(last.store.txns.some(t => t.id === extra.id)).toBe(true);
  });

  /** Each write that changes which rows count: done after the image was written, the next reopen must not use it. */
  const writes: {
    what: string;
    before?: (h: ReturnType<typeof handlers>, s: LedgerState) => Promise<unknown>;
    act: (h: ReturnType<typeof handlers>, s: LedgerState) => Promise<unknown>;
  }[] = [
    { what: 'an import of one more day', act: async h => unwrap(await h.importFiles(read(split.day))) },
    {
      what: 'a captured portal page',
      act: async h =>
        unwrap(
          await h.importCapture({
            portal: 'lakala',
            page: 'x',
            headers: ['交易日期', '交易时间', '商户编号', '交易金额(元)', '手续费(元)', '结算金额(元)', '检索参考号'],
            rows: [['2026-01-20', '09:00:00', config.acquirers[0]!.merchantIds?.[0] ?? '', '43.00', '0.26', '42.74', '600100999001']],
            firstLine: 1,
            currency: 'CNY',
            owner: { by: 'pick', acquirer: config.acquirers[0]!.id },
          }),
        ),
    },
    { what: 'removing a file', act: async (h, s) => unwrap(await h.removeFile(s.files.find(f => f.role === 'bank')!.hash)) },
    {
      what: 'putting a removed file back',
      before: async (h, s) => unwrap(await h.removeFile(s.files.find(f => f.role === 'bank')!.hash)),
      act: async (h, s) => {
        const removed = (await s.db.files.toArray()).find(f => f.removedAt)!;
        return unwrap(await h.restoreFile(removed.hash));
      },
    },
    {
      what: 'deleting a removed file for good',
      before: async (h, s) => unwrap(await h.removeFile(s.files.find(f => f.role === 'acquirer')!.hash)),
      act: async (h, s) => unwrap(await h.forgetRemovedFile((await s.db.files.toArray()).find(f => f.removedAt)!.hash)),
    },
    {
      what: 'merging a replica that has one more day',
      act: async h => {
        const other = open(`image-replica-${++n}-${Date.now()}`);
        const oh = handlers(other);
        unwrap(await oh.importFiles(read([...split.base, ...split.day])));
        return unwrap(await h.mergeReplica(unwrap(await oh.replicaFor(unwrap(await h.replicaInventory())))));
      },
    },
    {
      what: 'a config edit',
      act: async () => unwrap(await settingsHandlersOf.saveConfig({ ...config, graceBusinessDays: config.graceBusinessDays + 1 })),
    },
    { what: 'clearing the ledger', act: async h => unwrap(await h.clear()) },
  ];
  let settingsHandlersOf: ReturnType<typeof handlers>;

  test.each(writes)('after $what the stored image is not used, and a new one gives what the rows give', async ({ before, act }) => {
    const { name, store } = await ledger();
    const h = handlers(store);
    settingsHandlersOf = h;
    if (before) {
      await before(h, store);
      expect(await store.writeImage()).toBe(true);
    }
    await act(h, store);
    const next = await reopen(name);
    expect(next.from).toBe('rows');
    expect(next.seen.summary).toEqual(shown(store.summary!));
    // The reopened worker writes the image of what it read; the one after uses it and shows the same.
    expect(await next.store.writeImage()).toBe(true);
    const last = await reopen(name);
    expect(last.from).toBe('image');
    expect(last.store.derived.last).toBe(last.store.config ? 'restored' : 'full');
    expect(last.seen).toEqual(next.seen);
  });

  test('calls that come while a reopened worker settles wait for its one recomputation', async () => {
    const { name } = await ledger();
    const store = open(name);
    const [a, b, c] = await Promise.all([store.init(), store.init(), store.init()]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(store.revision).toBe(a.revision);
    expect((await store.db.summary.get('current'))!.revision).toBe(a.revision);
    // Nothing changed since: a later reopen gives the same summary, under the same revision.
    expect((await reopen(name)).store.revision).toBe(a.revision);
  });

  test('a reopen that finds what the stored summary says keeps it (same revision, not written again); another day writes a new one', async () => {
    const { name } = await ledger();
    const stored = (await openLedgerDb(name).summary.get('current'))!;
    const same = open(name);
    let writes = 0;
    same.db.summary.hook('creating', () => void writes++);
    same.db.summary.hook('updating', () => void writes++);
    expect(await same.init()).toEqual(stored);
    expect(writes).toBe(0);
    // The next day moves statuses on: the summary says so, under a new revision.
    const later = new LedgerState(openLedgerDb(name), { today: () => '2026-11-27', now: clock.now });
    later.imageDelayMs = null;
    const next = await later.init();
    expect(next.today).toBe('2026-11-27');
    expect(next.revision).toBe(stored.revision + 1);
    expect((await later.db.summary.get('current'))!.revision).toBe(next.revision);
  });

  test('an image already holding what is held is not written again; one of rows another worker changed is not written at all', async () => {
    const { name, store } = await ledger();
    expect(await store.writeImage()).toBe(false);
    const reopened = open(name);
    await reopened.init();
    expect(reopened.openedFrom).toBe('image');
    expect(await reopened.writeImage()).toBe(false);
    // Another context imports a day; this worker's memory no longer is what the database holds.
    unwrap(await handlers(open(name)).importFiles(read(split.day)));
    reopened.txns = [...reopened.txns];
    expect(await reopened.writeImage()).toBe(false);
    expect((await reopen(name)).from).toBe('rows');
  });

  test('written again, the image keeps the slices that did not change, and reads as the rows do, whoever wrote it last', async () => {
    const { name, store } = await ledger();
    unwrap(await handlers(store).importFiles(read(split.day)));
    expect(await store.writeImage()).toBe(true);
    const a = await reopen(name);
    expect([a.from, a.store.derived.last]).toEqual(['image', 'restored']);
    const db = openLedgerDb(name);
    await dropLedgerImage(db);
    const rows = await reopen(name);
    expect(rows.from).toBe('rows');
    expect(a.seen).toEqual(rows.seen);
    // Another worker writes the image; the first one, writing after a change of its own, does not build on its old one.
    expect(await rows.store.writeImage()).toBe(true);
    const page = (await reopen(name)).store;
    unwrap(
      await handlers(a.store).importFiles([
        { name: 'again.csv', data: Uint8Array.from([...(read([split.day[0]!])[0]!.data as Uint8Array), 0x0a]) },
      ]),
    );
    expect(await a.store.writeImage()).toBe(true);
    const last = await reopen(name);
    expect([last.from, last.store.derived.last]).toEqual(['image', 'restored']);
    expect(last.seen.summary).toEqual(shown(a.store.summary!));
    expect(page.openedFrom).toBe('image');
  });

  test('a damaged image or one of another format is ignored: the rows are read', async () => {
    const { name } = await ledger();
    const db = openLedgerDb(name);
    const good = await reopen(name);
    const head = (await db.image.get(IMAGE_HEAD))! as StoredImagePart & { format: number };
    const slice = (await db.image.get('txns/0000'))!;
    await db.image.put({ ...head, format: head.format + 1 });
    const foreign = await reopen(name);
    expect(foreign.from).toBe('rows');
    expect(foreign.seen).toEqual(good.seen);
    await db.image.put(head);
    await db.image.put({ ...slice, rows: { ...(slice.rows as object), columns: {} } });
    const damaged = await reopen(name);
    expect(damaged.from).toBe('rows');
    expect(damaged.seen).toEqual(good.seen);
    await db.image.delete('txns/0000');
    expect((await reopen(name)).from).toBe('rows');
  });

  test('a stored engine state that does not fit the rows is not taken back: the rows are reconciled', async () => {
    const { name } = await ledger();
    const db = openLedgerDb(name);
    const good = await reopen(name);
    expect(good.store.derived.last).toBe('restored');
    const record = (await db.image.get('derived'))! as StoredImagePart & { derived: { engine: { format: number } } };
    await db.image.put({ ...record, derived: { ...record.derived, engine: { ...record.derived.engine, format: -1 } } });
    const other = await reopen(name);
    expect(other.from).toBe('image');
    expect(other.store.derived.last).toBe('full');
    expect(other.store.derived.refused).toMatch(/format/);
    expect(other.seen).toEqual(good.seen);
    await db.image.put({ ...record, derived: { ...record.derived, fees: null } });
    const torn = await reopen(name);
    expect(torn.store.derived.last).toBe('full');
    expect(torn.seen).toEqual(good.seen);
    // The worker that could not take it back stores it anew: the next reopen takes that one back.
    expect(await torn.store.writeImage()).toBe(true);
    const mended = await reopen(name);
    expect(mended.store.derived.last).toBe('restored');
    expect(mended.seen).toEqual(good.seen);
  });

  test('a decision or a new date after the reopen moves on from the stored state as from the rows', async () => {
    const { name } = await ledger();
    const a = await reopen(name);
    expect(a.store.derived.last).toBe('restored');
    const other = `image-rows-${++n}-${Date.now()}`;
    unwrap(await handlers(open(other)).importFiles(read(split.base)));
    await dropLedgerImage(openLedgerDb(other));
    const b = await reopen(other);
    for (const s of [a.store, b.store]) {
      const alert = s.summary!.alerts[0]!;
      unwrap(await decisionHandlers(s).decide({ kind: 'dismiss_alert', alertId: alert.id, reason: 'checked' }));
      unwrap(await settingsHandlers(s).setAsOf('2026-01-14'));
    }
    expect(a.store.derived.last).toBe('appended');
    expect(await view(a.store)).toEqual(await view(b.store));
  });
});
