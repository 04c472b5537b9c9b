import { describe, expect, test } from 'vitest';
import { formatPlace, linkTo, NO_ALERT_FILTER, NO_BANK_FILTER, NO_TXN_FILTER, parsePlace, placePath, type Place } from './route';

const home: Place = { screen: 'overview', openCase: null, alerts: NO_ALERT_FILTER, txns: NO_TXN_FILTER, bank: NO_BANK_FILTER };

describe('places in the URL fragment', () => {
  test('a filtered, sorted transactions table reads back as the same place', () => {
    const place: Place = {
      ...home,
      screen: 'transactions',
      txns: {
        search: '6222 x',
        status: 'missing',
        acquirer: 'lakala',
        from: '2026-01-03',
        to: '2026-01-09',
        sort: { by: 'net', desc: true },
      },
    };
    const hash = formatPlace(place);
    expect(hash).toBe('#/transactions?q=6222+x&status=missing&acquirer=lakala&from=2026-01-03&to=2026-01-09&sort=-net');
    expect(parsePlace(hash, home)).toEqual(place);
  });

  test('an open case keeps its id, whatever characters it holds', () => {
    for (const openCase of [
      { alertId: 'missing_credit:lakala|2026-01-13|2026-01-14' },
      { batchIds: ['a|b,c', 'd/e'] },
      { bankLineId: 'CCB/2026?01#7' },
    ]) {
      const place: Place = { ...home, screen: 'alerts', openCase, alerts: { ...NO_ALERT_FILTER, kind: 'missing_credit' } };
      expect(parsePlace(formatPlace(place), home)).toEqual(place);
    }
  });

  test('a case keeps its place on the alerts screen and on the cases screen, so a reload lands on it', () => {
    for (const screen of ['alerts', 'cases'] as const) {
      const place: Place = { ...home, screen, openCase: { caseId: 'credit:stripe|po_1Fe/x,y' } };
      expect(formatPlace(place)).toBe(`#/${screen}/case/credit%3Astripe%7Cpo_1Fe%2Fx%2Cy`);
      expect(parsePlace(formatPlace(place), home)).toEqual(place);
    }
    expect(formatPlace({ ...home, screen: 'cases' })).toBe('#/cases');
  });

  test('defaults are left out of the fragment, and wrong values read as the defaults', () => {
    expect(formatPlace({ ...home, screen: 'bank' })).toBe('#/bank');
    expect(parsePlace('#/bank?linked=maybe&from=2026-13-45&sort=-nonsense', home).bank).toEqual(NO_BANK_FILTER);
    expect(parsePlace('#/nowhere', home).screen).toBe('overview');
    expect(parsePlace('', home)).toEqual(home);
  });

  test('moving to another screen keeps the filters the others were left with', () => {
    const txns = { ...NO_TXN_FILTER, status: 'overdue' as const };
    expect(parsePlace('#/bank?linked=unlinked_credits', { ...home, txns }).txns).toEqual(txns);
  });

  test('the path is what makes a new history entry; filters only change the query', () => {
    expect(placePath('#/transactions?status=missing')).toBe('/transactions');
    expect(placePath(linkTo({ screen: 'alerts', openCase: { alertId: 'x' } }))).toBe('/alerts/alert/x');
  });
});
