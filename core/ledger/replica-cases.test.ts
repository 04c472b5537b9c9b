// Cases travel with the ledger: a case, its timeline and its vouchers (photos as bytes) reach another device
// through the encrypted replica file and the bridge pieces, the later change of a case wins, and "start
// over" clears them with the tombstones.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateLedger, type GeneratedLedger } from '../../test/support/ledger';
import { openLedgerDb } from '../db/db';
import { createLedgerHandlers, unwrap } from './index';

let n = 0;
/** A fresh ledger whose clock starts a minute after the previous one's and moves a millisecond per reading. */
function freshLedger() {
  let ms = Date.parse('2026-11-26T08:00:00.000Z') + n * 60_000;
  const db = openLedgerDb(`replica-cases-test-${++n}-${Date.now()}`);
  const h = createLedgerHandlers(db, { today: () => '2026-11-26', now: () => new Date(ms++).toISOString() }, { scryptWorkFactor: 10 });
  return { db, h };
}

describe('cases in a replica', () => {
  let cn: GeneratedLedger;
  beforeAll(() => {
    cn = generateLedger({ scenario: 'cn', seed: 7, days: 15, txPerDay: 30 });
  });

  test('a case with a note, a status and a voucher reaches another device; importing it again changes nothing', async () => {
    const files = cn.manifest.files
      .filter(f => ['config', 'acquirer', 'bank'].includes(f.role))
      .map(f => ({ name: f.path, data: new Uint8Array(readFileSync(join(cn.dir, f.path))) }));
    const a = freshLedger();
    unwrap(await a.h.importFiles(files));
    const alert = unwrap(await a.h.init()).alerts.find(x => x.kind !== 'coverage_gap');
    expect(alert, 'an alert to open a case on').toBeDefined();
    const { caseId } = unwrap(await a.h.openCaseFor(alert!.id));
    unwrap(await a.h.addCaseEntry(caseId, { action: 'called', whom: 'bank', on: '2026-11-25', note: 'nothing came in' }));
    unwrap(await a.h.setCaseStatus(caseId, 'asked_bank'));
    const photo = new Uint8Array([0, 1, 2, 250, 255]);
    const voucherId = unwrap(await a.h.attachVoucher(caseId, { name: 'slip.png', type: 'image/png', data: photo })).vouchers[0]!.id;
    const sent = unwrap(await a.h.caseView(caseId))!;

    const file = unwrap(await a.h.exportReplica('pw'));
    const b = freshLedger();
    const opened = unwrap(await b.h.openReplica(file.bytes, 'pw'));
    expect(opened.preview.records.cases).toEqual({ new: 1, updated: 0, deleted: 0, held: 0 });
    expect(opened.preview.records.vouchers).toEqual({ new: 1, updated: 0, deleted: 0, held: 0 });
    expect(opened.preview.records.caseEntries?.new).toBe(sent.entries.length);
    unwrap(await b.h.confirmReplica());

    const got = unwrap(await b.h.caseView(caseId))!;
    expect(got.record.status).toBe('asked_bank');
    expect(got.entries.map(e => e.id).sort()).toEqual(sent.entries.map(e => e.id).sort());
    expect(got.entries.find(e => e.source === 'merchant')).toMatchObject({ action: 'called', whom: 'bank', note: 'nothing came in' });
    expect(unwrap(await b.h.voucherFile(voucherId))).toEqual({ name: 'slip.png', type: 'image/png', bytes: photo });

    unwrap(await b.h.openReplica(file.bytes, 'pw'));
    expect(unwrap(await b.h.confirmReplica())!.preview.nothingNew).toBe(true);

    // B files a complaint later; the bridge pieces bring it to A, whose older status loses.
    unwrap(await b.h.setCaseStatus(caseId, 'complaint_filed'));
    unwrap(await a.h.mergeReplica(unwrap(await b.h.replicaFor(unwrap(await a.h.replicaInventory())))));
    expect(unwrap(await a.h.caseView(caseId))!.record.status).toBe('complaint_filed');
    expect(unwrap(await a.h.voucherFile(voucherId))!.bytes).toEqual(photo);

    // Start over clears the cases with everything else, tombstones included.
    await b.db.tombstones.put({ table: 'cases', id: 'gone', hlc: '000000000000001.000000.x' });
    unwrap(await b.h.clear());
    expect([await b.db.cases.count(), await b.db.caseEntries.count(), await b.db.vouchers.count(), await b.db.tombstones.count()]).toEqual([
      0, 0, 0, 0,
    ]);
  }, 90_000);
});
