import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { openLedgerDb } from './db';
import { addDecision, clearLedger, deviceId, loadLedger, loadMappings, putMapping, revokeDecision, saveConfig, storeFile } from './repo';
import type { StoredFile, StoredTxn } from './schema';
import { ACQUIRER_PRESETS, withPreset } from '../config/presets';
import { parseFile } from '../import/detect';
import { ofxStatement } from '../../test/support/ofx';

let n = 0;
const freshDb = () => openLedgerDb(`repo-test-${++n}-${Date.now()}`);

const makeFile = (overrides: Partial<StoredFile> = {}): StoredFile => ({
  hash: 'h1',
  name: 'lakala.csv',
  size: 10,
  role: 'acquirer',
  format: 'cn-acquirer',
  acquirer: 'lakala',
  rows: 1,
  from: '2026-01-05',
  to: '2026-01-05',
  periods: [],
  warnings: [],
  importedAt: '2026-01-06T00:00:00Z',
  ...overrides,
});
const makeTxn = (overrides: Partial<StoredTxn> = {}): StoredTxn => ({
  id: '000123456789',
  kind: 'sale',
  at: '2026-01-05T10:00:00',
  grossMinor: 1000,
  feeMinor: 6,
  netMinor: 994,
  currency: 'CNY',
  merchantId: '822290058120001',
  terminal: 'T1',
  card: '6222****1234',
  cardType: 'debit',
  payoutId: null,
  settlementDate: null,
  voided: false,
  originalId: null,
  line: 5,
  acquirer: 'lakala',
  fileHash: 'h1',
  ...overrides,
});

describe('ledger repositories', () => {
  test('stores a file with its rows, and the same bytes again change nothing', async () => {
    const db = freshDb();
    expect(await storeFile(db, makeFile(), { txns: [makeTxn()] })).toBe('stored');
    expect(await storeFile(db, makeFile({ name: 'renamed.csv' }), { txns: [makeTxn({ id: 'other' })] })).toBe('duplicate');
    const all = await loadLedger(db);
    expect(all.files.map(f => f.name)).toEqual(['lakala.csv']);
    expect(all.txns.map(t => t.id)).toEqual(['000123456789']);
  });

  test('a file whose rows cannot be written leaves nothing behind', async () => {
    const db = freshDb();
    // A row that cannot be cloned makes the chunk write fail inside the transaction: the file record must go too.
    const broken = [{ id: 'B1', fileHash: 'h2', notData: () => 1 } as never];
    await expect(storeFile(db, makeFile({ hash: 'h2', role: 'bank', acquirer: null }), { bankLines: broken })).rejects.toThrow();
    const all = await loadLedger(db);
    expect(all.files).toEqual([]);
    expect(all.bankLines).toEqual([]);
  });

  test('keeps a revoked decision as history and refuses to revoke it twice', async () => {
    const db = freshDb();
    await addDecision(db, 'd1', { kind: 'unlink', bankLineId: 'B1', at: '2026-01-07T00:00:00Z' }, 'h1');
    expect(await revokeDecision(db, 'd1', '2026-01-08T00:00:00Z', 'h2')).not.toBeNull();
    expect(await revokeDecision(db, 'd1', '2026-01-09T00:00:00Z', 'h3')).toBeNull();
    expect((await loadLedger(db)).decisions).toEqual([
      {
        id: 'd1',
        decision: { kind: 'unlink', bankLineId: 'B1', at: '2026-01-07T00:00:00Z' },
        revokedAt: '2026-01-08T00:00:00Z',
        hlc: 'h2',
      },
    ]);
  });

  test('stores a config with its file record, and start-over clears everything', async () => {
    const db = freshDb();
    const config = withPreset(null, ACQUIRER_PRESETS[0]!, ['822290058120001']);
    expect(
      await saveConfig(
        db,
        config,
        '2026-01-06T00:00:00Z',
        'h1',
        makeFile({ hash: 'c1', role: 'config', format: 'settlewatch.config/1', acquirer: null }),
      ),
    ).toBe('stored');
    expect((await loadLedger(db)).config).toEqual(config);
    await storeFile(db, makeFile(), { txns: [makeTxn()] });
    await clearLedger(db);
    const all = await loadLedger(db);
    expect([all.config, all.files.length, all.txns.length, all.decisions.length]).toEqual([null, 0, 0, 0]);
  });
});

describe('schema versions', () => {
  test('version 2 moves the rows of version 1 into chunks, version 3 adds the mappings table, version 4 the cases, version 5 the tombstones, version 6 the image', async () => {
    const Dexie = (await import('dexie')).default;
    const name = `upgrade-test-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      files: '&hash, role, importedAt',
      txns: '&[acquirer+id], fileHash',
      bankLines: '&id, fileHash, bookedOn',
      decisions: '&id',
      config: '&key',
      summary: '&key',
    });
    await v1.table('files').add(makeFile());
    await v1.table('txns').bulkAdd([makeTxn(), makeTxn({ id: 'second' })]);
    await v1.table('bankLines').add({
      id: 'B1',
      account: 'A',
      bookedOn: '2026-01-06',
      valueOn: null,
      amountMinor: 994,
      currency: 'CNY',
      counterparty: 'x',
      description: '',
      line: 6,
      fileHash: 'h1',
    });
    v1.close();
    const v2 = openLedgerDb(name);
    const all = await loadLedger(v2);
    expect(all.txns.map(t => t.id)).toEqual(['000123456789', 'second']);
    expect(all.bankLines.map(l => l.id)).toEqual(['B1']);
    expect(v2.tables.map(t => t.name).sort()).toEqual([
      'caseEntries',
      'cases',
      'config',
      'decisions',
      'files',
      'image',
      'mappings',
      'replicaMeta',
      'rowChunks',
      'summary',
      'tombstones',
      'vouchers',
    ]);
    expect(v2.mappings.schema.idxByName.headerKey).toBeDefined();
    expect(v2.caseEntries.schema.idxByName.caseId).toBeDefined();
    expect(v2.vouchers.schema.idxByName.caseId).toBeDefined();
  });

  test('version 5 gives every decision, config and mapping a clock read from its own time, and the device an id', async () => {
    const Dexie = (await import('dexie')).default;
    const name = `upgrade-v5-test-${Date.now()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({
      files: '&hash, role, importedAt',
      rowChunks: '&[fileHash+chunk], fileHash',
      decisions: '&id',
      config: '&key',
      summary: '&key',
      mappings: '&id, headerKey',
    });
    await v3.table('decisions').bulkAdd([
      { id: 'd1', decision: { kind: 'unlink', bankLineId: 'B1', at: '2026-01-07T00:00:00.000Z' }, revokedAt: null },
      { id: 'd2', decision: { kind: 'unlink', bankLineId: 'B2', at: '2026-01-07T00:00:00.000Z' }, revokedAt: '2026-01-09T00:00:00.000Z' },
    ]);
    await v3.table('config').add({ key: 'current', config: { acquirers: [] }, updatedAt: '2026-01-05T00:00:00.000Z' });
    await v3.table('mappings').add({ id: 'm1', headerKey: 'k', savedAt: '2026-01-04T00:00:00.000Z' });
    v3.close();
    const v5 = openLedgerDb(name);
    const device = (await v5.replicaMeta.get('device'))!.device;
    expect(device).toMatch(/^[0-9a-f-]{36}$/);
    const wall = (iso: string) => String(Date.parse(iso)).padStart(15, '0');
    expect((await v5.decisions.toArray()).map(d => d.hlc)).toEqual([
      `${wall('2026-01-07T00:00:00.000Z')}.000000.${device}`,
      `${wall('2026-01-09T00:00:00.000Z')}.000000.${device}`,
    ]);
    expect((await v5.config.get('current'))!.hlc).toBe(`${wall('2026-01-05T00:00:00.000Z')}.000000.${device}`);
    expect((await v5.mappings.get('m1'))!.hlc).toBe(`${wall('2026-01-04T00:00:00.000Z')}.000000.${device}`);
    expect(await deviceId(v5)).toBe(device);
  });

  test('version 6 adds the ledger image table and changes no record; start-over empties it', async () => {
    const Dexie = (await import('dexie')).default;
    const name = `upgrade-v6-test-${Date.now()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({
      files: '&hash, role, importedAt',
      rowChunks: '&[fileHash+chunk], fileHash',
      decisions: '&id',
      config: '&key',
      summary: '&key',
      mappings: '&id, headerKey',
      cases: '&id, status, followUpOn',
      caseEntries: '&id, caseId',
      vouchers: '&id, caseId',
      tombstones: '&[table+id]',
      replicaMeta: '&key',
    });
    const decision = {
      id: 'd1',
      decision: { kind: 'unlink', bankLineId: 'B1', at: '2026-01-07T00:00:00.000Z' },
      revokedAt: null,
      hlc: 'x',
    };
    await v5.table('files').add(makeFile());
    await v5.table('rowChunks').add({ fileHash: 'h1', chunk: 0, txns: [makeTxn()], bankLines: [] });
    await v5.table('decisions').add(decision);
    v5.close();
    const v6 = openLedgerDb(name);
    expect(v6.verno).toBe(6);
    expect(await v6.decisions.toArray()).toEqual([decision]);
    expect((await loadLedger(v6)).txns).toEqual([makeTxn()]);
    expect(await v6.image.count()).toBe(0);
    await v6.image.put({ key: 'head' });
    await clearLedger(v6);
    expect(await v6.image.count()).toBe(0);
  });

  test('a saved mapping replaces the older one for the same layout, and start-over deletes it', async () => {
    const db = freshDb();
    const mapping = {
      id: 'm1',
      name: 'Danske Bank',
      role: 'bank' as const,
      headerKey: '#cols:6',
      delimiter: ';',
      decimal: ',' as const,
      dateOrder: 'dmy' as const,
      hasHeader: false,
      skipRows: 0,
      columns: { date: 0, amount: 3 },
      defaultCurrency: 'DKK',
      savedAt: '2026-11-26T00:00:00Z',
      hlc: 'h1',
    };
    expect(await putMapping(db, mapping)).toEqual([]);
    expect(await putMapping(db, { ...mapping, id: 'm2', name: 'Danske Bank (fixed)', hlc: 'h2' })).toEqual(['m1']);
    expect((await loadMappings(db)).map(m => m.id)).toEqual(['m2']);
    // The replaced one leaves a tombstone with the clock of the write that replaced it, for replicas that still hold it.
    expect(await db.tombstones.toArray()).toEqual([{ table: 'mappings', id: 'm1', hlc: 'h2' }]);
    await clearLedger(db);
    expect(await loadMappings(db)).toEqual([]);
  });
});

describe('each fact once across imports', () => {
  const bankFile = (hash: string, name: string, importedAt: string, warnings: StoredFile['warnings'] = []) =>
    makeFile({ hash, name, role: 'bank', format: 'ofx', acquirer: null, importedAt, warnings });
  const linesOf = (text: string, name: string, fileHash: string) =>
    parseFile(new TextEncoder().encode(text), { fileName: name }).bankLines.map(l => ({ ...l, fileHash }));

  test('two OFX accounts that both number their lines 1 to 3 keep all six lines, and the same file again changes nothing', async () => {
    const db = freshDb();
    const a = linesOf(ofxStatement('1111', ['10.00', '20.00', '30.00']), 'a.ofx', 'ha');
    const b = linesOf(ofxStatement('2222', ['40.00', '50.00', '60.00']), 'b.ofx', 'hb');
    expect(await storeFile(db, bankFile('ha', 'a.ofx', '2026-01-10T00:00:00Z'), { bankLines: a })).toBe('stored');
    expect(await storeFile(db, bankFile('hb', 'b.ofx', '2026-01-11T00:00:00Z'), { bankLines: b })).toBe('stored');
    expect(await storeFile(db, bankFile('ha', 'a again.ofx', '2026-01-12T00:00:00Z'), { bankLines: a })).toBe('duplicate');
    const all = await loadLedger(db);
    expect(all.bankLines.map(l => `${l.account}/${l.id}:${l.amountMinor}`)).toEqual([
      '1111/1:1000',
      '1111/2:2000',
      '1111/3:3000',
      '2222/1:4000',
      '2222/2:5000',
      '2222/3:6000',
    ]);
    expect(all.changes).toEqual([]);
  });

  test('a renamed copy of an export (other bytes, same rows) adds no transaction', async () => {
    const db = freshDb();
    const rows = [makeTxn({ id: 'A' }), makeTxn({ id: 'B' })];
    await storeFile(db, makeFile({ hash: 'h1' }), { txns: rows });
    await storeFile(db, makeFile({ hash: 'h2', name: 'copy.csv', importedAt: '2026-01-07T00:00:00Z' }), {
      txns: rows.map(t => ({ ...t, fileHash: 'h2' })),
    });
    expect((await loadLedger(db)).txns.map(t => t.id)).toEqual(['A', 'B']);
  });

  test('a cut export then the complete one: the complete rows win, and the change is a warning on the cut file', async () => {
    const db = freshDb();
    const cutWarning = { line: 3, field: 'fee', severity: 'warning' as const, message: 'the file ends inside this row' };
    const full = [makeTxn({ id: 'A', feeMinor: 240, netMinor: 9760, line: 2 }), makeTxn({ id: 'B', line: 3 })];
    const cut = [
      { ...full[0]!, fileHash: 'cut' },
      { ...full[1]!, feeMinor: 1, netMinor: 999, fileHash: 'cut' },
    ];
    await storeFile(db, makeFile({ hash: 'cut', name: 'cut.csv', warnings: [cutWarning] }), { txns: cut });
    await storeFile(db, makeFile({ hash: 'full', name: 'full.csv', importedAt: '2026-01-07T00:00:00Z' }), {
      txns: full.map(t => ({ ...t, fileHash: 'full' })),
    });
    const all = await loadLedger(db);
    expect(all.txns.map(t => [t.id, t.feeMinor, t.fileHash])).toEqual([
      ['A', 240, 'cut'],
      ['B', 6, 'full'],
    ]);
    expect(all.changes).toEqual([{ file: 'cut.csv', issue: expect.objectContaining({ line: 3, field: 'feeMinor', severity: 'warning' }) }]);
  });

  test('a complete export then a cut one: the complete rows stay', async () => {
    const db = freshDb();
    const full = makeTxn({ id: 'A', feeMinor: 240 });
    await storeFile(db, makeFile({ hash: 'full', name: 'full.csv' }), { txns: [{ ...full, fileHash: 'full' }] });
    await storeFile(
      db,
      makeFile({
        hash: 'cut',
        name: 'cut.csv',
        importedAt: '2026-01-07T00:00:00Z',
        warnings: [{ line: 2, field: 'fee', severity: 'warning', message: 'cut' }],
      }),
      { txns: [{ ...full, feeMinor: 10, fileHash: 'cut' }] },
    );
    expect((await loadLedger(db)).txns.map(t => [t.feeMinor, t.fileHash])).toEqual([[240, 'full']]);
  });

  test("a row captured on a page never wins over an export's row of the same reference, whichever was stored first", async () => {
    const db = freshDb();
    const cut = { line: 9, field: 'fee', severity: 'warning' as const, message: 'cut' };
    // An export read with a warning (not complete), then a page capture read cleanly, later: the export stays.
    await storeFile(db, makeFile({ hash: 'e1', warnings: [cut] }), { txns: [makeTxn({ fileHash: 'e1' })] });
    await storeFile(db, makeFile({ hash: 'c1', name: 'lakala page', format: 'portal-table', importedAt: '2026-01-07T00:00:00Z' }), {
      txns: [makeTxn({ fileHash: 'c1', netMinor: 1 })],
    });
    const all = await loadLedger(db);
    expect(all.txns.map(t => [t.fileHash, t.netMinor])).toEqual([['e1', 994]]);
    expect(all.changes.map(c => c.file)).toEqual(['lakala page']);
  });

  test('notes given with a file are added to earlier files in the same transaction', async () => {
    const db = freshDb();
    await storeFile(db, makeFile({ hash: 'c1', format: 'portal-table' }), { txns: [makeTxn({ fileHash: 'c1', netMinor: 1 })] });
    const note = { line: 5, field: 'netMinor', severity: 'warning' as const, message: 'conflict' };
    await storeFile(db, makeFile({ hash: 'e1' }), { txns: [makeTxn({ fileHash: 'e1' })] }, new Map([['c1', [note]]]));
    expect((await loadLedger(db)).files.find(f => f.hash === 'c1')?.warnings).toEqual([note]);
  });
});
