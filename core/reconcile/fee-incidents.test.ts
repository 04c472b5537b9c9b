import { describe, expect, test } from 'vitest';
import { makeConfig, makeTxn } from '../../test/support/factories';
import type { AcquirerTxn } from '../model/types';
import { percentOf } from '../model/money';
import { renderAlert } from '../messages/index';
import { reconcile } from './engine';
import { dismissalTouches } from './dismissals';
import { simplestRate } from './fee-incidents';
import type { Alert, Decision } from './types';

/** A credit-card sale (contract 0.60 %) charged `rate` on `day` (March 2026) at `hh`:00. */
function sale(id: string, day: number, grossMinor: number, rate: number, hh = 10): AcquirerTxn {
  const feeMinor = Math.floor((grossMinor * rate * 10_000 + 5_000) / 10_000 + 1e-9);
  return makeTxn({
    id,
    at: `2026-03-${String(day).padStart(2, '0')}T${String(hh).padStart(2, '0')}:00:00+08:00`,
    grossMinor,
    feeMinor,
    netMinor: grossMinor - feeMinor,
    cardType: 'credit',
  });
}

function fees(txns: AcquirerTxn[], decisions: Decision[] = []) {
  const r = reconcile({ config: makeConfig(), acquirers: [{ acquirer: 'lakala', txns }], bankLines: [], periods: [], decisions });
  return r.report.alerts.filter(a => a.kind === 'fee_mismatch');
}

const at = '2026-03-10T09:00:00Z';

describe('fee mismatches grouped per incident', () => {
  test('sales charged the same wrong rate on consecutive days are one alert listing them all, summing printed − contracted', () => {
    const txns = [sale('A', 2, 10_000, 0.0078), sale('B', 2, 25_000, 0.0078, 14), sale('C', 3, 12_345, 0.0078), sale('D', 4, 999, 0.0078)];
    const alerts = fees(txns);
    expect(alerts).toHaveLength(1);
    const [a] = alerts;
    expect(a!.id).toBe('fee_mismatch:A');
    expect(a!.transactionIds).toEqual(['A', 'B', 'C', 'D']);
    const sum = txns.reduce((s, t) => s + t.feeMinor - Math.floor((t.grossMinor * 60 + 5_000) / 10_000), 0);
    expect(a!.amountMinor).toBe(sum);
    expect(a!.severity).toBe('warning');
    expect(a!.params).toMatchObject({ count: 4, from: '2026-03-02', to: '2026-03-04', printedRate: '0.0078', contractedRate: '0.0060' });
  });

  test('a day without the fault ends the incident: the next wrong day is another alert', () => {
    const alerts = fees([sale('A', 2, 10_000, 0.0078), sale('B', 4, 10_000, 0.0078)]);
    expect(alerts.map(a => a.transactionIds)).toEqual([['A'], ['B']]);
  });

  test('another printed rate on the same days is another incident', () => {
    const alerts = fees([sale('A', 2, 10_000, 0.0078), sale('B', 2, 10_000, 0.0125, 11), sale('C', 3, 20_000, 0.0078)]);
    expect(alerts.map(a => a.transactionIds).sort()).toEqual([['A', 'C'], ['B']]);
  });

  test('an undercharge is info and kept apart from the overcharges of the same days', () => {
    const alerts = fees([sale('A', 2, 10_000, 0.0078), sale('B', 2, 10_000, 0.0038, 11), sale('C', 3, 10_000, 0.0038)]);
    expect(alerts.map(a => [a.transactionIds, a.severity, Math.sign(a.amountMinor)])).toEqual([
      [['A'], 'warning', 1],
      [['B', 'C'], 'info', -1],
    ]);
  });

  test('debit and credit sales (other contracted rates) are separate incidents', () => {
    const debit = { ...sale('D', 2, 10_000, 0.0078), cardType: 'debit' as const };
    const alerts = fees([sale('A', 2, 10_000, 0.0078), debit]);
    expect(alerts.map(a => [a.transactionIds, (a.params as { contractedRate: string }).contractedRate])).toEqual([
      [['A'], '0.0060'],
      [['D'], '0.0050'],
    ]);
  });

  test('the same sales in another file order give the same alerts and ids', () => {
    const txns = [
      sale('A', 2, 10_000, 0.0078),
      sale('B', 2, 25_000, 0.0078, 14),
      sale('C', 3, 12_345, 0.0125),
      sale('D', 3, 5_000, 0.0078),
    ];
    expect(fees([...txns].reverse())).toEqual(fees(txns));
  });

  test('an incident says the rates, the days and the sums in both languages', () => {
    const [a] = fees([sale('A', 2, 10_000, 0.0078), sale('B', 3, 20_000, 0.0078)]);
    expect(renderAlert(a!, 'en')).toBe(
      '拉卡拉: 2 sales from 2026-03-02 to 2026-03-03 were charged 0.78% where the contract says 0.60%: fees 2.34 CNY instead of 1.80 CNY on 300.00 CNY of sales (0.54 CNY overcharged)',
    );
    expect(renderAlert(a!, 'zh')).toBe(
      '拉卡拉：2026年3月2日至2026年3月3日的 2 笔消费按 0.78% 收取手续费，合同费率为 0.60%：手续费共 ¥2.34，按合同应为 ¥1.80，消费金额 ¥300.00（多收 ¥0.54）',
    );
  });
});

describe('dismissing fee incidents', () => {
  const incident = () => [sale('A', 2, 10_000, 0.0078), sale('B', 2, 20_000, 0.0078, 11), sale('C', 3, 30_000, 0.0078)];

  test('dismissing an incident (its sales recorded) dismisses it whole, under the same id', () => {
    const d: Decision = {
      kind: 'dismiss_alert',
      alertId: 'fee_mismatch:A',
      reason: 'refunded by lakala',
      at,
      transactionIds: ['A', 'B', 'C'],
    };
    expect(fees(incident(), [d])).toMatchObject([
      { id: 'fee_mismatch:A', transactionIds: ['A', 'B', 'C'], dismissed: { reason: 'refunded by lakala' } },
    ]);
  });

  test('a sale that joins a dismissed incident later is open: the dismissal named the sales it saw', () => {
    const d: Decision = { kind: 'dismiss_alert', alertId: 'fee_mismatch:A', reason: 'refunded', at, transactionIds: ['A', 'B'] };
    const alerts = fees(incident(), [d]);
    expect(alerts.map(a => [a.id, a.transactionIds, a.dismissed?.reason ?? null])).toEqual([
      ['fee_mismatch:A', ['A', 'B'], 'refunded'],
      ['fee_mismatch:C', ['C'], null],
    ]);
  });

  test('dismissals made when fee alerts were per sale still cover the sales they named, and the rest stays open', () => {
    const old: Decision[] = [
      { kind: 'dismiss_alert', alertId: 'fee_mismatch:B', reason: 'promo rate agreed', at },
      { kind: 'dismiss_alert', alertId: 'fee_mismatch:C', reason: 'promo rate agreed', at },
    ];
    const alerts = fees(incident(), old);
    expect(alerts.map(a => [a.id, a.transactionIds, a.dismissed?.reason ?? null])).toEqual([
      ['fee_mismatch:A', ['A'], null],
      ['fee_mismatch:B', ['B', 'C'], 'promo rate agreed'],
    ]);
    // Nothing is lost: every sale is in exactly one alert.
    expect(alerts.flatMap(a => a.transactionIds).sort()).toEqual(['A', 'B', 'C']);
  });

  test('an old per-sale dismissal of the incident’s first sale covers that sale only', () => {
    const alerts = fees(incident(), [{ kind: 'dismiss_alert', alertId: 'fee_mismatch:A', reason: 'ok', at }]);
    expect(alerts.map(a => [a.id, a.transactionIds, a.dismissed?.reason ?? null])).toEqual([
      ['fee_mismatch:A', ['A'], 'ok'],
      ['fee_mismatch:B', ['B', 'C'], null],
    ]);
  });
});

describe('which dismissals a case shows', () => {
  const alert: Pick<Alert, 'id' | 'kind' | 'transactionIds'> = { id: 'fee_mismatch:B', kind: 'fee_mismatch', transactionIds: ['B', 'C'] };
  const d = (alertId: string, transactionIds?: string[]) => ({ kind: 'dismiss_alert', alertId, reason: 'x', at, transactionIds }) as const;
  test('a fee dismissal is about an incident when it covers one of its sales, by list or by the old per-sale id', () => {
    expect(dismissalTouches(d('fee_mismatch:C'), alert)).toBe(true);
    expect(dismissalTouches(d('fee_mismatch:A', ['A', 'B']), alert)).toBe(true);
    expect(dismissalTouches(d('fee_mismatch:A'), alert)).toBe(false);
  });
  test('other alerts are matched by id alone', () => {
    const missing: Pick<Alert, 'id' | 'kind' | 'transactionIds'> = {
      id: 'missing_credit:lakala|2026-03-02|2026-03-03',
      kind: 'missing_credit',
      transactionIds: ['B'],
    };
    expect(dismissalTouches(d(missing.id), missing)).toBe(true);
    expect(dismissalTouches(d('fee_mismatch:B'), missing)).toBe(false);
  });
});

describe('rates', () => {
  test('the simplest decimal inside a span of rates', () => {
    expect(simplestRate({ n: 155n, d: 20_000n }, { n: 157n, d: 20_000n })).toBe('0.0078');
    expect(simplestRate({ n: 1n, d: 3n }, { n: 1n, d: 2n })).toBe('0.34');
    expect(simplestRate({ n: 1_000_000_000n, d: 3_000_000_001n }, { n: 1_000_000_001n, d: 3_000_000_001n })).toBeNull();
  });
  test('a decimal fraction as a percentage, exactly', () => {
    expect(['0.0078', '0.0060', '0.026', '0.00785', '1', '0.5'].map(percentOf)).toEqual([
      '0.78%',
      '0.60%',
      '2.60%',
      '0.785%',
      '100.00%',
      '50.00%',
    ]);
  });
});
