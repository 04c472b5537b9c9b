import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { detectFormat } from '../detect';
import { adyenSdr } from './adyen-sdr';
import {
  bytesOf,
  checkMutatedRows,
  checkLeavesLeadFormats,
  checkRandomBytes,
  errors,
  fixture,
  totals,
} from '../../../test/support/acquirer-format-checks';

const parse = (bytes: Uint8Array) => adyenSdr.parse(bytes, { fileName: 'sdr.csv' });
const text = (path: string) => new TextDecoder().decode(fixture(path));

describe('adyen-sdr', () => {
  test('recognises both SDR layouts by their headers and not the payments accounting report', () => {
    expect(adyenSdr.sniff(text('synthetic/adyen-sdr/classic.csv'), new Uint8Array())).toBeGreaterThan(0.9);
    expect(adyenSdr.sniff(text('synthetic/adyen-sdr/extended.csv'), new Uint8Array())).toBeGreaterThan(0.9);
    expect(
      adyenSdr.sniff(
        'Company Account,Merchant Account,Psp Reference,Booking Date,TimeZone,Record Type,Payable (SC),Commission (SC)\n',
        new Uint8Array(),
      ),
    ).toBe(0);
  });

  test('reads the classic 30-column report with exact totals, signs and fees', () => {
    const r = parse(fixture('synthetic/adyen-sdr/classic.csv'));
    expect(errors(r)).toEqual([]);
    expect(r.format).toBe('adyen-sdr');
    expect(r.merchantIds).toEqual(['AcmeShopEUR', 'AcmeShopUSD']);
    expect(totals(r)).toEqual({
      count: 8,
      gross: 12000 + 4550 - 2000 - 4550 - 1500 + 8173 + 1000 + 3000,
      fee: 240 + 87 + 29 + 90,
      net: 11760 + 4463 - 2000 - 4550 - 1500 + 8173 + 971 + 2910,
    });
    const first = r.acquirerTxns[0]!;
    expect(first).toMatchObject({
      id: '8815000000000001',
      kind: 'sale',
      at: '2026-01-05T10:15:00+01:00',
      grossMinor: 12000,
      feeMinor: 240,
      netMinor: 11760,
      currency: 'EUR',
      merchantId: 'AcmeShopEUR',
      cardType: 'debit',
      payoutId: 'TX1234567890XT',
      settlementDate: '2026-01-07',
      line: 2,
    });
    expect(r.acquirerTxns.map(t => t.kind)).toEqual(['sale', 'sale', 'refund', 'chargeback', 'fee', 'payout', 'sale', 'sale']);
    expect(r.acquirerTxns[2]).toMatchObject({ id: '8815000000000301', originalId: '8815000000000001', grossMinor: -2000, netMinor: -2000 });
    expect(r.acquirerTxns[4]).toMatchObject({ id: 'Chargeback fee January 2026', grossMinor: -1500, feeMinor: 0, netMinor: -1500 });
    expect(r.acquirerTxns[5]).toMatchObject({ kind: 'payout', netMinor: 8173, payoutId: 'TX1234567890XT', settlementDate: '2026-01-07' });
    const last = r.acquirerTxns[7]!;
    expect(last).toMatchObject({
      id: '8815000000000004',
      at: '2026-01-05T08:00:00-08:00',
      currency: 'USD',
      payoutId: 'AcmeShopUSD batch 7',
      settlementDate: null,
      line: 9,
    });
  });

  test('names a batch by the TX…XT reference of its MerchantPayout, or by merchant account and batch number before it is paid', () => {
    const r = parse(fixture('synthetic/adyen-sdr/classic.csv'));
    expect(r.acquirerTxns.map(t => t.payoutId)).toEqual([
      ...Array(6).fill('TX1234567890XT'),
      'AcmeShopEUR batch 42',
      'AcmeShopUSD batch 7',
    ]);
  });

  test('says which batches the report leaves without a MerchantPayout: a report cut before it reads the same', () => {
    const r = parse(fixture('synthetic/adyen-sdr/classic.csv'));
    expect(r.issues.filter(i => i.severity === 'warning')).toMatchObject([
      {
        code: 'batch_not_paid',
        line: 8,
        field: 'Type',
        severity: 'warning',
        message:
          'batch 42 of AcmeShopEUR has no MerchantPayout row in this report: its row is read as not paid out yet (if the report was cut short, download it again)',
      },
      {
        code: 'batch_not_paid',
        line: 9,
        field: 'Type',
        severity: 'warning',
        message:
          'batch 7 of AcmeShopUSD has no MerchantPayout row in this report: its row is read as not paid out yet (if the report was cut short, download it again)',
      },
    ]);
    // Cut after the chargeback (line 5): batch 41 loses its fee and payout rows, and is said to be unpaid.
    const lines = text('synthetic/adyen-sdr/classic.csv').split('\n');
    const cut = parse(new TextEncoder().encode(lines.slice(0, 5).join('\n') + '\n'));
    expect(errors(cut)).toEqual([]);
    expect(cut.acquirerTxns.map(t => [t.payoutId, t.settlementDate])).toEqual(Array(4).fill(['AcmeShopEUR batch 41', null]));
    expect(cut.issues).toMatchObject([
      {
        code: 'batch_not_paid',
        line: 5,
        field: 'Type',
        severity: 'warning',
        message:
          'batch 41 of AcmeShopEUR has no MerchantPayout row in this report: its 4 rows are read as not paid out yet (if the report was cut short, download it again)',
      },
    ]);
  });

  test('a batch closed by its MerchantPayout nets to the payout amount', () => {
    const r = parse(fixture('synthetic/adyen-sdr/classic.csv'));
    const batch = r.acquirerTxns.filter(t => t.payoutId === 'TX1234567890XT');
    const payout = batch.find(t => t.kind === 'payout')!;
    expect(batch.filter(t => t.kind !== 'payout').reduce((s, t) => s + t.netMinor, 0)).toBe(payout.netMinor);
  });

  test('reads the same rows whatever the column order', () => {
    const plain = parse(fixture('synthetic/adyen-sdr/classic.csv')).acquirerTxns;
    expect(parse(fixture('synthetic/adyen-sdr/reordered.csv')).acquirerTxns).toEqual(plain);
    const lines = text('synthetic/adyen-sdr/classic.csv')
      .trim()
      .split('\n')
      .map(l => l.split(','));
    fc.assert(
      fc.property(fc.shuffledSubarray([...lines[0]!.keys()], { minLength: lines[0]!.length, maxLength: lines[0]!.length }), order => {
        // Quoted cells hold commas, so only shuffle rows that have none.
        const rows = lines.filter(cells => cells.length === lines[0]!.length).map(cells => order.map(i => cells[i]).join(','));
        const shuffled = parse(bytesOf(rows.join('\n'))).acquirerTxns;
        expect(shuffled.map(t => [t.id, t.netMinor, t.feeMinor, t.grossMinor])).toEqual(
          plain.filter((_, k) => lines[k + 1]!.length === lines[0]!.length).map(t => [t.id, t.netMinor, t.feeMinor, t.grossMinor]),
        );
      }),
      { numRuns: 30 },
    );
  });

  test('reads the 49-column layout and warns once about an ARN Excel turned into 1.23E+022', () => {
    const r = parse(fixture('synthetic/adyen-sdr/extended.csv'));
    expect(errors(r)).toEqual([]);
    expect(totals(r)).toEqual({ count: 6, gross: -6 + 3 + 3000 + 500 + 25000 + 28022, fee: 475, net: -6 + 3 + 3000 + 500 + 24525 + 28022 });
    expect(r.acquirerTxns.map(t => t.kind)).toEqual(['fee', 'fee', 'adjustment', 'adjustment', 'sale', 'payout']);
    expect(r.acquirerTxns[0]).toMatchObject({
      id: 'Invoice US202602000101 Discounts and additional costs (1/2)',
      at: '2026-02-27T04:05:39-08:00',
      netMinor: -6,
    });
    expect(r.acquirerTxns[2]).toMatchObject({ id: '8815000000000504', originalId: '8815000000000004', netMinor: 3000 });
    expect(r.acquirerTxns[5]).toMatchObject({ netMinor: 28022, payoutId: 'TX5550001111XT', settlementDate: '2026-02-28' });
    const arn = r.issues.filter(i => i.field === 'ARN');
    expect(arn).toHaveLength(1);
    expect(arn[0]).toMatchObject({ line: 2, severity: 'warning' });
  });

  test('refuses a row whose amount is not a number, naming line and column', () => {
    const bad = text('synthetic/adyen-sdr/classic.csv').replace('117.60', '117.6O');
    const r = parse(bytesOf(bad));
    expect(r.acquirerTxns).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ line: 2, field: 'Net Credit (NC)' })]);
  });

  test('refuses a row whose Creation Date is not a date', () => {
    const r = parse(bytesOf(text('synthetic/adyen-sdr/classic.csv').replace('2026-01-06 09:00:00', 'yesterday')));
    expect(errors(r)).toEqual([expect.objectContaining({ line: 4, field: 'Creation Date' })]);
  });

  test('keeps times of an unknown zone without an offset and says so', () => {
    const r = parse(bytesOf(text('synthetic/adyen-sdr/classic.csv').replace(',PST,', ',XYZ,')));
    expect(r.acquirerTxns[7]!.at).toBe('2026-01-05T08:00:00');
    expect(r.issues).toContainEqual(expect.objectContaining({ field: 'TimeZone', severity: 'warning' }));
  });

  test('refuses a file without the SDR header', () => {
    const r = parse(bytesOf('a,b,c\n1,2,3\n'));
    expect(errors(r)[0]).toMatchObject({ line: 1, field: '(header)' });
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(adyenSdr));
  test('is the format detection picks among every registered one', () => {
    expect(detectFormat(fixture('synthetic/adyen-sdr/classic.csv'))?.name).toBe('adyen-sdr');
    expect(detectFormat(fixture('synthetic/adyen-sdr/extended.csv'))?.name).toBe('adyen-sdr');
  });
  test('never throws on random bytes', () => checkRandomBytes(adyenSdr));
  test('never throws on mutated rows and names line and field in every issue', () => {
    checkMutatedRows(adyenSdr, text('synthetic/adyen-sdr/extended.csv'), 2);
  });
});
