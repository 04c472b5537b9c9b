import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { openLedgerDb } from '../../core/db/db';
import { bankStatementCsv, LAKALA, LAKALA_HEADERS, lakalaCells, lakalaConfig } from '../../test/e2e/extension/ledger-files';
import { createExtensionApi } from './api';

const encode = (text: string) => new TextEncoder().encode(text);
let n = 0;
function freshApi() {
  return createExtensionApi(openLedgerDb(`extension-api-test-${++n}`), () => '2026-03-04T08:00:00.000Z');
}
const page = (index: number) => ({
  portal: 'lakala', page: 'https://merchant.lakala.com/trade/query', headers: LAKALA_HEADERS,
  rows: LAKALA.rows.slice(index * LAKALA.pageSize, (index + 1) * LAKALA.pageSize).map(lakalaCells), firstLine: index * LAKALA.pageSize + 1,
});
const keys = LAKALA.rows.map(r => ['lakala', r.ref] as const);

describe('extension worker API', () => {
  test('stores captured rows under the profile whose merchant number the page prints, each once', async () => {
    const api = freshApi();
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    const first = await api.storeCapture(page(0), 'CNY', '2026-03-04');
    expect(first.outcome).toMatchObject({ stored: 5, known: 0, skipped: 0 });
    expect(first.keys).toEqual(keys.slice(0, 5));
    const again = await api.storeCapture(page(0), 'CNY', '2026-03-04');
    expect(again.outcome).toMatchObject({ stored: 0, known: 5 });
    const overview = await api.overview('2026-03-04');
    expect(overview.transactionCount).toBe(5);
  });

  test('knows rows already imported from the acquirer\'s export file, and does not store them twice', async () => {
    const api = freshApi();
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    const csv = ['拉卡拉商户交易明细', `商户编号:${LAKALA.merchant}  商户名称:示例`, '交易日期,交易时间,商户编号,终端号,卡号,卡类型,交易类型,交易金额,手续费,结算金额,检索参考号,授权码,原交易参考号,清算日期,交易状态',
      ...LAKALA.rows.slice(0, 5).map(r => [r.date, r.time, r.merchant, r.terminal, `="${r.card}"`, r.cardType, r.type, `"${r.gross}"`, r.fee, `"${r.net}"`, `="${r.ref}"`, '123456', '', r.settle, r.status].join(','))].join('\r\n');
    const imported = await api.importFiles([{ name: '拉卡拉交易明细.csv', data: encode(csv) }], '2026-03-04');
    expect(imported[0], JSON.stringify(imported[0]?.issues.slice(0, 2)) + JSON.stringify(imported[0]?.refusal)).toMatchObject({ status: 'stored', format: 'cn-acquirer', acquirer: 'lakala', newRows: 5 });
    const captured = await api.storeCapture({ ...page(0), rows: [...page(0).rows, ...page(1).rows] }, 'CNY', '2026-03-04');
    expect(captured.outcome).toMatchObject({ stored: 5, known: 5 });
    expect((await api.overview('2026-03-04')).transactionCount).toBe(10);
  });

  test('keeps rows captured before any config under the portal id, not reconciled', async () => {
    const api = freshApi();
    const stored = await api.storeCapture(page(1), 'CNY', '2026-03-04');
    expect(stored.keys[0]).toEqual(['lakala', LAKALA.rows[5]!.ref]);
    const { rows, error } = await api.statuses('2026-03-04', stored.keys);
    expect(error).toBe('no_config');
    expect(rows.map(r => r.status)).toEqual(Array(5).fill('unreconciled'));
  });

  test('moves a batch from pending to overdue to missing as the date passes, within the bank data', async () => {
    const api = freshApi();
    await api.importFiles([{ name: 'config.json', data: encode(lakalaConfig()) }], '2026-03-04');
    for (let p = 0; p < 3; p++) await api.storeCapture(page(p), 'CNY', '2026-03-04');
    const bank = await api.importFiles([{ name: 'statement.csv', data: encode(bankStatementCsv(['2026-03-03', '2026-03-04'])) }], '2026-03-04');
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
    await api.storeCapture(page(0), 'CNY', '2026-03-04');
    let chunkReads = 0;
    db.rowChunks.hook('reading', chunk => { chunkReads++; return chunk; });
    const stored = await api.storeCapture(page(1), 'CNY', '2026-03-04');
    expect(stored.outcome).toMatchObject({ stored: 5, known: 0 });
    expect(stored.overview.transactionCount).toBe(10);
    expect(await api.overview('2026-03-04')).toEqual(stored.overview);
    expect((await api.statuses('2026-03-04', stored.keys)).rows).toHaveLength(5);
    expect(chunkReads).toBe(0);
  });
});
