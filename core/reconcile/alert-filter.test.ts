import { expect, test } from 'vitest';
import { filterAlerts } from './alert-filter';
import type { Alert } from './types';

const alert = (id: string, o: Partial<Alert>): Alert =>
  ({
    id,
    kind: 'missing_credit',
    severity: 'critical',
    acquirer: 'lakala',
    transactionIds: [],
    bankLineIds: [],
    amountMinor: 1,
    currency: 'CNY',
    code: 'missing_credit',
    params: {},
    ...o,
  }) as Alert;

test('lists open alerts of the chosen kind, severity and acquirer, most severe first, then by due date', () => {
  const alerts = [
    alert('w', { severity: 'warning', expectedOn: '2026-01-01' }),
    alert('c2', { expectedOn: '2026-01-03' }),
    alert('c1', { expectedOn: '2026-01-02' }),
    alert('d', { dismissed: { reason: 'known' } }),
    alert('o', { acquirer: 'stripe' }),
    alert('f', { kind: 'fee_mismatch', severity: 'info' }),
  ];
  expect(filterAlerts(alerts, {}).map(a => a.id)).toEqual(['o', 'c1', 'c2', 'w', 'f']);
  expect(filterAlerts(alerts, { showDismissed: true, acquirer: 'lakala', severity: 'critical' }).map(a => a.id)).toEqual(['d', 'c1', 'c2']);
  expect(filterAlerts(alerts, { kind: 'fee_mismatch' }).map(a => a.id)).toEqual(['f']);
});
