import { describe, expect, test } from 'vitest';
import type { AcquirerProfile, Config } from '../config/types';
import { parsePortalTable } from '../import/portal-table';
import type { AcquirerTxn } from '../model/types';
import { captureAcquirer, captureChanges, conflictIssue } from './captures';

const HEADERS = ['交易日期', '交易时间', '商户编号', '交易金额(元)', '手续费(元)', '结算金额(元)', '检索参考号'];
const LAKALA_NO = '822290058120001';
const OTHER_NO = '822290058129999';

function profile(id: string, format: string, merchantIds: string[] = [], currency = 'CNY'): AcquirerProfile {
  return {
    id,
    name: id,
    format,
    merchantIds,
    currency,
    timezone: 'Asia/Shanghai',
    calendar: 'CN',
    settlementLagBusinessDays: 1,
    bankCounterparties: [id],
  };
}
function config(...acquirers: AcquirerProfile[]): Config {
  return {
    schema: 'settlewatch.config/1',
    graceBusinessDays: 2,
    lateToleranceBusinessDays: 0,
    duplicateWindowMinutes: 10,
    calendars: [],
    acquirers,
  };
}
/** A page printing one row with a merchant number. */
function pageWith(merchant: string) {
  return parsePortalTable({
    portal: 'x',
    headers: HEADERS,
    rows: [['2026-03-02', '09:00:00', merchant, '43.00', '0.26', '42.74', '600100000001']],
    currency: 'CNY',
    firstLine: 1,
  });
}
const lakala = profile('lakala', 'cn-acquirer', [LAKALA_NO]);
const lakala2 = profile('lakala-shop2', 'cn-acquirer', [OTHER_NO]);
const stripe = profile('stripe-us', 'stripe-itemized', [], 'USD');

describe('whom captured rows belong to', () => {
  test('a page on a portal whose export format is shared reaches only profiles named for that portal, whatever merchant number it prints', () => {
    const cfg = config(lakala, stripe);
    expect(captureAcquirer(pageWith(LAKALA_NO), cfg, { by: 'portal', portal: 'chinaums', exportFormat: null })).toEqual({
      ok: true,
      acquirer: 'chinaums',
    });
    expect(captureAcquirer(pageWith(LAKALA_NO), cfg, { by: 'portal', portal: 'stripe', exportFormat: 'stripe-itemized' })).toEqual({
      ok: true,
      acquirer: 'stripe-us',
    });
    expect(captureAcquirer(pageWith(LAKALA_NO), cfg, { by: 'portal', portal: 'lakala', exportFormat: null })).toEqual({
      ok: true,
      acquirer: 'lakala',
    });
  });

  test("the printed merchant number only chooses among the portal's own profiles", () => {
    const cfg = config(lakala, lakala2, stripe);
    const owner = { by: 'portal', portal: 'lakala', exportFormat: null } as const;
    expect(captureAcquirer(pageWith(OTHER_NO), cfg, owner)).toEqual({ ok: true, acquirer: 'lakala-shop2' });
    expect(captureAcquirer(pageWith(LAKALA_NO), cfg, owner)).toEqual({ ok: true, acquirer: 'lakala' });
    // A number of no profile of this portal: the profile named like the portal, never another acquirer's.
    expect(captureAcquirer(pageWith('999'), cfg, owner)).toEqual({ ok: true, acquirer: 'lakala' });
  });

  test("the merchant's pick wins over what the page prints, and must name a profile", () => {
    const cfg = config(lakala, stripe);
    expect(captureAcquirer(pageWith(LAKALA_NO), cfg, { by: 'pick', acquirer: 'stripe-us' })).toEqual({ ok: true, acquirer: 'stripe-us' });
    const refused = captureAcquirer(pageWith(LAKALA_NO), cfg, { by: 'pick', acquirer: 'adyen' });
    expect(refused).toEqual({ ok: false, message: 'no acquirer profile "adyen" to capture this page for (profiles: lakala, stripe-us)' });
    expect(captureAcquirer(pageWith(LAKALA_NO), null, { by: 'pick', acquirer: 'lakala' }).ok).toBe(false);
  });

  test('before any config, rows stay under the portal id', () => {
    expect(captureAcquirer(pageWith(LAKALA_NO), null, { by: 'portal', portal: 'lakala', exportFormat: null })).toEqual({
      ok: true,
      acquirer: 'lakala',
    });
  });
});

describe("a captured row against an export's row", () => {
  const exported: AcquirerTxn = {
    id: '600100000001',
    kind: 'sale',
    at: '2026-03-02T09:00:00+08:00',
    grossMinor: 4300,
    feeMinor: 26,
    netMinor: 4274,
    currency: 'CNY',
    merchantId: LAKALA_NO,
    terminal: 'T1',
    card: '622848******1000',
    cardType: 'credit',
    payoutId: null,
    settlementDate: '2026-03-03',
    voided: false,
    originalId: null,
    line: 4,
  };
  const captured = pageWith(LAKALA_NO).acquirerTxns[0]!;

  test('a page that prints fewer columns, or a time without its zone, does not contradict the export', () => {
    expect(captured.terminal).toBeNull();
    expect(captureChanges({ ...captured, grossMinor: 4300, feeMinor: 26, netMinor: 4274 }, exported)).toEqual([]);
  });

  test('other amounts are a conflict, described with both readings', () => {
    const forged = { ...captured, grossMinor: 1, feeMinor: 0, netMinor: 1 };
    const changed = captureChanges(forged, exported);
    expect(changed).toEqual(['grossMinor', 'feeMinor', 'netMinor']);
    expect(conflictIssue(forged, exported, 'lakala.csv', changed)).toEqual({
      line: 1,
      field: 'grossMinor',
      severity: 'warning',
      message:
        "conflict: transaction 600100000001 was captured with grossMinor 0.01 CNY, feeMinor 0.00 CNY, netMinor 0.01 CNY, but lakala.csv line 4 has grossMinor 43.00 CNY, feeMinor 0.26 CNY, netMinor 42.74 CNY; the export's reading is kept",
    });
    expect(captureChanges({ ...captured, grossMinor: 4300, feeMinor: 26, netMinor: 4274, at: '2026-03-02T10:00:00' }, exported)).toEqual([
      'at',
    ]);
  });
});
