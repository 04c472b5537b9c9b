import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateLedger, type GeneratedLedger } from '../../test/support/ledger';
import { openLedgerDb } from '../db/db';
import { readRows } from '../import/mapping/rows';
import { createLedgerHandlers, unwrap } from './index';

const BIN = fileURLToPath(new URL('../../bin/settlewatch.mjs', import.meta.url));
let n = 0;

async function ledgerOf(generated: GeneratedLedger) {
  const h = createLedgerHandlers(openLedgerDb(`exports-test-${++n}-${Date.now()}`), {
    today: () => '2026-11-26',
    now: () => new Date().toISOString(),
  });
  const files = generated.manifest.files
    .filter(f => ['config', 'acquirer', 'bank'].includes(f.role))
    .map(f => ({ name: f.path, data: new Uint8Array(readFileSync(join(generated.dir, f.path))) }));
  unwrap(await h.importFiles(files));
  return h;
}

async function csvRows(blob: Blob): Promise<{ bom: boolean; rows: string[][] }> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const read = readRows(bytes, ',');
  if (!read.ok) throw new Error(read.message);
  return { bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, rows: read.rows.map(r => [...r.cells]) };
}

describe('exports of the current view', () => {
  let generated: GeneratedLedger;
  beforeAll(() => {
    generated = generateLedger({ scenario: 'cn', seed: 7, days: 15, txPerDay: 30 });
  });

  test('exports the transactions a filter shows, the same rows as the table, headers in Chinese', async () => {
    const h = await ledgerOf(generated);
    const page = unwrap(await h.queryTxns({ status: 'missing', offset: 0, limit: 1_000_000 }));
    expect(page.total).toBeGreaterThan(0);
    const file = unwrap(await h.exportTxnsCsv({ status: 'missing' }, 'zh'));
    const { bom, rows } = await csvRows(file.blob);
    expect(bom).toBe(true);
    expect(file.name).toMatch(/^settlewatch-transactions-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.rows).toBe(page.total);
    expect(rows[0]![0]).toBe('交易时间');
    expect(rows.slice(1).map(r => r[2])).toEqual(page.rows.map(r => r.id));
    expect(new Set(rows.slice(1).map(r => r[4]))).toEqual(new Set(['未到账']));
    // Net amounts as decimals add up to the table's minor units exactly.
    const netColumn = rows[0]!.indexOf('结算金额');
    const sum = rows.slice(1).reduce((s, r) => s + Math.round(Number(r[netColumn]) * 100), 0);
    expect(sum).toBe(page.rows.reduce((s, r) => s + r.netMinor, 0));
  });

  test('exports bank lines and alerts with the screens filters, in English', async () => {
    const h = await ledgerOf(generated);
    const unlinked = unwrap(await h.queryBankLines({ linked: 'unlinked', offset: 0, limit: 1_000_000 }));
    const bank = await csvRows(unwrap(await h.exportBankCsv({ linked: 'unlinked' }, 'en')).blob);
    expect(bank.rows[0]![0]).toBe('Booked on');
    expect(bank.rows.slice(1).map(r => r[5])).toEqual(unlinked.rows.map(l => l.id));

    const summary = unwrap(await h.init());
    const critical = summary.alerts.filter(a => a.severity === 'critical' && !a.dismissed);
    expect(critical.length).toBeGreaterThan(0);
    const alerts = await csvRows(unwrap(await h.exportAlertsCsv({ severity: 'critical' }, 'en')).blob);
    expect(alerts.rows[0]![0]).toBe('Alert');
    expect(
      alerts.rows
        .slice(1)
        .map(r => r[0])
        .sort(),
    ).toEqual(critical.map(a => a.id).sort());
    // Each row lists the transactions its alert names (the summary's alerts leave them out; the file does not).
    const column = alerts.rows[0]!.indexOf('Transactions');
    expect(column).toBeGreaterThan(0);
    for (const row of alerts.rows.slice(1)) {
      const named = unwrap(await h.alertDetail(row[0]!))!.alert!.transactionIds;
      expect(row[column]!.split(' ').filter(Boolean)).toEqual(named);
    }
    expect(alerts.rows.slice(1).some(r => r[column] !== '')).toBe(true);
  });

  test('exports the same settlewatch.report/1 as the command line', async () => {
    const h = await ledgerOf(generated);
    const file = unwrap(await h.exportReportJson('en'));
    const fromApp = JSON.parse(await file.blob.text()) as { schema: string; asOf: string };
    expect(fromApp.schema).toBe('settlewatch.report/1');
    const cli = spawnSync(process.execPath, [BIN, ...generated.manifest.reconcileArgs, '--as-of', fromApp.asOf, '--lang', 'en'], {
      cwd: generated.dir,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(await file.blob.text()).toBe(cli.stdout);
  });
});
