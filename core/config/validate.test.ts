import { describe, expect, test } from 'vitest';
import { validateConfig } from './validate';

const good = {
  schema: 'settlewatch.config/1',
  graceBusinessDays: 2,
  lateToleranceBusinessDays: 0,
  duplicateWindowMinutes: 10,
  calendars: [{ id: 'CN-2026', weekend: [6, 0], holidays: ['2026-01-01'], workdays: ['2026-01-04'] }],
  acquirers: [
    {
      id: 'lakala',
      name: '拉卡拉',
      format: 'cn-acquirer',
      merchantIds: ['822290058120001'],
      currency: 'CNY',
      timezone: 'Asia/Shanghai',
      calendar: 'CN-2026',
      settlementLagBusinessDays: 1,
      cutoff: '23:00',
      bankCounterparties: ['拉卡拉支付股份有限公司'],
      fees: [
        { cardType: 'debit', rate: '0.0050', capMinor: 2500 },
        { cardType: 'credit', rate: '0.0060' },
      ],
    },
  ],
};

describe('config validation', () => {
  test('accepts the contract example', () => {
    const r = validateConfig(good);
    expect(r.ok).toBe(true);
  });
  test('names the path of every bad field', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test writes wrongly typed values into a valid config
    const bad = structuredClone(good) as Record<string, any>;
    bad.acquirers[0].cutoff = '25:00';
    bad.acquirers[0].timezone = 'Mars/Olympus';
    bad.acquirers[0].fees[1].rate = 'six per mille';
    bad.calendars[0].holidays[0] = '2026-02-30';
    bad.graceBusinessDays = -1;
    const r = validateConfig(bad);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map(i => i.path).sort()).toEqual([
        'acquirers[0].cutoff',
        'acquirers[0].fees[1].rate',
        'acquirers[0].timezone',
        'calendars[0].holidays[0]',
        'graceBusinessDays',
      ]);
  });
  test('refuses an unknown calendar and a wrong schema', () => {
    const r = validateConfig({ ...good, schema: 'other', acquirers: [{ ...good.acquirers[0], calendar: 'XX' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map(i => i.path)).toEqual(['schema', 'acquirers[0].calendar']);
  });
  test('refuses a profile whose format no reader produces, and accepts mapped and captured rows', () => {
    const r = validateConfig({ ...good, acquirers: [{ ...good.acquirers[0], format: 'lakala-csv' }] });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toEqual([
        { path: 'acquirers[0].format', message: expect.stringMatching(/^"lakala-csv" is not an acquirer format \(.*cn-acquirer.*\)$/) },
      ]);
    for (const format of ['mapped', 'portal-table', 'stripe-itemized'])
      expect(validateConfig({ ...good, acquirers: [{ ...good.acquirers[0], format }] }).ok).toBe(true);
    expect(validateConfig({ ...good, acquirers: [{ ...good.acquirers[0], format: 'ofx' }] }).ok).toBe(false);
  });
  test('accepts a built-in calendar without defining it and upper-cases the currency', () => {
    const r = validateConfig({ ...good, calendars: [], acquirers: [{ ...good.acquirers[0], calendar: 'CN', currency: 'cny' }] });
    expect(r.ok && r.config.acquirers[0]!.currency).toBe('CNY');
  });
  test('refuses a duplicate profile id', () => {
    const r = validateConfig({ ...good, acquirers: [good.acquirers[0], good.acquirers[0]] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('acquirers[1].id');
  });
});
