import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { openLedgerDb } from '../db/db';
import { STATUSES } from '../reconcile/types';
import { createLedgerHandlers, errorText, readConfigJson, txnMatcher, unwrap, type ImportSource } from './index';
import type { BankQuery, DecisionInput, ImportProgress, TxnQuery } from './types';
import { ofxStatement } from '../../test/support/ofx';

const GEN = fileURLToPath(new URL('../../test/tools/gen-ledger.mjs', import.meta.url));
let n = 0;
/** The handlers over a fresh database, with the values of the Results that every test here expects to succeed unwrapped. */
function freshLedger(name = `ledger-test-${++n}-${Date.now()}`) {
  const h = createLedgerHandlers(openLedgerDb(name), { today: () => '2026-11-26', now: () => new Date().toISOString() });
  return {
    ...h,
    init: async () => unwrap(await h.init()),
    importFiles: async (files: ImportSource[]) => unwrap(await h.importFiles(files)),
    queryTxns: async (q: TxnQuery) => unwrap(await h.queryTxns(q)),
    queryBankLines: async (q: BankQuery) => unwrap(await h.queryBankLines(q)),
    decide: async (d: DecisionInput) => unwrap(await h.decide(d)),
    undo: async (id: string) => unwrap(await h.undo(id)),
    cancel: () => void h.cancelImport(),
  };
}

interface Generated {
  files: ImportSource[];
  byStatus: Record<string, number>;
  transactions: number;
}

function generate(scenario: string, seed: number): Generated {
  const dir = mkdtempSync(join(tmpdir(), 'settlewatch-worker-'));
  const run = spawnSync(
    process.execPath,
    [GEN, '--scenario', scenario, '--seed', String(seed), '--days', '15', '--tx-per-day', '30', '--out', dir],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files = manifest.files
    .filter((f: { role: string }) => ['config', 'acquirer', 'bank'].includes(f.role))
    .map((f: { path: string }) => ({ name: f.path, data: new Uint8Array(readFileSync(join(dir, f.path))) }));
  const byStatus = Object.fromEntries(STATUSES.map(s => [s, manifest.stats.byStatus[s] ?? 0]));
  return { files, byStatus, transactions: manifest.stats.transactions };
}

describe('the ledger worker', () => {
  let cn: Generated;
  beforeAll(() => {
    cn = generate('cn', 5);
  });

  test('imports a config given after the exports first, and reconciles to the true status counts', async () => {
    const ledger = freshLedger();
    const reversed = [...cn.files].reverse();
    const outcomes = await ledger.importFiles(reversed);
    expect(outcomes.map(o => o.status)).toEqual(reversed.map(() => 'stored'));
    const summary = await ledger.init();
    expect(summary.error).toBeNull();
    expect(summary.statusCounts).toEqual(cn.byStatus);
  });

  test('finds the batch of every transaction that settles', async () => {
    const ledger = freshLedger();
    await ledger.importFiles(cn.files);
    const page = await ledger.queryTxns({ offset: 0, limit: 1_000_000 });
    expect(page.total).toBe(cn.transactions);
    const orphans = page.rows.filter(r => r.status !== 'voided' && r.batchId === null);
    expect(orphans).toEqual([]);
  });

  test('refuses an acquirer export before any config, offering its merchant number for a preset', async () => {
    const ledger = freshLedger();
    const lakala = cn.files.find(f => f.name.startsWith('lakala'))!;
    const [outcome] = await ledger.importFiles([lakala]);
    expect(outcome!.status).toBe('refused');
    expect(outcome!.refusal?.code).toBe('no_config');
    expect(outcome!.merchantIds).toContain('822290058120001');
    expect((await ledger.queryTxns({ offset: 0, limit: 10 })).total).toBe(0);

    const applied = await ledger.applyPreset('lakala', [...outcome!.merchantIds]);
    expect(applied.ok).toBe(true);
    const [again] = await ledger.importFiles([lakala]);
    expect(again!.status).toBe('stored');
    expect(again!.acquirer).toBe('lakala');
  });

  test('changes nothing when the same files come again', async () => {
    const ledger = freshLedger();
    await ledger.importFiles(cn.files);
    const before = await ledger.init();
    const outcomes = await ledger.importFiles(cn.files);
    expect(outcomes.map(o => o.status)).toEqual(cn.files.map(() => 'duplicate'));
    expect((await ledger.init()).revision).toBe(before.revision);
  });

  test('says it is reconciling once the files are stored, also when they only add rows, and not when nothing changed', async () => {
    const name = `ledger-test-${++n}-${Date.now()}`;
    const h = createLedgerHandlers(openLedgerDb(name), { today: () => '2026-11-26', now: () => new Date().toISOString() });
    const stagesOf = async (files: ImportSource[]) => {
      const seen: ImportProgress[] = [];
      unwrap(await h.importFiles(files, p => seen.push(p)));
      return seen;
    };
    const bank = cn.files.filter(f => /bank/.test(f.name));
    expect(bank.length).toBeGreaterThan(0);
    await stagesOf(cn.files.filter(f => !bank.includes(f)));
    const appended = await stagesOf(bank);
    const first = appended.findIndex(p => p.stage === 'reconcile');
    expect(first).toBeGreaterThan(0);
    expect(appended.slice(0, first).every(p => p.stage !== 'reconcile')).toBe(true);
    expect(appended.slice(first).map(p => p.stage)).toEqual(appended.slice(first).map(() => 'reconcile'));
    expect(appended[first]).toMatchObject({ file: bank.length, files: bank.length, share: 0 });
    expect((await stagesOf(bank)).some(p => p.stage === 'reconcile')).toBe(false);
  });

  test('refuses a bank statement with a malformed amount, naming the line, and stores none of it', async () => {
    const ledger = freshLedger();
    const bank = cn.files.find(f => f.name.startsWith('bank'))!;
    const text = Buffer.from(bank.data as Uint8Array)
      .toString('latin1')
      .split('\n');
    const at = text.findIndex((l, i) => i > 3 && /,"[\d,]+\.\d{2}",/.test(l));
    text[at] = text[at]!.replace(/,"[\d,]+\.\d{2}",/, ',"12,3x.00",');
    await ledger.importFiles(cn.files.filter(f => f !== bank));
    const [outcome] = await ledger.importFiles([{ name: 'bad.csv', data: new Uint8Array(Buffer.from(text.join('\n'), 'latin1')) }]);
    expect(outcome!.status).toBe('refused');
    expect(outcome!.issues.some(i => i.severity === 'error' && i.line === at + 1)).toBe(true);
    expect((await ledger.queryBankLines({ offset: 0, limit: 10 })).total).toBe(0);
  });

  test('follows an unlink decision and undoes it', async () => {
    const ledger = freshLedger();
    await ledger.importFiles(cn.files);
    const before = await ledger.init();
    const linked = (await ledger.queryBankLines({ linked: 'linked', offset: 0, limit: 1 })).rows[0]!;
    const { id } = await ledger.decide({ kind: 'unlink', bankLineId: linked.id });
    const summary = await ledger.init();
    expect(summary.statusCounts.settled + summary.statusCounts.settled_late).toBeLessThan(
      before.statusCounts.settled + before.statusCounts.settled_late,
    );
    const undone = await ledger.undo(id);
    expect(undone.undone).toBe(true);
    expect((await ledger.init()).statusCounts).toEqual(before.statusCounts);
  });

  test('dismissing a fee incident records its sales, dismisses it after a reload, and shows on its case', async () => {
    const name = `ledger-fee-${++n}`;
    const ledger = freshLedger(name);
    await ledger.importFiles(cn.files);
    const fees = (await ledger.init()).alerts.filter(a => a.kind === 'fee_mismatch');
    const incident = (await Promise.all(fees.map(async a => unwrap(await ledger.alertDetail(a.id))!.alert!))).find(
      a => a.transactionIds.length > 1,
    )!;
    expect(incident).toBeDefined();
    await ledger.decide({ kind: 'dismiss_alert', alertId: incident.id, reason: 'refunded by the acquirer' });
    const again = freshLedger(name);
    expect((await again.init()).alerts.find(a => a.id === incident.id)!.dismissed).toEqual({ reason: 'refunded by the acquirer' });
    const detail = unwrap(await again.alertDetail(incident.id))!;
    expect(detail.alert!.dismissed).toEqual({ reason: 'refunded by the acquirer' });
    expect(detail.alert!.transactionIds).toEqual(incident.transactionIds);
    const stored = detail.decisions.map(d => d.decision);
    expect(stored).toMatchObject([{ kind: 'dismiss_alert', alertId: incident.id, transactionIds: incident.transactionIds }]);
  });

  test('stores nothing after a cancel', async () => {
    const ledger = freshLedger();
    const running = ledger.importFiles(cn.files);
    ledger.cancel();
    const outcomes = await running;
    expect(outcomes.map(o => o.refusal?.code)).toEqual(cn.files.map(() => 'cancelled'));
    expect((await ledger.queryTxns({ offset: 0, limit: 1 })).total).toBe(0);
    expect((await ledger.queryBankLines({ offset: 0, limit: 1 })).total).toBe(0);
  });

  test('reports a config with errors by path and keeps the old one', async () => {
    const ledger = freshLedger();
    const [outcome] = await ledger.importFiles([
      { name: 'c.json', data: new TextEncoder().encode('{"schema":"settlewatch.config/1","acquirers":[{"id":"x"}]}') },
    ]);
    expect(outcome!.refusal?.code).toBe('config_invalid');
    expect(outcome!.issues.map(i => i.field)).toContain('acquirers[0].currency');
    expect((await ledger.init()).error).toBe('no_config');
  });
});

describe('helpers', () => {
  test('tells a config from other JSON and from CSV', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(readConfigJson(enc('\ufeff {"schema":"settlewatch.config/1","acquirers":[]}'))).not.toBeNull();
    expect(readConfigJson(enc('{"schema":"settlewatch.report/1"}'))).toBeNull();
    expect(readConfigJson(enc('交易日期,交易时间'))).toBeNull();
  });

  test('searches by card last digits, terminal, reference and amount', () => {
    const txn = { id: '049300034340', card: '622262*********7026', terminal: '57796387', grossMinor: 2640, netMinor: 2627 } as Parameters<
      NonNullable<ReturnType<typeof txnMatcher>>
    >[0];
    for (const q of ['7026', '577963', '0493000', '26.40', '26.27']) expect(txnMatcher(q)!(txn)).toBe(true);
    for (const q of ['7027', '26.41']) expect(txnMatcher(q)!(txn)).toBe(false);
  });
});

describe('files read with a column mapping', () => {
  const danish = new Uint8Array(
    readFileSync(fileURLToPath(new URL('../../test/fixtures/real/western-bank-csv/bank.csv', import.meta.url))),
  );
  const sameLayout = new TextEncoder().encode(
    [
      '05/09/2023;Nets payout 2023-09-04;;12.500,00;323.952,23;',
      '05/09/2023;Card fee September;;-49,00;323.903,23;',
      '06/09/2023;Nets payout 2023-09-05;;8.100,50;332.003,73;',
    ].join('\r\n') + '\r\n',
  );

  test('refuses a headerless Danish statement as needing a mapping, with a guess that reads it', async () => {
    const ledger = freshLedger();
    const [outcome] = await ledger.importFiles([{ name: 'bank.csv', data: danish }]);
    expect(outcome!.status).toBe('refused');
    expect(outcome!.refusal?.code).toBe('needs_mapping');
    const guess = outcome!.mapping!.guesses.bank;
    expect(guess).toMatchObject({
      role: 'bank',
      headerKey: '#cols:6',
      delimiter: ';',
      decimal: ',',
      dateOrder: 'dmy',
      hasHeader: false,
      defaultCurrency: 'XXX',
    });
    expect(guess.columns).toMatchObject({ date: 0, amount: 3, balance: 4, description: 1 });
    expect(outcome!.mapping!.guesses.acquirer.role).toBe('acquirer');
    const preview = outcome!.mapping!.preview;
    expect(preview.header).toEqual([]);
    expect(preview.raw[0]!.slice(0, 5)).toEqual([
      '04/09/2023',
      'QuickPay, Aarhus Nota nr. 85263233244334896968251',
      '',
      '-151,25',
      '353.226,14',
    ]);
    expect(preview.issues[0]).toMatchObject({ severity: 'error', field: '(mapping)' });
    expect((await ledger.queryBankLines({ offset: 0, limit: 10 })).total).toBe(0);
  });

  test('saving the mapping with a currency imports the waiting file, and a file of the same layout goes in by itself', async () => {
    const ledger = freshLedger();
    const [refused] = await ledger.importFiles([{ name: 'bank.csv', data: danish }]);
    const profile = { ...refused!.mapping!.guesses.bank, name: 'Danske Bank', defaultCurrency: 'DKK' };
    const preview = await ledger.previewMapping(danish, profile);
    expect(preview.ok && preview.value.rows[0]).toMatchObject({ date: '2023-09-04', amountMinor: -15125, currency: 'DKK' });
    expect(preview.ok && preview.value.issues.filter(i => i.severity === 'error')).toEqual([]);

    const saved = await ledger.saveMapping(profile);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.value.outcomes).toHaveLength(1);
    expect(saved.value.outcomes[0]).toMatchObject({ name: 'bank.csv', status: 'stored', role: 'bank', format: 'mapped', rows: 6 });
    const lines = await ledger.queryBankLines({ offset: 0, limit: 100 });
    expect(lines.total).toBe(6);
    expect(lines.rows.every(l => l.currency === 'DKK')).toBe(true);
    expect(lines.rows.map(l => l.amountMinor)).toContain(-920000);

    const [second] = await ledger.importFiles([{ name: 'bank-september.csv', data: sameLayout }]);
    expect(second).toMatchObject({ status: 'stored', format: 'mapped', rows: 3, newRows: 3 });
    expect((await ledger.queryBankLines({ offset: 0, limit: 100 })).total).toBe(9);
  });

  test('keeps a saved mapping across a restart of the worker', async () => {
    const name = `ledger-test-mapping-${Date.now()}`;
    const first = freshLedger(name);
    const [refused] = await first.importFiles([{ name: 'bank.csv', data: danish }]);
    expect((await first.saveMapping({ ...refused!.mapping!.guesses.bank, name: 'Danske Bank', defaultCurrency: 'DKK' })).ok).toBe(true);
    const again = freshLedger(name);
    const [second] = await again.importFiles([{ name: 'bank-september.csv', data: sameLayout }]);
    expect(second!.status).toBe('stored');
    const mappings = await openLedgerDb(name).mappings.toArray();
    expect(mappings.map(m => m.name)).toEqual(['Danske Bank']);
    expect(unwrap(await again.deleteMapping(mappings[0]!.id)).deleted).toBe(true);
    const [third] = await again.importFiles([
      { name: 'other.csv', data: new TextEncoder().encode('07/09/2023;x;;1,00;1,00;\r\n08/09/2023;y;;2,00;3,00;\r\n') },
    ]);
    expect(third!.refusal?.code).toBe('needs_mapping');
  });

  test('an acquirer mapping ends with a working profile named after the mapping, and the file goes in', async () => {
    const ledger = freshLedger();
    const csv = new TextEncoder().encode(
      [
        'Booked,Sum,Charge,Paid out,Till',
        '2026-11-02 10:15,100.00,1.50,98.50,T1',
        '2026-11-02 11:40,40.00,0.60,39.40,T1',
        '2026-11-03 09:05,25.00,0.38,24.62,T2',
      ].join('\n'),
    );
    const [refused] = await ledger.importFiles([{ name: 'shop.csv', data: csv }]);
    expect(refused!.refusal?.code).toBe('needs_mapping');
    const guess = refused!.mapping!.guesses.acquirer;
    expect(guess.columns).toMatchObject({ date: 0, gross: 1, fee: 2, net: 3 });
    const saved = await ledger.saveMapping({
      ...guess,
      columns: { ...guess.columns, terminal: 4 },
      name: 'Shop terminal export',
      defaultCurrency: 'EUR',
    });
    const stored = saved.ok ? saved.value.outcomes[0] : null;
    expect(stored).toMatchObject({
      status: 'stored',
      role: 'acquirer',
      format: 'mapped',
      acquirer: 'mapped-shop-terminal-export',
      rows: 3,
    });
    const summary = await ledger.init();
    expect(summary.acquirers.map(a => [a.id, a.name])).toEqual([['mapped-shop-terminal-export', 'Shop terminal export']]);
    const txns = await ledger.queryTxns({ offset: 0, limit: 10 });
    expect(txns.rows.map(r => [r.grossMinor, r.feeMinor, r.netMinor, r.terminal])).toEqual([
      [10000, 150, 9850, 'T1'],
      [4000, 60, 3940, 'T1'],
      [2500, 38, 2462, 'T2'],
    ]);
  });

  test('refuses a mapping without a date column, saying so, and stores nothing', async () => {
    const ledger = freshLedger();
    const [refused] = await ledger.importFiles([{ name: 'bank.csv', data: danish }]);
    const { date: _date, ...noDate } = refused!.mapping!.guesses.bank.columns;
    const bad = {
      ...refused!.mapping!.guesses.bank,
      name: 'Broken',
      defaultCurrency: 'DKK',
      columns: noDate as typeof noDate & { date: number },
    };
    const saved = await ledger.saveMapping(bad);
    expect(saved).toEqual({ ok: false, error: { code: 'mapping_invalid', params: { message: 'the mapping has no date column' } } });
    const noCurrency = await ledger.saveMapping({ ...refused!.mapping!.guesses.bank, name: 'No currency' });
    expect(noCurrency.ok).toBe(false);
    expect(!noCurrency.ok && errorText(noCurrency.error)).toMatch(/currency/);
    expect((await ledger.queryBankLines({ offset: 0, limit: 10 })).total).toBe(0);
  });
});

describe('the ledger worker keeps every fact once (issue 16)', () => {
  test('two OFX accounts that both number their lines 1 to 3 keep all six lines, now and after a reload', async () => {
    const name = `ledger-two-accounts-${Date.now()}`;
    const ledger = freshLedger(name);
    const enc = (text: string) => new TextEncoder().encode(text);
    const outcomes = await ledger.importFiles([
      { name: 'a.ofx', data: enc(ofxStatement('1111', ['10.00', '20.00', '30.00'])) },
      { name: 'b.ofx', data: enc(ofxStatement('2222', ['40.00', '50.00', '60.00'])) },
    ]);
    expect(outcomes.map(o => [o.status, o.status === 'stored' ? o.newRows : null])).toEqual([
      ['stored', 3],
      ['stored', 3],
    ]);
    expect((await ledger.queryBankLines({ offset: 0, limit: 10 })).total).toBe(6);
    const again = await ledger.importFiles([{ name: 'a copy.ofx', data: enc(ofxStatement('1111', ['10.00', '20.00', '30.00']) + '\n') }]);
    expect(again.map(o => [o.status, o.status === 'stored' ? o.newRows : null])).toEqual([['stored', 0]]);
    const reopened = freshLedger(name);
    expect((await reopened.queryBankLines({ offset: 0, limit: 10 })).total).toBe(6);
  });
});
