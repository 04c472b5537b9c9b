import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseFile } from '../detect';
import { stripeItemized } from './stripe-itemized';

const FIX = join(__dirname, '../../../test/fixtures');

describe('stripe-itemized', () => {
  for (const scenario of ['us', 'eu']) {
    test(`reads the generated ${scenario} payout reconciliation report with every row and id`, () => {
      const dir = join(FIX, 'generated', scenario);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
      const f = manifest.files.find((x: { role: string }) => x.role === 'acquirer');
      const r = parseFile(new Uint8Array(readFileSync(join(dir, f.path))), { fileName: f.path });
      expect(r.format).toBe('stripe-itemized');
      expect(r.issues).toEqual([]);
      expect(r.acquirerTxns).toHaveLength(f.rows);
      expect(r.acquirerTxns.map(t => t.id).sort()).toEqual(truth.transactions.map((t: { id: string }) => t.id).sort());
      for (const t of r.acquirerTxns) {
        expect(t.currency).toBe(scenario === 'us' ? 'USD' : 'EUR');
        expect(t.netMinor).toBe(t.grossMinor - t.feeMinor);
        expect(t.at).toMatch(scenario === 'us' ? /-0[45]:00$/ : /\+0[12]:00$/);
      }
    });
  }

  test('reads a report with its own column order, metadata columns, refunds, disputes, fees and unpaid rows', () => {
    const bytes = new Uint8Array(readFileSync(join(FIX, 'synthetic/stripe/itemized-reordered.csv')));
    const r = parseFile(bytes, { fileName: 'itemized-reordered.csv' });
    expect(r.format).toBe('stripe-itemized');
    expect(r.issues).toEqual([]);
    expect(
      r.acquirerTxns.map(t => [
        t.id,
        t.kind,
        t.grossMinor,
        t.feeMinor,
        t.netMinor,
        t.payoutId,
        t.settlementDate,
        t.terminal,
        t.card,
        t.cardType,
      ]),
    ).toEqual([
      [
        'txn_1TestChargeAAAA0001',
        'sale',
        2500,
        95,
        2405,
        'po_1TestPayoutAAAA01',
        '2026-03-04',
        'tmr_FrontCounter01',
        'fpAAAA1111',
        'credit',
      ],
      [
        'txn_1TestChargeAAAA0002',
        'sale',
        1250,
        49,
        1201,
        'po_1TestPayoutAAAA01',
        '2026-03-04',
        'tmr_FrontCounter01',
        'fpBBBB2222',
        'debit',
      ],
      [
        'txn_1TestRefundAAAA0003',
        'refund',
        -1250,
        0,
        -1250,
        'po_1TestPayoutAAAA02',
        '2026-03-05',
        'tmr_FrontCounter01',
        'fpBBBB2222',
        'debit',
      ],
      [
        'txn_1TestDisputeAAA0004',
        'chargeback',
        -3000,
        1500,
        -4500,
        'po_1TestPayoutAAAA02',
        '2026-03-05',
        'tmr_Patio02',
        'fpCCCC3333',
        'credit',
      ],
      ['txn_1TestFeeAAAAAAA0005', 'fee', -200, 0, -200, 'po_1TestPayoutAAAA02', '2026-03-05', null, null, null],
      ['txn_1TestChargeAAAA0006', 'sale', 800, 53, 747, null, null, 'tmr_Patio02', 'fpCCCC3333', 'credit'],
    ]);
    expect(r.acquirerTxns[0]!.at).toBe('2026-03-02T09:05:00-05:00');
    expect(r.acquirerTxns[2]!.originalId).toBe('ch_1TestChargeAAAA02');
    expect(r.acquirerTxns[1]!.reference).toBe('ch_1TestChargeAAAA02');
  });

  test('names line and column of a bad amount', () => {
    const text =
      'balance_transaction_id,reporting_category,currency,gross,fee,net,created\ntxn_1,charge,usd,12.3x,0.30,12.00,2026-03-02 10:00:00\n';
    const r = stripeItemized.parse(new TextEncoder().encode(text), { fileName: 'bad.csv' });
    expect(r.issues).toMatchObject([{ line: 2, field: 'gross', severity: 'error' }]);
  });

  test('never throws on random bytes (property)', () => {
    const head = new TextEncoder().encode('balance_transaction_id,reporting_category,currency,gross,fee,net,created\n');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), noise => {
        const bytes = new Uint8Array([...head, ...noise]);
        const r = stripeItemized.parse(bytes, { fileName: 'noise' });
        for (const i of r.issues) expect(i.line).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
