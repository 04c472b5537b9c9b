import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openLedgerDb } from '../db/db';
import { createLedgerHandlers, unwrap, type ImportSource } from './index';
import type { LedgerSummary } from '../db/schema';

const CN = join(import.meta.dirname, '../../test/fixtures/generated/cn');
const file = (name: string): ImportSource => ({ name, data: new Uint8Array(readFileSync(join(CN, name))) });
let n = 0;
function fresh() {
  const name = `files-test-${++n}-${Date.now()}`;
  const db = openLedgerDb(name);
  return { db, h: createLedgerHandlers(db, { today: () => '2026-02-20', now: () => new Date().toISOString() }) };
}
const counts = (s: LedgerSummary) => ({
  txns: s.transactionCount,
  lines: s.bankLineCount,
  statuses: s.statusCounts,
  alerts: s.openAlertCounts,
});

describe('removing an imported file', () => {
  test('restores the counts from before its import, and undo brings its rows back', async () => {
    const { h, db } = fresh();
    unwrap(await h.importFiles([file('config.json'), file('lakala-20260105-20260116.csv'), file('bank-ccb-20260105-20260116.csv')]));
    const before = counts(unwrap(await h.init()));
    const [outcome] = unwrap(await h.importFiles([file('chinaums-20260105-20260116.csv')]));
    expect(outcome!.status).toBe('stored');
    const withIt = counts(unwrap(await h.init()));
    expect(withIt.txns).toBeGreaterThan(before.txns);

    const removed = unwrap(await h.removeFile(outcome!.hash));
    expect(removed).toMatchObject({ name: 'chinaums-20260105-20260116.csv', rows: outcome!.rows });
    expect(counts(removed.summary)).toEqual(before);
    // Kept for undo, out of the ledger.
    expect((await db.files.get(outcome!.hash))?.removedAt).toBeTruthy();
    expect(await db.rowChunks.where('fileHash').equals(outcome!.hash).count()).toBeGreaterThan(0);

    expect(counts(unwrap(await h.restoreFile(outcome!.hash)))).toEqual(withIt);
    // A second ledger over the same database reads it back the same.
    const again = createLedgerHandlers(db, { today: () => '2026-02-20', now: () => new Date().toISOString() });
    expect(counts(unwrap(await again.init()))).toEqual(withIt);
  });

  test('deletes the rows for good once the undo is dismissed, and the same file can be imported again', async () => {
    const { h, db } = fresh();
    unwrap(await h.importFiles([file('config.json'), file('bank-ccb-20260105-20260116.csv')]));
    const [bank] = unwrap(await h.importFiles([file('lakala-20260105-20260116.csv')]));
    unwrap(await h.removeFile(bank!.hash));
    expect(unwrap(await h.forgetRemovedFile(bank!.hash))).toBe(1);
    expect(await db.files.get(bank!.hash)).toBeUndefined();
    expect(await db.rowChunks.where('fileHash').equals(bank!.hash).count()).toBe(0);
    expect((await h.restoreFile(bank!.hash)).ok).toBe(false);
    const [again] = unwrap(await h.importFiles([file('lakala-20260105-20260116.csv')]));
    expect(again).toMatchObject({ status: 'stored', newRows: bank!.rows });
  });

  test('imports the same bytes again while their removal could still be undone', async () => {
    const { h } = fresh();
    unwrap(await h.importFiles([file('config.json')]));
    const [first] = unwrap(await h.importFiles([file('lakala-20260105-20260116.csv')]));
    unwrap(await h.removeFile(first!.hash));
    const [again] = unwrap(await h.importFiles([file('lakala-20260105-20260116.csv')]));
    expect(again).toMatchObject({ status: 'stored', newRows: first!.rows });
    expect(unwrap(await h.init()).transactionCount).toBe(first!.rows);
  });

  test("never removes a config's record, and keeps the merchant's decisions", async () => {
    const { h, db } = fresh();
    const [config, lakala, bank] = unwrap(
      await h.importFiles([file('config.json'), file('lakala-20260105-20260116.csv'), file('bank-ccb-20260105-20260116.csv')]),
    );
    expect((await h.removeFile(config!.hash)).ok).toBe(false);
    const line = unwrap(await h.queryBankLines({ offset: 0, limit: 1, linked: 'linked' })).rows[0]!;
    unwrap(await h.decide({ kind: 'unlink', bankLineId: line.id }));
    const decisions = await db.decisions.count();
    expect(decisions).toBe(1);
    unwrap(await h.removeFile(bank!.hash));
    unwrap(await h.forgetRemovedFile(bank!.hash));
    expect(await db.decisions.count()).toBe(decisions);
    expect(lakala!.status).toBe('stored');
  });
});
