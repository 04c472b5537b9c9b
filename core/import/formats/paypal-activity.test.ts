import { describe, expect, test } from 'vitest';
import { detectFormat } from '../detect';
import { paypalActivity } from './paypal-activity';
import {
  bytesOf,
  checkMutatedRows,
  checkLeavesLeadFormats,
  checkRandomBytes,
  errors,
  fixture,
  totals,
} from '../../../test/support/acquirer-format-checks';

const parse = (bytes: Uint8Array) => paypalActivity.parse(bytes, { fileName: 'Download.CSV' });
const text = (path: string) => new TextDecoder().decode(fixture(path));

describe('paypal-activity', () => {
  test('recognises the activity download by its quoted header', () => {
    expect(paypalActivity.sniff(text('synthetic/paypal-activity/us.csv'), new Uint8Array())).toBeGreaterThan(0.5);
    expect(paypalActivity.sniff('Date,Description,Billing amount,Billing currency,Balance\n', new Uint8Array())).toBe(0);
  });

  test('reads a US export: month-first dates, 1,500.00, Memo rows skipped, withdrawal as payout', () => {
    const r = parse(fixture('synthetic/paypal-activity/us.csv'));
    expect(errors(r)).toEqual([]);
    expect(totals(r)).toEqual({ count: 4, gross: 231234, fee: 3866, net: 227368 });
    expect(r.acquirerTxns[0]).toEqual({
      id: '5AB12345CD6789012',
      kind: 'sale',
      at: '2026-01-03T10:12:45-08:00',
      grossMinor: 150000,
      feeMinor: 4380,
      netMinor: 145620,
      currency: 'USD',
      merchantId: null,
      terminal: null,
      card: null,
      cardType: null,
      payoutId: null,
      settlementDate: null,
      voided: false,
      originalId: null,
      line: 2,
    });
    expect(r.acquirerTxns[1]).toMatchObject({
      kind: 'refund',
      at: '2026-01-15T09:00:00-08:00',
      grossMinor: -20000,
      feeMinor: -580,
      netMinor: -19420,
      originalId: '5AB12345CD6789012',
      line: 4,
    });
    expect(r.acquirerTxns[2]).toMatchObject({
      kind: 'payout',
      netMinor: 100000,
      payoutId: '2WD12345CD6789014',
      settlementDate: '2026-01-16',
      line: 5,
    });
    expect(r.acquirerTxns[3]).toMatchObject({ id: '3WP12345CD6789015', netMinor: 1168, line: 6 });
  });

  test('reads a European export: DD.MM.YYYY and 1.234,56', () => {
    const r = parse(fixture('synthetic/paypal-activity/eu.csv'));
    expect(errors(r)).toEqual([]);
    expect(totals(r)).toEqual({ count: 3, gross: 123456 + 4990 + 124671, fee: 3595 + 180, net: 119861 + 4810 + 124671 });
    expect(r.acquirerTxns[0]).toMatchObject({ at: '2026-01-05T14:03:22+01:00', grossMinor: 123456, feeMinor: 3595, currency: 'EUR' });
    expect(r.acquirerTxns[2]).toMatchObject({ kind: 'payout', at: '2026-01-12T07:00:00+01:00', netMinor: 124671 });
  });

  test('takes day-first from a GMT zone when no day exceeds 12, and says so', () => {
    const r = parse(fixture('synthetic/paypal-activity/uk.csv'));
    expect(errors(r)).toEqual([]);
    expect(r.acquirerTxns.map(t => [t.kind, t.at, t.netMinor])).toEqual([
      ['sale', '2026-01-02T11:00:00Z', 7728],
      ['chargeback', '2026-01-03T12:30:00Z', -8000],
      ['fee', '2026-01-03T12:30:00Z', -1400],
    ]);
    expect(r.issues).toContainEqual(expect.objectContaining({ line: 2, field: 'Date', severity: 'warning' }));
  });

  test('takes month-first from a Pacific zone when no day exceeds 12', () => {
    const r = parse(bytesOf(text('synthetic/paypal-activity/uk.csv').replace(/"GMT"/g, '"PDT"')));
    expect(r.acquirerTxns[0]!.at).toBe('2026-02-01T11:00:00-07:00');
  });

  test('refuses a file that writes dates both ways', () => {
    const t = text('synthetic/paypal-activity/us.csv').replace('"01/20/2026"', '"20/01/2026"');
    expect(errors(parse(bytesOf(t)))).toContainEqual(expect.objectContaining({ field: 'Date' }));
  });

  test('refuses a row whose Gross is not an amount, naming line and column', () => {
    const r = parse(bytesOf(text('synthetic/paypal-activity/us.csv').replace('"12.34"', '"12.3x"')));
    expect(r.acquirerTxns).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ line: 6, field: 'Gross' })]);
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(paypalActivity));
  test('is the format detection picks among every registered one', () => {
    expect(detectFormat(fixture('synthetic/paypal-activity/us.csv'))?.name).toBe('paypal-activity');
    expect(detectFormat(fixture('synthetic/paypal-activity/eu.csv'))?.name).toBe('paypal-activity');
  });
  test('never throws on random bytes', () => checkRandomBytes(paypalActivity));
  test('never throws on mutated rows and names line and field in every issue', () => {
    checkMutatedRows(paypalActivity, text('synthetic/paypal-activity/us.csv').replace(/\r/g, ''), 2);
  });
});

describe('PayPal statement CSV and the single-Amount download (issue 15)', () => {
  test('reads the English statement CSV: Description as the type, no Status, IANA zones month first', () => {
    const bytes = fixture('synthetic/paypal-statement/statement-en.csv');
    expect(detectFormat(bytes)?.name).toBe('paypal-activity');
    const r = parse(bytes);
    expect(r.issues).toEqual([]);
    expect(r.acquirerTxns.map(t => [t.id, t.kind, t.at, t.grossMinor, t.feeMinor, t.netMinor, t.originalId])).toEqual([
      ['9ST00000000000001', 'sale', '2026-03-02T09:14:05-05:00', 125000, 3655, 121345, null],
      ['9ST00000000000002', 'refund', '2026-03-14T16:02:11-04:00', -10000, -290, -9710, '9ST00000000000001'],
      ['9ST00000000000003', 'payout', '2026-03-16T08:00:00-04:00', 100000, 0, 100000, null],
    ]);
  });

  test('reads the Spanish statement CSV: Fecha, Descripción, Bruto, Comisión, Neto, Id. de transacción', () => {
    const bytes = fixture('synthetic/paypal-statement/statement-es.csv');
    expect(detectFormat(bytes)?.name).toBe('paypal-activity');
    const r = parse(bytes);
    expect(errors(r)).toEqual([]);
    expect(r.issues.map(i => [i.line, i.field])).toEqual([[2, 'Date']]); // no day above 12: the order comes from the zone
    expect(r.acquirerTxns.map(t => [t.id, t.kind, t.at, t.grossMinor, t.feeMinor, t.netMinor])).toEqual([
      ['9ES00000000000001', 'sale', '2026-03-04T10:20:30+01:00', 12000, 443, 11557],
      ['9ES00000000000002', 'sale', '2026-03-05T11:00:00+01:00', 104990, 3595, 101395],
      ['9ES00000000000003', 'payout', '2026-03-09T07:30:00+01:00', 100000, 0, 100000],
    ]);
  });

  test('reads the short download with one Amount: Receipt ID or a derived id, amount as net, and says there is no fee', () => {
    const bytes = fixture('synthetic/paypal-activity/single-amount.csv');
    expect(detectFormat(bytes)?.name).toBe('paypal-activity');
    const r = parse(bytes);
    expect(r.issues).toEqual([
      {
        line: 1,
        field: 'Amount',
        severity: 'warning',
        code: 'single_amount',
        params: {},
        message: "the file has one Amount column and no Gross, Fee and Net: each amount is read as the row's net, with no fee",
      },
    ]);
    expect(r.acquirerTxns.map(t => [t.id, t.kind, t.grossMinor, t.feeMinor, t.netMinor])).toEqual([
      ['1111-2222-3333-4444', 'sale', 121345, 0, 121345],
      ['paypal:2026-03-02T09:20:00:4825:Bob Buyer', 'sale', 4825, 0, 4825],
      ['paypal:2026-03-16T08:00:00:-100000:', 'payout', 100000, 0, 100000],
    ]);
  });

  test('counts the rows that moved no money in a warning', () => {
    const r = parse(fixture('synthetic/paypal-activity/us.csv'));
    expect(r.issues).toContainEqual({
      line: 3,
      field: 'Balance Impact',
      severity: 'warning',
      code: 'left_out_rows',
      params: { count: 1, why: 'paypal_no_money' },
      message: expect.stringMatching(/^1 row that moved no money .* is left out; the first is this line$/),
    });
  });
});
