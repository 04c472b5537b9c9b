import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { openLedgerDb } from '../../core/db/db';
import { createLedgerHandlers } from '../../core/ledger/handlers';
import {
  bankStatementCsv,
  forgedRow,
  LAKALA,
  LAKALA_HEADERS,
  lakalaCells,
  lakalaConfig,
  lakalaExportCsv,
} from '../../test/e2e/extension/ledger-files';
import { portalOwner } from '../background/attribution';
import { PORTALS } from '../portals';
import { failedSummary } from '../../core/ledger/summary';
import { createExtensionApi, overviewOf } from './api';

const encode = (text: string) => new TextEncoder().encode(text);
let n = 0;
function freshApi() {
  return createExtensionApi(openLedgerDb(`extension-api-test-${++n}`), () => '2026-03-04T08:00:00.000Z');
}
const page = (index: number) => ({
  portal: 'lakala',
  page: 'https://merchant.lakala.com/trade/query',
  headers: LAKALA_HEADERS,
  rows: LAKALA.rows.slice(index * LAKALA.pageSize, (index + 1) * LAKALA.pageSize).map(lakalaCells),
  firstLine: index * LAKALA.pageSize + 1,
});
const keys = LAKALA.rows.map(r => ['lakala', r.ref] as const);
const ON_LAKALA = portalOwner(PORTALS.find(p => p.id === 'lakala')!);

describe('extension worker API', () => {
  test("stores rows captured on Lakala's portal under its Lakala profile, each once", async () => {
    const api = freshApi();
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    const first = await api.storeCapture(page(0), ON_LAKALA, 'CNY', '2026-03-04');
    expect(first.outcome).toMatchObject({ stored: 5, known: 0, skipped: 0 });
    expect(first.keys).toEqual(keys.slice(0, 5));
    const again = await api.storeCapture(page(0), ON_LAKALA, 'CNY', '2026-03-04');
    expect(again.outcome).toMatchObject({ stored: 0, known: 5 });
    const overview = await api.overview('2026-03-04');
    expect(overview.transactionCount).toBe(5);
  });

  test("knows rows already imported from the acquirer's export file, and does not store them twice", async () => {
    const api = freshApi();
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    const csv = lakalaExportCsv(LAKALA.rows.slice(0, 5));
    const imported = await api.importFiles([{ name: '拉卡拉交易明细.csv', data: encode(csv) }], '2026-03-04');
    expect(imported[0], JSON.stringify(imported[0]?.issues.slice(0, 2)) + JSON.stringify(imported[0]?.refusal)).toMatchObject({
      status: 'stored',
      format: 'cn-acquirer',
      acquirer: 'lakala',
      newRows: 5,
    });
    const captured = await api.storeCapture({ ...page(0), rows: [...page(0).rows, ...page(1).rows] }, ON_LAKALA, 'CNY', '2026-03-04');
    expect(captured.outcome).toMatchObject({ stored: 5, known: 5, conflicts: 0, notStored: 0, storageError: null });
    expect((await api.overview('2026-03-04')).transactionCount).toBe(10);
  });

  test('keeps rows captured before any config under the portal id, not reconciled', async () => {
    const api = freshApi();
    const stored = await api.storeCapture(page(1), ON_LAKALA, 'CNY', '2026-03-04');
    expect(stored.keys[0]).toEqual(['lakala', LAKALA.rows[5]!.ref]);
    const { rows, error } = await api.statuses('2026-03-04', stored.keys);
    expect(error).toBe('no_config');
    expect(rows.map(r => r.status)).toEqual(Array(5).fill('unreconciled'));
  });

  test('moves a batch from pending to overdue to missing as the date passes, within the bank data', async () => {
    const api = freshApi();
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    for (let p = 0; p < 3; p++) await api.storeCapture(page(p), ON_LAKALA, 'CNY', '2026-03-04');
    const bank = await api.importFiles(
      [{ name: 'statement.csv', data: encode(bankStatementCsv(['2026-03-03', '2026-03-04'])) }],
      '2026-03-04',
    );
    expect(bank[0]).toMatchObject({ status: 'stored', format: 'cn-bank-csv', newRows: 2 });

    const at = async (today: string) => {
      const o = await api.overview(today);
      const s = await api.statuses(today, keys);
      const counts: Record<string, number> = {};
      for (const r of s.rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
      return { severity: o.openBySeverity, counts, error: o.error };
    };
    const before = await at('2026-03-04');
    expect(before.error).toBeNull();
    expect(before.counts).toEqual({ settled: 10, pending: 5 });
    expect(before.severity.warning + before.severity.critical).toBe(0);

    const late = await at('2026-03-06');
    expect(late.counts).toEqual({ settled: 10, overdue: 5 });
    expect(late.severity).toMatchObject({ warning: 1, critical: 0 });

    const gone = await at('2026-03-10');
    expect(gone.counts).toEqual({ settled: 10, missing: 5 });
    expect(gone.severity).toMatchObject({ critical: 1 });
  });
  test('answers a capture with the overview after it, and keeps the ledger it loaded (no reload per capture)', async () => {
    const db = openLedgerDb(`extension-api-test-${++n}`);
    const api = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    await api.storeCapture(page(0), ON_LAKALA, 'CNY', '2026-03-04');
    let chunkReads = 0;
    db.rowChunks.hook('reading', chunk => {
      chunkReads++;
      return chunk;
    });
    const stored = await api.storeCapture(page(1), ON_LAKALA, 'CNY', '2026-03-04');
    expect(stored.outcome).toMatchObject({ stored: 5, known: 0 });
    expect(stored.overview.transactionCount).toBe(10);
    expect(await api.overview('2026-03-04')).toEqual(stored.overview);
    expect((await api.statuses('2026-03-04', stored.keys)).rows).toHaveLength(5);
    expect(chunkReads).toBe(0);
  });

  test('a file removed on the ledger page, and the removal undone, reach the badge without a restart', async () => {
    const db = openLedgerDb(`extension-api-test-${++n}`);
    const api = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    const [imported] = await api.importFiles(
      [{ name: 'lakala.csv', data: encode(lakalaExportCsv(LAKALA.rows.slice(0, 5))) }],
      '2026-03-04',
    );
    expect(imported).toMatchObject({ status: 'stored', newRows: 5 });
    expect((await api.overview('2026-03-04')).transactionCount).toBe(5);
    // The ledger page is another context with its own handlers over the same database.
    const page = createLedgerHandlers(db, { now: () => '2026-03-04T09:00:00.000Z', today: () => '2026-03-04' });
    const hash = (await db.files.toArray()).find(f => f.role === 'acquirer')!.hash;
    expect((await page.removeFile(hash)).ok).toBe(true);
    expect((await api.overview('2026-03-04')).transactionCount).toBe(0);
    expect((await page.restoreFile(hash)).ok).toBe(true);
    expect((await api.overview('2026-03-04')).transactionCount).toBe(5);
  });

  test('a new date and an imported statement keep the ledger it loaded, and say what a fresh load says', async () => {
    const db = openLedgerDb(`extension-api-test-${++n}`);
    const api = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    for (let p = 0; p < 3; p++) await api.storeCapture(page(p), ON_LAKALA, 'CNY', '2026-03-04');
    await api.overview('2026-03-04');
    let chunkReads = 0;
    db.rowChunks.hook('reading', chunk => {
      chunkReads++;
      return chunk;
    });
    const bank = await api.importFiles(
      [{ name: 'statement.csv', data: encode(bankStatementCsv(['2026-03-03', '2026-03-04'])) }],
      '2026-03-04',
    );
    expect(bank[0]).toMatchObject({ status: 'stored', newRows: 2 });
    const late = await api.overview('2026-03-06');
    const statuses = await api.statuses('2026-03-06', keys);
    expect(chunkReads).toBe(0);
    const fresh = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    expect(late).toEqual(await fresh.overview('2026-03-06'));
    expect(statuses).toEqual(await fresh.statuses('2026-03-06', keys));
    expect(late.openBySeverity).toMatchObject({ warning: 1, critical: 0 });
  });

  test("a page on another portal that prints Lakala's merchant number does not reach the Lakala profile", async () => {
    const api = freshApi();
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    const onChinaUms = portalOwner(PORTALS.find(p => p.id === 'chinaums')!);
    const stored = await api.storeCapture({ ...page(0), portal: 'chinaums' }, onChinaUms, 'CNY', '2026-03-04');
    expect(stored.keys.map(k => k[0])).toEqual(Array(5).fill('chinaums'));
    expect((await api.statuses('2026-03-04', keys)).rows).toEqual([]);
    // A pick of a profile the merchant does not have is refused, not stored anywhere.
    await expect(api.storeCapture(page(1), { by: 'pick', acquirer: 'stripe-us' }, 'USD', '2026-03-04')).rejects.toThrow(
      /no acquirer profile "stripe-us"/,
    );
    expect((await api.statuses('2026-03-04', stored.keys)).rows.map(r => r.status)).toEqual(Array(5).fill('unreconciled'));
    expect((await api.overview('2026-03-04')).transactionCount).toBe(0);
  });

  test('a forged capture after the export adds nothing for its id, and the conflict is recorded', async () => {
    const db = openLedgerDb(`extension-api-test-${++n}`);
    const api = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    await api.importFiles([{ name: '拉卡拉交易明细.csv', data: encode(lakalaExportCsv(LAKALA.rows.slice(0, 5))) }], '2026-03-04');
    const real = LAKALA.rows[0]!;
    const forged = { ...page(0), rows: [lakalaCells(forgedRow(real))] };
    const captured = await api.storeCapture(forged, ON_LAKALA, 'CNY', '2026-03-04');
    expect(captured.outcome).toMatchObject({ stored: 0, known: 0, conflicts: 1, notStored: 0, storageError: null });
    expect(captured.outcome.firstConflict).toMatch(
      new RegExp(`${real.ref}.*netMinor 0\\.01 CNY.*拉卡拉交易明细\\.csv line 4 has .*netMinor ${real.net} CNY`),
    );
    const net = async (a = api) => (await a.statuses('2026-03-04', [['lakala', real.ref]])).rows[0]?.netMinor;
    expect(await net()).toBe(real.netMinor);
    // Read afresh from the database: still the export's row, and the conflict is kept with the capture.
    const reopened = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    expect(await net(reopened)).toBe(real.netMinor);
    expect((await reopened.overview('2026-03-04')).transactionCount).toBe(5);
    const files = await db.files.toArray();
    expect(files.find(f => f.format === 'portal-table')?.warnings.map(w => w.message)).toEqual([captured.outcome.firstConflict]);
  });

  test('an export after a forged capture replaces its row, whichever reading came first, and records the conflict', async () => {
    const db = openLedgerDb(`extension-api-test-${++n}`);
    const api = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    const real = LAKALA.rows[0]!;
    const forged = { ...page(0), rows: [lakalaCells(forgedRow(real)), ...page(0).rows.slice(1)] };
    expect((await api.storeCapture(forged, ON_LAKALA, 'CNY', '2026-03-04')).outcome).toMatchObject({ stored: 5 });
    const net = async (a = api) => (await a.statuses('2026-03-04', [['lakala', real.ref]])).rows[0]?.netMinor;
    expect(await net()).toBe(1);
    const [imported] = await api.importFiles(
      [{ name: '拉卡拉交易明细.csv', data: encode(lakalaExportCsv(LAKALA.rows.slice(0, 6))) }],
      '2026-03-04',
    );
    expect(imported).toMatchObject({ status: 'stored', newRows: 1, capturedReplaced: 5, captureConflicts: 1 });
    expect(await net()).toBe(real.netMinor);
    expect((await api.overview('2026-03-04')).transactionCount).toBe(6);
    const reopened = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    expect(await net(reopened)).toBe(real.netMinor);
    expect((await reopened.overview('2026-03-04')).transactionCount).toBe(6);
    const capture = (await db.files.toArray()).find(f => f.format === 'portal-table')!;
    expect(capture.warnings).toHaveLength(1);
    expect(capture.warnings[0]!.message).toMatch(
      new RegExp(`${real.ref} was captured with .*netMinor 0\\.01 CNY, but 拉卡拉交易明细\\.csv line 4 has .*netMinor ${real.net} CNY`),
    );
    // The same forged capture again adds nothing: the export's reading stays.
    expect((await api.storeCapture(forged, ON_LAKALA, 'CNY', '2026-03-04')).outcome).toMatchObject({ stored: 0, known: 4, conflicts: 1 });
    expect(await net()).toBe(real.netMinor);
  });

  test('a capture whose write fails (storage full) stores nothing and says so, with the count not stored', async () => {
    const db = openLedgerDb(`extension-api-test-${++n}`);
    const api = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    db.rowChunks.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failed = await api.storeCapture(page(0), ON_LAKALA, 'CNY', '2026-03-04');
    expect(failed.outcome).toMatchObject({ stored: 0, notStored: 5 });
    expect(failed.outcome.storageError).toMatch(
      /nothing of this capture was stored \(5 new rows\): the browser's storage for Settlewatch is full/,
    );
    expect(failed.file).toBeNull();
    expect((await db.files.toArray()).filter(f => f.format === 'portal-table')).toEqual([]);
    expect(await db.rowChunks.count()).toBe(0);
    expect((await api.overview('2026-03-04')).transactionCount).toBe(0);
  });

  test('a write that fails gives back only its own claims: the rows are stored by the next try, and captured rows an export was to replace stay held', async () => {
    const db = openLedgerDb(`extension-api-test-${++n}`);
    const api = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.rowChunks.hook('creating', full);
    expect((await api.storeCapture(page(0), ON_LAKALA, 'CNY', '2026-03-04')).outcome).toMatchObject({ stored: 0, notStored: 5 });
    db.rowChunks.hook('creating').unsubscribe(full);
    expect((await api.storeCapture(page(0), ON_LAKALA, 'CNY', '2026-03-04')).outcome).toMatchObject({ stored: 5, known: 0 });
    // An export of those rows and one more fails: the captured rows it would have replaced are still held, its new row is not.
    db.rowChunks.hook('creating', full);
    const csv = [{ name: '拉卡拉交易明细.csv', data: encode(lakalaExportCsv(LAKALA.rows.slice(0, 6))) }];
    await expect(api.importFiles(csv, '2026-03-04')).rejects.toThrow(/quota/);
    db.rowChunks.hook('creating').unsubscribe(full);
    expect((await api.storeCapture(page(0), ON_LAKALA, 'CNY', '2026-03-04')).outcome).toMatchObject({ stored: 0, known: 5 });
    const sixth = { ...page(0), rows: [lakalaCells(LAKALA.rows[5]!)], firstLine: 6 };
    expect((await api.storeCapture(sixth, ON_LAKALA, 'CNY', '2026-03-04')).outcome).toMatchObject({ stored: 1, known: 0 });
  });

  test('a restarted worker reads the ledger image its last run stored once idle, not every row', async () => {
    const db = openLedgerDb(`extension-api-test-${++n}`);
    const api = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    await api.storeCapture(page(0), ON_LAKALA, 'CNY', '2026-03-04');
    const before = await api.overview('2026-03-04');
    // The image is written in the background once the worker has been idle a moment (core/ledger/state.ts).
    for (let i = 0; i < 100 && !(await db.image.get('head'))?.stamp; i++) await new Promise(r => setTimeout(r, 100));
    expect((await db.image.get('head'))?.txns).toBe(LAKALA.pageSize);
    const decoded = () => performance.getEntriesByName('settlewatch:image-decoded').length;
    const restored = () => performance.getEntriesByName('settlewatch:restored').length;
    const [d, r] = [decoded(), restored()];
    const reopened = createExtensionApi(db, () => '2026-03-04T08:00:00.000Z');
    expect(await reopened.overview('2026-03-04')).toEqual(before);
    expect([decoded() - d, restored() - r]).toEqual([1, 1]);
  });
});

describe('follow-ups in the overview', () => {
  test('lists the cases whose follow-up date has come at the date asked, not the later ones', () => {
    const base = failedSummary(
      { revision: 1, computedAt: 't', today: '2026-03-04', requestedAsOf: null, notices: [], transactionCount: 0, bankLineCount: 0 },
      'no_config',
    );
    const f = (caseId: string, followUpOn: string) =>
      ({ caseId, followUpOn, status: 'open', kind: 'missing_credit', amountMinor: 100, currency: 'CNY' }) as const;
    const summary = { ...base, followUps: [f('a', '2026-03-03'), f('b', '2026-03-04'), f('c', '2026-03-05')] };
    expect(overviewOf(summary, '2026-03-04').followUpsDue.map(x => x.caseId)).toEqual(['a', 'b']);
    expect(overviewOf(base, '2026-03-04').followUpsDue).toEqual([]);
  });
});
