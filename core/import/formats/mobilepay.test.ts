import { describe, expect, test } from 'vitest';
import { mobilepay } from './mobilepay';
import { detectFormat } from '../detect';
import {
  bytesOf,
  checkMutatedRows,
  checkLeavesLeadFormats,
  checkRandomBytes,
  errors,
  fixture,
  totals,
} from '../../../test/support/acquirer-format-checks';

const REAL = 'real/mobilepay/MobilePay_Transfer_overview_csv_MyShop_25-08-2021_14-09-2021.csv';
const parse = (bytes: Uint8Array) => mobilepay.parse(bytes, { fileName: 'overview.csv' });
const text = () => new TextDecoder().decode(fixture(REAL));

describe('mobilepay', () => {
  test('is chosen for the real transfer overview', () => {
    expect(detectFormat(fixture(REAL))?.name).toBe('mobilepay');
  });

  test("warns when a transfer's events do not add up to it: a file cut between a Payment and its Retainable", () => {
    const lines = text().split('\n');
    const r = parse(new TextEncoder().encode(lines.slice(0, 3).join('\n') + '\n'));
    expect(r.acquirerTxns[1]).toMatchObject({ id: '208E123456789622', feeMinor: 0 });
    expect(r.issues).toMatchObject([
      {
        code: 'transfer_sum',
        line: 2,
        field: 'Amount',
        severity: 'warning',
        message:
          'the transfer is 7425 but the events in this file that name it add up to 7500 (minor units): some of them are missing (a file cut short?)',
      },
    ]);
  });

  test('reads the real overview: payments with their Retainable fee, transfers as payouts', () => {
    const r = parse(fixture(REAL));
    expect(r.issues).toEqual([]);
    expect(r.merchantIds).toEqual(['18291']);
    expect(totals(r)).toEqual({ count: 5, gross: 24775, fee: 225, net: 24550 });
    expect(r.acquirerTxns.map(t => t.kind)).toEqual(['payout', 'sale', 'payout', 'sale', 'sale']);
    expect(r.acquirerTxns[0]).toMatchObject({
      id: '02000182910012608215',
      at: '2021-08-27T03:43:24+02:00',
      netMinor: 7425,
      payoutId: '02000182910012608215',
      settlementDate: '2021-08-27',
      line: 2,
    });
    expect(r.acquirerTxns[1]).toEqual({
      id: '208E123456789622',
      kind: 'sale',
      at: '2021-08-26T14:07:45+02:00',
      grossMinor: 7500,
      feeMinor: 75,
      netMinor: 7425,
      currency: 'DKK',
      merchantId: '18291',
      terminal: 'BornHack 2021',
      card: 'xxxx 9876',
      cardType: null,
      payoutId: '02000182910012608215',
      settlementDate: '2021-08-27',
      voided: false,
      originalId: null,
      line: 3,
    });
    expect(r.acquirerTxns[4]).toMatchObject({
      id: '203E123456789887',
      netMinor: 2425,
      payoutId: '02000182910012508218',
      settlementDate: '2021-08-26',
      line: 8,
    });
  });

  test('each transfer equals the net of the payments it pays out', () => {
    const r = parse(fixture(REAL));
    for (const payout of r.acquirerTxns.filter(t => t.kind === 'payout')) {
      const paid = r.acquirerTxns.filter(t => t.kind !== 'payout' && t.payoutId === payout.payoutId);
      expect(paid.reduce((s, t) => s + t.netMinor, 0)).toBe(payout.netMinor);
    }
  });

  test('keeps a Retainable that names no payment of the file as a fee row', () => {
    const r = parse(
      bytesOf(
        text().replace(
          'Retainable;DKK;-0,75;2021-08-26T14:07:45.4490038+02:00;;;;208E123456789622',
          'Retainable;DKK;-0,75;2021-08-26T14:07:45.4490038+02:00;;;;MONTHLYFEE1',
        ),
      ),
    );
    expect(r.acquirerTxns.find(t => t.kind === 'fee')).toMatchObject({
      id: 'MONTHLYFEE1',
      grossMinor: -75,
      feeMinor: 0,
      netMinor: -75,
      line: 4,
    });
    expect(r.acquirerTxns.find(t => t.id === '208E123456789622')).toMatchObject({ feeMinor: 0, netMinor: 7500 });
  });

  test('refuses a row whose amount is not an amount, naming line and column', () => {
    const r = parse(bytesOf(text().replace('Payment;DKK;25,00', 'Payment;DKK;25,0O')));
    expect(r.acquirerTxns).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ line: 6, field: 'Amount' })]);
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(mobilepay));
  test('never throws on random bytes', () => checkRandomBytes(mobilepay));
  test('never throws on mutated rows and names line and field in every issue', () => checkMutatedRows(mobilepay, text(), 2));
});
