import { describe, expect, test } from 'vitest';
import { makeConfig, makeLine, makeProfile, makeTxn } from '../../test/support/factories';
import { reconcile } from './engine';
import type { AcquirerTxn, BankLine } from '../model/types';
import type { Decision, ReconcileInput } from './types';

function run(txns: AcquirerTxn[], lines: BankLine[], extra: Partial<ReconcileInput> = {}) {
  return reconcile({ config: makeConfig(), acquirers: [{ acquirer: 'lakala', txns }], bankLines: lines, periods: [], ...extra });
}
const statusOf = (r: ReturnType<typeof run>, id: string) => r.report.transactions.find(t => t.id === id)!.status;
const kinds = (r: ReturnType<typeof run>) => r.report.alerts.map(a => a.kind).sort();

describe('expected credits', () => {
  test('a sale is due the first business day after its trade date', () => {
    const t = makeTxn();
    const r = run([t], [makeLine({ bookedOn: '2026-03-06', amountMinor: 1 })]);
    expect(r.report.transactions[0]!.expectedOn).toBe('2026-03-03');
  });
  test('a sale at or after the cutoff trades on the next day', () => {
    const t = makeTxn({ at: '2026-03-02T23:00:00+08:00' });
    const r = run([t], [makeLine({ bookedOn: '2026-03-06', amountMinor: 1 })]);
    expect(r.batches[0]!.tradeDate).toBe('2026-03-03');
    expect(r.report.transactions[0]!.expectedOn).toBe('2026-03-04');
  });
  test('a Friday sale before 春节 is due after the holiday, on the make-up Saturday 2026-02-14', () => {
    const t = makeTxn({ at: '2026-02-13T12:00:00+08:00' });
    const r = run([t], [makeLine({ bookedOn: '2026-02-27', amountMinor: 1 })]);
    expect(r.report.transactions[0]!.expectedOn).toBe('2026-02-14');
  });
  test('a printed settlement date wins over the lag rule', () => {
    const t = makeTxn({ settlementDate: '2026-03-05' });
    const r = run([t], [makeLine({ bookedOn: '2026-03-06', amountMinor: 1 })]);
    expect(r.report.transactions[0]!.expectedOn).toBe('2026-03-05');
  });
  test('voided sales and their void rows have no expected date and never settle', () => {
    const sale = makeTxn({ id: 'S1' });
    const v = makeTxn({ id: 'V1', kind: 'void', grossMinor: -10000, feeMinor: -60, netMinor: -9940, originalId: 'S1' });
    const kept = makeTxn({ id: 'S2', grossMinor: 5000, feeMinor: 30 });
    const r = run([sale, v, kept], [makeLine({ amountMinor: 4970 })]);
    expect(r.report.transactions.map(t => [t.id, t.status, t.expectedOn])).toEqual([
      ['S1', 'voided', null],
      ['V1', 'voided', null],
      ['S2', 'settled', '2026-03-03'],
    ]);
  });
});

describe('statuses', () => {
  const sale = () => makeTxn({ id: 'S' });
  test('a credit of exactly the batch net on E settles it', () => {
    const r = run([sale()], [makeLine({ id: 'B', amountMinor: 9940 })]);
    expect(statusOf(r, 'S')).toBe('settled');
    expect(r.report.transactions[0]!.bankLineIds).toEqual(['B']);
    expect(r.links[0]!.reason).toMatchObject({ pass: 'exact', amountDeltaMinor: 0, dateDeltaBusinessDays: 0 });
  });
  test('a credit two business days after E is settled_late with an info alert', () => {
    const r = run([sale()], [makeLine({ amountMinor: 9940, bookedOn: '2026-03-05' })]);
    expect(statusOf(r, 'S')).toBe('settled_late');
    expect(r.report.alerts).toMatchObject([{ kind: 'late_credit', severity: 'info', amountMinor: 9940, transactionIds: ['S'] }]);
  });
  test('the late tolerance lets a credit a day late count as settled', () => {
    const r = reconcile({
      config: makeConfig([makeProfile()], { lateToleranceBusinessDays: 1 }),
      acquirers: [{ acquirer: 'lakala', txns: [sale()] }],
      bankLines: [makeLine({ amountMinor: 9940, bookedOn: '2026-03-04' })],
      periods: [],
    });
    expect(r.report.transactions[0]!.status).toBe('settled');
  });
  test('an unpaid batch is pending up to E, overdue within the grace period, then missing', () => {
    // A statement from the sale's day to d: every day from E to the as-of date is covered.
    const upTo = (d: string) =>
      run([sale()], [makeLine({ counterparty: '房东', amountMinor: -100, bookedOn: d })], {
        periods: [{ account: '31050161373600001234', from: '2026-03-02', to: d }],
      });
    expect(statusOf(upTo('2026-03-03'), 'S')).toBe('pending');
    expect(statusOf(upTo('2026-03-04'), 'S')).toBe('overdue');
    expect(statusOf(upTo('2026-03-05'), 'S')).toBe('overdue');
    const missing = upTo('2026-03-06');
    expect(statusOf(missing, 'S')).toBe('missing');
    expect(missing.report.alerts).toMatchObject([{ kind: 'missing_credit', severity: 'critical', amountMinor: 9940 }]);
    expect(upTo('2026-03-04').report.alerts).toMatchObject([{ kind: 'missing_credit', severity: 'warning' }]);
  });
  test('a statement of the last day alone cannot show the credit: the days before it are uncovered', () => {
    const r = run([sale()], [makeLine({ counterparty: '房东', amountMinor: -100, bookedOn: '2026-03-06' })]);
    expect(statusOf(r, 'S')).toBe('unverifiable');
    expect(r.report.alerts).toMatchObject([
      { kind: 'coverage_gap', severity: 'warning', from: '2026-03-03', to: '2026-03-05', transactionIds: ['S'] },
    ]);
    expect(r.report.coverage).toEqual([
      { account: '31050161373600001234', covered: [['2026-03-06', '2026-03-06']], gaps: [['2026-03-03', '2026-03-05']], holes: [] },
    ]);
  });
  test('the as-of date is the period end a statement declares, not its last booking', () => {
    const r = run([sale()], [makeLine({ counterparty: '房东', amountMinor: -100, bookedOn: '2026-03-03' })], {
      periods: [{ account: '31050161373600001234', from: '2026-03-01', to: '2026-03-09' }],
    });
    expect(r.report.asOf).toBe('2026-03-09');
    expect(statusOf(r, 'S')).toBe('missing');
  });
  test('with statements of two accounts the as-of date is the earlier coverage', () => {
    const r = run(
      [sale()],
      [
        makeLine({ account: 'A', counterparty: 'x', amountMinor: -1, bookedOn: '2026-03-10' }),
        makeLine({ account: 'B', counterparty: 'x', amountMinor: -1, bookedOn: '2026-03-04' }),
      ],
    );
    expect(r.report.asOf).toBe('2026-03-04');
  });
  test('the apps pass today: a batch due after the statement ends awaits a newer statement', () => {
    const r = run([sale()], [makeLine({ counterparty: '房东', amountMinor: -100, bookedOn: '2026-03-02' })], { today: '2026-11-26' });
    expect(r.report.asOf).toBe('2026-03-02');
    expect(statusOf(r, 'S')).toBe('pending');
  });
  test('with no bank statement at all every unpaid batch is pending, whatever today is', () => {
    const r = run([sale()], [], { today: '2026-11-26' });
    expect(statusOf(r, 'S')).toBe('pending');
    expect(r.report.alerts.filter(a => a.kind === 'missing_credit')).toEqual([]);
  });
  test('a batch whose refunds outweigh its sales owes no credit, so it is never missing', () => {
    const refund = makeTxn({ id: 'R', kind: 'refund', grossMinor: -20000, feeMinor: 0, netMinor: -20000 });
    const r = run([makeTxn({ id: 'S' }), refund], [makeLine({ counterparty: '房东', amountMinor: -1, bookedOn: '2026-03-10' })], {
      periods: [{ account: '31050161373600001234', from: '2026-03-01', to: '2026-03-10' }],
    });
    expect(r.report.transactions.map(t => t.status)).toEqual(['settled', 'settled']);
    expect(r.report.alerts).toEqual([]);
  });
  test('an explicit as-of date ignores credits booked after it', () => {
    const r = run([sale()], [makeLine({ amountMinor: 9940, bookedOn: '2026-03-03' })], { asOf: '2026-03-02' });
    expect(statusOf(r, 'S')).toBe('pending');
  });
});

describe('matching', () => {
  test('a credit the bank calls an adjustment (差错调整) is never taken for a short payment: the batch stays unpaid', () => {
    const r = run(
      [makeTxn({ id: 'S' })],
      [makeLine({ id: 'ADJ', amountMinor: 9_700, bookedOn: '2026-03-03', description: '清算款 差错调整' })],
      {
        periods: [{ account: '31050161373600001234', from: '2026-03-01', to: '2026-03-09' }],
      },
    );
    expect(statusOf(r, 'S')).toBe('missing');
    expect(kinds(r)).toEqual(['missing_credit', 'unknown_credit']);
    // The same credit described as a settlement is a short one.
    const short = run([makeTxn({ id: 'S' })], [makeLine({ id: 'PAY', amountMinor: 9_700, bookedOn: '2026-03-03' })], {
      periods: [{ account: '31050161373600001234', from: '2026-03-01', to: '2026-03-09' }],
    });
    expect(kinds(short)).toEqual(['short_credit']);
  });
  test('two short credits that could each pay either of two batches due that day are paired by size, never called missing', () => {
    // Friday's and Saturday's batches are both due on Monday 2026-03-09; ChinaUMS-style, each is paid apart, both short.
    const fri = makeTxn({ id: 'FRI', at: '2026-03-06T12:00:00+08:00', grossMinor: 100_000, feeMinor: 600, netMinor: 99_400 });
    const sat = makeTxn({ id: 'SAT', at: '2026-03-07T12:00:00+08:00', grossMinor: 101_000, feeMinor: 606, netMinor: 100_394 });
    const r = run(
      [fri, sat],
      [
        makeLine({ id: 'C1', amountMinor: 96_500, bookedOn: '2026-03-09' }),
        makeLine({ id: 'C2', amountMinor: 97_400, bookedOn: '2026-03-09' }),
      ],
      {
        periods: [{ account: '31050161373600001234', from: '2026-03-01', to: '2026-03-13' }],
      },
    );
    expect(r.report.transactions.map(t => [t.id, t.status, t.bankLineIds])).toEqual([
      ['FRI', 'settled', ['C1']],
      ['SAT', 'settled', ['C2']],
    ]);
    expect(r.report.alerts.map(a => [a.kind, a.bankLineIds, a.amountMinor])).toEqual([
      ['short_credit', ['C1'], 2_900],
      ['short_credit', ['C2'], 2_994],
    ]);
  });

  test('credits from other counterparties with the same amount are decoys', () => {
    const r = run(
      [makeTxn({ id: 'S' })],
      [
        makeLine({ id: 'WX', counterparty: '财付通支付科技有限公司', amountMinor: 9940 }),
        makeLine({ id: 'LKL', amountMinor: 9940, bookedOn: '2026-03-04' }),
      ],
    );
    expect(r.report.transactions[0]!.bankLineIds).toEqual(['LKL']);
  });
  test('a blank counterparty with the acquirer in the memo belongs to it', () => {
    const r = run(
      [makeTxn({ id: 'S' })],
      [makeLine({ id: 'B', counterparty: '', description: '汇入 拉卡拉支付股份有限公司 清算资金', amountMinor: 9940 })],
    );
    expect(statusOf(r, 'S')).toBe('settled');
  });
  test('an acquirer debit is neither a credit nor an unknown credit', () => {
    const r = run([makeTxn({ id: 'S' })], [makeLine({ amountMinor: -9900 }), makeLine({ id: 'B', amountMinor: 9940 })]);
    expect(kinds(r)).toEqual([]);
  });
  test('Friday, Saturday and Sunday paid as one Monday credit link all three batches', () => {
    const fri = makeTxn({ id: 'F', at: '2026-03-06T12:00:00+08:00', settlementDate: '2026-03-09' });
    const sat = makeTxn({ id: 'A', at: '2026-03-07T12:00:00+08:00', grossMinor: 20000, feeMinor: 120, settlementDate: '2026-03-09' });
    const sun = makeTxn({ id: 'U', at: '2026-03-08T12:00:00+08:00', grossMinor: 30000, feeMinor: 180, settlementDate: '2026-03-09' });
    const r = run([fri, sat, sun], [makeLine({ id: 'MON', bookedOn: '2026-03-09', amountMinor: 9940 + 19880 + 29820 })]);
    expect(r.report.transactions.map(t => t.status)).toEqual(['settled', 'settled', 'settled']);
    expect(r.links).toHaveLength(1);
    expect(r.links[0]!.reason.pass).toBe('combined');
  });
  test('a late batch caught up with the next one is linked to that one credit', () => {
    const mon = makeTxn({ id: 'M', at: '2026-03-02T12:00:00+08:00' });
    const tue = makeTxn({ id: 'T', at: '2026-03-03T12:00:00+08:00', grossMinor: 20000, feeMinor: 120 });
    const r = run([mon, tue], [makeLine({ id: 'B', bookedOn: '2026-03-04', amountMinor: 9940 + 19880 })]);
    expect(r.report.transactions.map(t => t.status)).toEqual(['settled_late', 'settled']);
  });
  test('a credit short of its batch links it and raises short_credit with the shortfall', () => {
    const r = run([makeTxn({ id: 'S', grossMinor: 1000000, feeMinor: 6000 })], [makeLine({ id: 'B', amountMinor: 994000 - 20000 })]);
    expect(statusOf(r, 'S')).toBe('settled');
    expect(r.report.alerts).toMatchObject([
      { kind: 'short_credit', severity: 'critical', amountMinor: 20000, bankLineIds: ['B'], transactionIds: ['S'] },
    ]);
  });
  test('an unrelated acquirer credit far below the batch is an unknown credit, not a short one', () => {
    const r = run([makeTxn({ id: 'S', grossMinor: 1000000, feeMinor: 6000 })], [makeLine({ id: 'B', amountMinor: 123457 })]);
    expect(statusOf(r, 'S')).toBe('pending');
    expect(kinds(r)).toEqual(['unknown_credit']);
    expect(r.report.alerts.find(a => a.kind === 'unknown_credit')).toMatchObject({ bankLineIds: ['B'], amountMinor: 123457 });
  });
  test('a payout id printed in the bank text links its payout whatever the amount', () => {
    const t = makeTxn({ id: 'S', payoutId: 'po_1ABCDEFGH', settlementDate: '2026-03-03' });
    const r = run([t], [makeLine({ id: 'B', amountMinor: 9900, description: 'STRIPE PAYOUT po_1ABCDEFGH' })]);
    expect(r.links[0]!.reason).toMatchObject({ pass: 'reference', referenceHit: 'po_1ABCDEFGH', amountDeltaMinor: -40 });
  });
});

describe('transaction alerts', () => {
  test('flags the same card, terminal and amount within the window as a duplicate charge', () => {
    const a = makeTxn({ id: 'A', at: '2026-03-02T10:00:00+08:00' });
    const b = makeTxn({ id: 'B', at: '2026-03-02T10:04:00+08:00' });
    const c = makeTxn({ id: 'C', at: '2026-03-02T10:14:00+08:00' });
    const d = makeTxn({ id: 'D', at: '2026-03-02T10:24:01+08:00' });
    const r = run([a, b, c, d], []);
    expect(r.report.alerts.filter(x => x.kind === 'duplicate_charge')).toMatchObject([
      { transactionIds: ['A', 'B', 'C'], amountMinor: 20000 },
    ]);
  });
  test('a duplicate group with a refunded member raises nothing', () => {
    const a = makeTxn({ id: 'A' });
    const b = makeTxn({ id: 'B', at: '2026-03-02T10:01:00+08:00' });
    const refund = makeTxn({
      id: 'R',
      kind: 'refund',
      at: '2026-03-03T09:00:00+08:00',
      grossMinor: -10000,
      feeMinor: 0,
      netMinor: -10000,
      originalId: 'B',
    });
    expect(run([a, b, refund], []).report.alerts.filter(x => x.kind === 'duplicate_charge')).toEqual([]);
  });
  test('a fee above the contracted rate is a fee mismatch of the difference', () => {
    const r = run([makeTxn({ id: 'S', grossMinor: 10000, feeMinor: 78, cardType: 'credit' })], []);
    expect(r.report.alerts).toMatchObject([{ kind: 'fee_mismatch', amountMinor: 18, transactionIds: ['S'] }]);
  });
  test('the debit cap applies before comparing fees', () => {
    const r = run([makeTxn({ grossMinor: 1000000, feeMinor: 2500, cardType: 'debit' })], []);
    expect(r.report.alerts.filter(a => a.kind === 'fee_mismatch')).toEqual([]);
  });
  test('refund rows are never fee mismatches', () => {
    const r = run([makeTxn({ kind: 'refund', grossMinor: -5000, feeMinor: 0, netMinor: -5000 })], []);
    expect(r.report.alerts.filter(a => a.kind === 'fee_mismatch')).toEqual([]);
  });
});

describe('decisions by a person', () => {
  const t = () => makeTxn({ id: 'S' });
  const at = '2026-03-10T09:00:00Z';
  test('unlinking a credit leaves the batch unpaid and the credit unknown', () => {
    const lines = [makeLine({ id: 'B', amountMinor: 9940 }), makeLine({ counterparty: 'x', amountMinor: -1, bookedOn: '2026-03-09' })];
    const d: Decision[] = [{ kind: 'unlink', bankLineId: 'B', at }];
    const r = run([t()], lines, { decisions: d });
    expect(statusOf(r, 'S')).toBe('missing');
    expect(kinds(r)).toEqual(['missing_credit', 'unknown_credit']);
  });
  test('a manual link wins over the engine, even for a different amount', () => {
    const lines = [makeLine({ id: 'B', amountMinor: 5000 })];
    const r = run([t()], lines, { decisions: [{ kind: 'manual_link', bankLineId: 'B', batchIds: ['lakala|2026-03-02|2026-03-03'], at }] });
    expect(r.links[0]!.reason.pass).toBe('manual');
    expect(statusOf(r, 'S')).toBe('settled');
  });
  test('the latest decision on a credit stands: unlink then link again', () => {
    const lines = [makeLine({ id: 'B', amountMinor: 9940 })];
    const r = run([t()], lines, {
      decisions: [
        { kind: 'unlink', bankLineId: 'B', at: '2026-03-10T09:00:00Z' },
        { kind: 'manual_link', bankLineId: 'B', batchIds: ['lakala|2026-03-02|2026-03-03'], at: '2026-03-10T09:05:00Z' },
      ],
    });
    expect(statusOf(r, 'S')).toBe('settled');
  });
  test('a dismissed alert stays in the report marked dismissed with its reason', () => {
    const r = run([makeTxn({ id: 'S', feeMinor: 78 })], [], {
      decisions: [{ kind: 'dismiss_alert', alertId: 'fee_mismatch:S', reason: 'promo rate agreed', at }],
    });
    expect(r.report.alerts).toMatchObject([{ id: 'fee_mismatch:S', dismissed: { reason: 'promo rate agreed' } }]);
  });
});

describe('alert ids', () => {
  const chinaums = makeProfile({
    id: 'chinaums',
    name: '银联商务',
    merchantIds: ['898310058120002'],
    bankCounterparties: ['银联商务股份有限公司'],
  });
  const twoAcquirers = (txns: AcquirerTxn[], lines: BankLine[] = [], decisions: Decision[] = []) =>
    reconcile({
      config: makeConfig([makeProfile(), chinaums]),
      acquirers: [
        { acquirer: 'lakala', txns },
        { acquirer: 'chinaums', txns: txns.map(t => ({ ...t })) },
      ],
      bankLines: lines,
      periods: [],
      decisions,
    });

  test('name the fact they are about, so the same facts give the same ids', () => {
    const lines = [makeLine({ id: 'B1', amountMinor: 5 }), makeLine({ counterparty: '房东', amountMinor: -100, bookedOn: '2026-03-06' })];
    const r = run([makeTxn({ id: 'S', feeMinor: 78 })], lines, {
      periods: [{ account: '31050161373600001234', from: '2026-03-02', to: '2026-03-06' }],
    });
    expect(r.report.alerts.map(a => a.id).sort()).toEqual(
      ['fee_mismatch:S', 'missing_credit:lakala|2026-03-02|2026-03-03', 'unknown_credit:B1'].sort(),
    );
  });

  test('two acquirers printing the same reference get one alert id each, naming the acquirer, whatever their order', () => {
    const ids = twoAcquirers([makeTxn({ id: 'S', feeMinor: 78 })])
      .report.alerts.filter(a => a.kind === 'fee_mismatch')
      .map(a => a.id);
    expect(ids.sort()).toEqual(['fee_mismatch:chinaums:S', 'fee_mismatch:lakala:S']);
    const dismissed = twoAcquirers(
      [makeTxn({ id: 'S', feeMinor: 78 })],
      [],
      [{ kind: 'dismiss_alert', alertId: 'fee_mismatch:lakala:S', reason: 'promo', at: '2026-03-10T09:00:00Z' }],
    ).report.alerts.filter(a => a.dismissed);
    expect(dismissed.map(a => a.id)).toEqual(['fee_mismatch:lakala:S']);
  });

  test('two accounts numbering a credit alike get one alert id each, naming the account', () => {
    const lines = [makeLine({ id: '1', amountMinor: 5 }), makeLine({ id: '1', account: '6222', amountMinor: 7 })];
    const ids = run([], lines).report.alerts.map(a => a.id);
    expect(ids.sort()).toEqual(['unknown_credit:31050161373600001234:1', 'unknown_credit:6222:1']);
  });
});

describe('payout rows', () => {
  test('a payout row in the export sets what the batch expects from the bank', () => {
    const sale = makeTxn({ id: 'S', payoutId: 'CH123', settlementDate: '2026-03-04' });
    const payout = makeTxn({
      id: 'P',
      kind: 'payout',
      payoutId: 'CH123',
      settlementDate: '2026-03-04',
      grossMinor: 9800,
      feeMinor: 0,
      netMinor: 9800,
      terminal: null,
      card: null,
    });
    const r = run([sale, payout], [makeLine({ id: 'B', bookedOn: '2026-03-04', amountMinor: 9800 })]);
    expect(r.batches[0]!.netMinor).toBe(9800);
    expect(r.report.transactions.map(t => t.status)).toEqual(['settled', 'settled']);
    expect(r.report.alerts.filter(a => a.kind === 'short_credit')).toEqual([]);
  });
});
