import { describe, expect, test } from 'vitest';
import { makeConfig, makeLine, makeProfile, makeTxn } from '../../test/support/factories';
import { LANGS, renderAdvice, renderEvent, renderFact } from '../messages/index';
import type { AcquirerTxn, BankLine } from '../model/types';
import { reconcile } from '../reconcile/engine';
import type { AlertKind } from '../reconcile/types';
import { adviceFor, printedRate, ratePercent, type ContactAdvice } from './advice';
import { checklistOf } from './checklist';
import { caseIndex } from './observe';
import { CHECKLIST_STEPS, type TimelineEntry } from './types';

const PERIOD = { account: '31050161373600001234', from: '2026-03-01', to: '2026-03-13' };

function adviceOf(kind: AlertKind, txns: AcquirerTxn[], lines: BankLine[], periods = [PERIOD]): ContactAdvice {
  const profile = makeProfile();
  const recon = reconcile({
    config: makeConfig([profile]),
    acquirers: [{ acquirer: 'lakala', txns }],
    bankLines: lines,
    periods,
    asOf: '2026-03-13',
  });
  const byId = new Map(lines.map(l => [l.id, l]));
  const ix = caseIndex(recon, id => byId.get(id));
  const alert = recon.report.alerts.find(a => a.kind === kind);
  if (!alert) throw new Error(`no ${kind} in ${recon.report.alerts.map(a => a.kind).join(', ')}`);
  const ids = new Set(alert.transactionIds);
  return adviceFor({
    alert,
    profile,
    batches: ix.batchesOf(alert),
    txns: txns.filter(t => ids.has(t.id)),
    bankLines: lines.filter(l => alert.bankLineIds.includes(l.id)),
    credits: [],
    account: PERIOD.account,
  });
}
const factKeys = (a: ContactAdvice) => a.facts.map(f => f.key);
const fact = (a: ContactAdvice, key: string, lang: 'en' | 'zh' = 'en') => {
  const f = a.facts.find(x => x.key === key);
  return f ? renderFact(f, lang).value : undefined;
};

describe('whom to contact about a missing credit', () => {
  test('the bank first when the export prints the settlement date or payout id, with the payout reference, date, amount and account', () => {
    const a = adviceOf('missing_credit', [makeTxn({ id: 'R1', payoutId: 'PO-77', settlementDate: '2026-03-03' })], []);
    expect(a).toMatchObject({ code: 'missing_paid', first: 'bank', then: 'acquirer' });
    expect(a.params).toMatchObject({ payoutRef: 'PO-77', settledOn: '2026-03-03', amountMinor: 9940, account: PERIOD.account });
    expect(fact(a, 'payout_ref')).toBe('PO-77');
    expect(fact(a, 'account')).toBe(PERIOD.account);
    expect(renderAdvice(a, 'en')).toContain('PO-77');
    expect(renderAdvice(a, 'zh')).toContain('PO-77');
  });

  test('the acquirer first without such evidence, with merchant number, terminal, trade date, references, amounts and the expected date', () => {
    const a = adviceOf('missing_credit', [makeTxn({ id: '123456789012', terminal: 'T9' })], []);
    expect(a).toMatchObject({ code: 'missing_unpaid', first: 'acquirer', then: 'bank' });
    expect(factKeys(a)).toEqual(
      expect.arrayContaining(['merchant_numbers', 'terminals', 'trade_date', 'references', 'gross', 'fees', 'net', 'expected_on']),
    );
    expect(fact(a, 'merchant_numbers')).toBe('822290058120001');
    expect(fact(a, 'references')).toBe('123456789012');
    expect(fact(a, 'expected_on', 'zh')).toBe('2026年3月3日');
    expect(fact(a, 'net', 'zh')).toBe('¥99.40');
  });

  test('a long list of references says how many more there are', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      makeTxn({ id: `R${String(i).padStart(2, '0')}`, at: `2026-03-02T10:${String(i).padStart(2, '0')}:00+08:00` }),
    );
    const a = adviceOf('missing_credit', many, []);
    expect(fact(a, 'references')).toMatch(/R19 and 5 more$/);
  });
});

describe('whom to contact about the other kinds', () => {
  test('a short credit: the acquirer, with the shortfall, the credit and the bank reference', () => {
    const a = adviceOf('short_credit', [makeTxn({ id: 'S' })], [makeLine({ id: 'BK1', amountMinor: 9900 })]);
    expect(a).toMatchObject({ code: 'short', first: 'acquirer', params: { shortfallMinor: 40, expectedMinor: 9940, creditedMinor: 9900 } });
    expect(fact(a, 'bank_reference')).toBe('BK1');
  });

  test('a duplicate charge: the POS slips first, then a refund or void through the acquirer, with both charges', () => {
    const a = adviceOf('duplicate_charge', [makeTxn({ id: 'D1' }), makeTxn({ id: 'D2', at: '2026-03-02T10:02:00+08:00' })], []);
    expect(a).toMatchObject({ code: 'duplicate', first: 'self', then: 'acquirer', params: { times: 2, extraMinor: 10000 } });
    expect(fact(a, 'references')).toBe('D1, D2');
    expect(renderAdvice(a, 'en')).toMatch(/POS slips/);
    expect(renderAdvice(a, 'zh')).toMatch(/签购单/);
  });

  test('a fee mismatch states the contracted and the printed rate and fee', () => {
    const a = adviceOf('fee_mismatch', [makeTxn({ id: 'F', grossMinor: 10000, feeMinor: 78 })], []);
    expect(a).toMatchObject({
      code: 'fee',
      first: 'acquirer',
      params: { contractedRate: '0.60%', printedRate: '0.78%', contractedMinor: 60, printedMinor: 78, sales: 1 },
    });
    expect(fact(a, 'fee_difference')).toBe('0.18 CNY');
    expect(renderAdvice(a, 'en')).toMatch(/MCC/);
  });

  test('a fee below the contract claims nothing: check your own records, the acquirer may take the difference later', () => {
    const a = adviceOf('fee_mismatch', [makeTxn({ id: 'F', grossMinor: 10000, feeMinor: 40 })], []);
    expect(a).toMatchObject({ code: 'fee_under', first: 'self', params: { contractedMinor: 60, printedMinor: 40, printedRate: '0.40%' } });
    expect(fact(a, 'fee_below_contract')).toBe('0.20 CNY');
    expect(renderAdvice(a, 'en')).not.toMatch(/refund/);
    expect(renderAdvice(a, 'zh')).toContain('补扣差额 ¥0.20');
  });

  test('an unknown credit: ask the acquirer what it pays for', () => {
    const a = adviceOf('unknown_credit', [], [makeLine({ id: 'U1', amountMinor: 5000 })]);
    expect(a).toMatchObject({ code: 'unknown', first: 'acquirer' });
    expect(fact(a, 'bank_reference')).toBe('U1');
  });

  test('a statement left out: the bank, for the statement of those days', () => {
    const a = adviceOf('coverage_gap', [makeTxn({ id: 'G' })], [], [{ ...PERIOD, from: '2026-03-05' }]);
    expect(a).toMatchObject({ code: 'coverage', first: 'bank', params: { account: PERIOD.account, to: '2026-03-04' } });
  });
});

describe('rates', () => {
  test('a contract rate moves its digits to a percentage exactly', () => {
    expect(ratePercent('0.0060')).toBe('0.60%');
    expect(ratePercent('0.00385')).toBe('0.385%');
    expect(ratePercent('0.1')).toBe('10.00%');
  });
  test('the printed rate is the fees over the gross, half up to two decimals', () => {
    expect(printedRate(78, 10000)).toBe('0.78%');
    expect(printedRate(1, 300)).toBe('0.33%');
    expect(printedRate(5, 1000)).toBe('0.50%');
    expect(printedRate(0, 0)).toBe('—');
  });
});

describe('the checklist', () => {
  const note = (whom: 'acquirer' | 'bank' | 'regulator', on: string): TimelineEntry => ({
    id: `n-${whom}`,
    caseId: 'c',
    at: 't',
    updatedAt: 't',
    source: 'merchant',
    action: 'called',
    whom,
    on,
    note: '',
    removedAt: null,
  });
  test('ticks what the data shows, and the merchant’s own mark wins', () => {
    const items = checklistOf(
      { followUpOn: '2026-03-20', checklist: { contact_bank: { done: false, on: null, note: 'branch closed', updatedAt: 't' } } },
      [note('acquirer', '2026-03-14'), note('bank', '2026-03-15')],
      { statementCovers: true, duplicateCheckRan: true, duplicatesFound: 0, vouchers: 0 },
    );
    expect(items.map(i => [i.step, i.done, i.by, i.shownBy])).toEqual([
      ['check_account', true, 'data', 'statement_covers'],
      ['check_records', true, 'data', 'no_duplicates'],
      ['contact_acquirer', true, 'data', 'contacted'],
      ['contact_bank', false, 'merchant', null],
      ['keep_vouchers', false, null, null],
      ['keep_watching', true, 'data', 'follow_up'],
      ['complain_regulator', false, null, null],
    ]);
    expect(items.map(i => i.step)).toEqual(CHECKLIST_STEPS);
  });
});

describe('words of cases', () => {
  test('every engine event reads in every language without a hole', () => {
    const events = [
      { kind: 'raised', alertKind: 'missing_credit', amountMinor: 100, currency: 'CNY' },
      { kind: 'changed', fromKind: 'missing_credit', toKind: 'short_credit', fromMinor: 100, toMinor: 5, currency: 'CNY' },
      { kind: 'changed', fromKind: 'fee_mismatch', toKind: 'fee_mismatch', fromMinor: 100, toMinor: 5, currency: 'CNY' },
      { kind: 'credit_arrived', bankLineId: 'L', bookedOn: '2026-03-03', amountMinor: 100, currency: 'CNY' },
      { kind: 'credit_removed', bankLineId: 'L' },
      { kind: 'status', status: 'resolved_credited' },
      { kind: 'cleared', alertKind: 'coverage_gap' },
      { kind: 'reopened', alertKind: 'missing_credit', amountMinor: 100, currency: 'CNY' },
    ] as const;
    for (const lang of LANGS)
      for (const e of events) {
        const text = renderEvent(e, lang);
        expect(text).not.toMatch(/undefined|null|NaN|\[object/);
        expect(text.length).toBeGreaterThan(5);
      }
    expect(renderEvent(events[3], 'zh')).toBe('款项到账：2026年3月3日入账 ¥1.00（银行流水号 L）');
  });
});
