import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateLedger, type GeneratedLedger } from '../../test/support/ledger';
import { openLedgerDb } from '../db/db';
import { createLedgerHandlers, unwrap, type ImportSource } from './index';

let n = 0;
/** A fresh ledger (its own database) with a clock that moves on a millisecond per reading; its files open quickly (scrypt 2^10). */
function freshLedger() {
  let ms = Date.parse('2026-11-26T08:00:00.000Z') + n * 60_000;
  const db = openLedgerDb(`replica-test-${++n}-${Date.now()}`);
  const h = createLedgerHandlers(db, { today: () => '2026-11-26', now: () => new Date(ms++).toISOString() }, { scryptWorkFactor: 10 });
  return { db, h };
}

function sources(ledger: GeneratedLedger): ImportSource[] {
  return ledger.manifest.files
    .filter(f => ['config', 'acquirer', 'bank'].includes(f.role))
    .map(f => ({ name: f.path, data: new Uint8Array(readFileSync(join(ledger.dir, f.path))) }));
}

/** What a merchant compares between two devices: counts, alerts, active decisions. */
async function looks(h: ReturnType<typeof freshLedger>['h']) {
  const s = unwrap(await h.init());
  const decisions = (await h.replicaInventory()).ok ? unwrap(await h.replicaInventory()).records.decisions : {};
  return {
    statusCounts: s.statusCounts,
    alerts: s.alerts.map(a => `${a.id}:${a.dismissed ? 'dismissed' : 'open'}`).sort(),
    transactions: s.transactionCount,
    bankLines: s.bankLineCount,
    decisions: Object.keys(decisions ?? {}).sort(),
  };
}

/** What the ledger shows when read back from its database by a new worker (the merge keeps in memory what it wrote). */
async function looksReread(x: ReturnType<typeof freshLedger>) {
  return looks(createLedgerHandlers(openLedgerDb(x.db.name), { today: () => '2026-11-26', now: () => new Date().toISOString() }));
}

describe('the encrypted replica file', () => {
  let cn: GeneratedLedger;
  beforeAll(() => {
    cn = generateLedger({ scenario: 'cn', seed: 7, days: 15, txPerDay: 30 });
  });

  test('restores a ledger into an empty one: same counts, alerts and decisions; a second import changes nothing', async () => {
    const a = freshLedger();
    unwrap(await a.h.importFiles(sources(cn)));
    const alert = unwrap(await a.h.init()).alerts.find(x => x.kind !== 'coverage_gap')!;
    unwrap(await a.h.decide({ kind: 'dismiss_alert', alertId: alert.id, reason: 'paid in cash' }));
    const file = unwrap(await a.h.exportReplica('correct horse battery'));
    expect(file.name).toBe('settlewatch-2026-11-26.age');

    const b = freshLedger();
    const opened = unwrap(await b.h.openReplica(file.bytes, 'correct horse battery'));
    const before = await looks(a.h);
    expect(opened.preview.files.held).toBe(0);
    expect(opened.preview.txns).toEqual({ new: before.transactions, held: 0 });
    expect(opened.preview.bankLines).toEqual({ new: before.bankLines, held: 0 });
    expect(opened.preview.records.decisions).toEqual({ new: 1, updated: 0, deleted: 0, held: 0 });
    // Opening changes nothing until the merchant confirms.
    expect(unwrap(await b.h.init()).transactionCount).toBe(0);
    const merged = unwrap(await b.h.confirmReplica())!;
    expect(merged.summary.statusCounts).toEqual(before.statusCounts);
    expect(await looks(b.h)).toEqual(before);
    expect(await looksReread(b)).toEqual(before);

    const revision = unwrap(await b.h.init()).revision;
    const again = unwrap(await b.h.openReplica(file.bytes, 'correct horse battery'));
    expect(again.preview.nothingNew).toBe(true);
    expect(again.preview.txns).toEqual({ new: 0, held: before.transactions });
    unwrap(await b.h.confirmReplica());
    expect(unwrap(await b.h.init()).revision).toBe(revision);
    expect(await looks(b.h)).toEqual(before);

    // Opened while it held everything, confirmed after a start-over: the merge is worked out again, and restores.
    expect(unwrap(await b.h.openReplica(file.bytes, 'correct horse battery')).preview.nothingNew).toBe(true);
    unwrap(await b.h.clear());
    expect(unwrap(await b.h.confirmReplica())!.preview.txns.new).toBe(before.transactions);
    expect(await looks(b.h)).toEqual(before);
  }, 60_000);

  test('refuses a wrong passphrase, a damaged file and a file that is not one, changing nothing', async () => {
    const a = freshLedger();
    unwrap(await a.h.importFiles(sources(cn).filter(f => f.name.endsWith('.json'))));
    const file = unwrap(await a.h.exportReplica('right'));
    const b = freshLedger();
    const wrong = await b.h.openReplica(file.bytes, 'wrong');
    expect(wrong.ok ? null : wrong.error).toMatchObject({ code: 'replica_refused', params: { reason: 'replica_wrong_passphrase' } });
    const damaged = file.bytes.slice();
    damaged[damaged.length - 20]! ^= 0x40;
    const bad = await b.h.openReplica(damaged, 'right');
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'replica_refused', params: { reason: 'replica_damaged' } });
    const cut = await b.h.openReplica(file.bytes.subarray(0, file.bytes.length - 30), 'right');
    expect(cut.ok ? null : cut.error).toMatchObject({ params: { reason: 'replica_damaged' } });
    const notAge = await b.h.openReplica(new TextEncoder().encode('日期,金额\n'), 'right');
    expect(notAge.ok ? null : notAge.error).toMatchObject({ params: { reason: 'replica_not_age' } });
    expect(unwrap(await b.h.confirmReplica())).toBeNull();
    const s = unwrap(await b.h.init());
    expect([s.transactionCount, s.error]).toEqual([0, 'no_config']);
  }, 60_000);

  test('merges into a ledger that has its own files and decisions: both kept, a later undo wins, nothing twice', async () => {
    const files = sources(cn);
    const config = files.filter(f => f.name.endsWith('.json'));
    const bank = files.filter(f => f.name.startsWith('bank'));
    const acquirers = files.filter(f => !config.includes(f) && !bank.includes(f));
    // Device A holds the config and the exports; device B the config and the statements (and one export too).
    const a = freshLedger();
    unwrap(await a.h.importFiles([...config, ...acquirers]));
    const b = freshLedger();
    unwrap(await b.h.importFiles([...config, ...bank, acquirers[0]!]));
    const whole = freshLedger();
    unwrap(await whole.h.importFiles(files));

    // Each decides something on its own; B then undoes A's decision after receiving it (a later clock).
    const lineId = unwrap(await whole.h.queryBankLines({ linked: 'linked', offset: 0, limit: 1 })).rows[0]!.id;
    const { id: fromA } = unwrap(await a.h.decide({ kind: 'unlink', bankLineId: lineId }));
    const { id: fromB } = unwrap(await b.h.decide({ kind: 'dismiss_alert', alertId: 'x', reason: 'seen' }));

    const toB = unwrap(await a.h.exportReplica('pw'));
    unwrap(await b.h.openReplica(toB.bytes, 'pw'));
    const merged = unwrap(await b.h.confirmReplica())!;
    expect(merged.preview.records.decisions).toEqual({ new: 1, updated: 0, deleted: 0, held: 0 });
    expect(merged.preview.files.held).toBe(2); // the config file and the export B had too
    expect(merged.summary.transactionCount).toBe(unwrap(await whole.h.init()).transactionCount);
    expect(merged.summary.bankLineCount).toBe(unwrap(await whole.h.init()).bankLineCount);
    expect(unwrap(await b.h.undo(fromA)).undone).toBe(true);

    // Back to A: B's decision arrives, and B's undo of A's decision wins over A's older version of it.
    const toA = unwrap(await b.h.exportReplica('pw'));
    unwrap(await a.h.openReplica(toA.bytes, 'pw'));
    const back = unwrap(await a.h.confirmReplica())!;
    expect(back.preview.records.decisions).toEqual({ new: 1, updated: 1, deleted: 0, held: 0 });
    const decisions = await a.db.decisions.toArray();
    expect(decisions.map(d => [d.id, d.revokedAt !== null]).sort()).toEqual(
      [
        [fromA, true],
        [fromB, false],
      ].sort(),
    );
    expect(await looks(a.h)).toEqual(await looks(b.h));
    expect(await looksReread(a)).toEqual(await looks(a.h));
    expect(await looksReread(b)).toEqual(await looks(b.h));
  }, 90_000);

  test('the bridge pieces: what the other lacks, merged, makes both the same', async () => {
    const files = sources(cn);
    const a = freshLedger();
    unwrap(await a.h.importFiles(files.slice(0, 2)));
    const b = freshLedger();
    unwrap(await b.h.importFiles([files[0]!, ...files.slice(2)]));
    const part = unwrap(await a.h.replicaFor(unwrap(await b.h.replicaInventory())));
    // Rows go only for the file B lacks; the config file both hold travels as a record (its import time differs).
    expect(part.rows.map(r => part.files.find(f => f.hash === r.fileHash)!.name)).toEqual([files[1]!.name]);
    unwrap(await b.h.mergeReplica(part));
    unwrap(await a.h.mergeReplica(unwrap(await b.h.replicaFor(unwrap(await a.h.replicaInventory())))));
    expect(unwrap(await a.h.replicaInventory())).toEqual(unwrap(await b.h.replicaInventory()));
    expect(await looks(a.h)).toEqual(await looks(b.h));
  }, 60_000);
});
