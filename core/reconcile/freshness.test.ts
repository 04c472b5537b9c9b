import { describe, expect, test } from 'vitest';
import { makeConfig, makeProfile } from '../../test/support/factories';
import { validateConfig } from '../config/validate';
import { freshness, portalRetention } from './freshness';

describe('freshness', () => {
  const config = makeConfig([
    makeProfile(),
    makeProfile({ id: 'chinaums', name: '银联商务', merchantIds: ['898310058120002'], bankCounterparties: ['银联商务股份有限公司'] }),
  ]);

  test('bank data is stale past staleAfterBusinessDays business days (3 by default), counted on the CN calendar', () => {
    // 2026-03-06 is a Friday: Mon 9, Tue 10, Wed 11 are three business days later.
    expect(freshness(config, '2026-03-06', new Map(), '2026-03-11').bank).toEqual({
      lastCovered: '2026-03-06',
      businessDaysOld: 3,
      stale: false,
      importFrom: '2026-03-07',
      importTo: '2026-03-11',
    });
    expect(freshness(config, '2026-03-06', new Map(), '2026-03-12').bank).toMatchObject({ businessDaysOld: 4, stale: true });
    expect(freshness({ ...config, staleAfterBusinessDays: 5 }, '2026-03-06', new Map(), '2026-03-12').bank.stale).toBe(false);
    // 春节: nothing is stale over the holiday (2026-02-14 is a make-up workday, 15–23 are off).
    expect(freshness(config, '2026-02-13', new Map(), '2026-02-23').bank).toMatchObject({ businessDaysOld: 1, stale: false });
    expect(freshness(config, null, new Map(), '2026-03-12').bank).toMatchObject({ stale: false, importFrom: null });
  });

  test('each acquirer: what to export, and until when the portal keeps it', () => {
    const f = freshness(config, '2026-03-31', new Map([['lakala', '2026-03-01']]), '2026-03-31');
    expect(f.acquirers).toEqual([
      {
        acquirer: 'lakala',
        name: '拉卡拉',
        lastDay: '2026-03-01',
        businessDaysOld: 22,
        stale: true,
        exportFrom: '2026-03-02',
        exportTo: '2026-03-31',
        exportBy: '2026-08-28',
        queryDays: 31,
        portalKeepsFrom: null,
      },
      {
        acquirer: 'chinaums',
        name: '银联商务',
        lastDay: null,
        businessDaysOld: 0,
        stale: false,
        exportFrom: null,
        exportTo: '2026-03-31',
        exportBy: null,
        queryDays: null,
        portalKeepsFrom: null,
      },
    ]);
  });

  test('once the portal has dropped the first day to export, it says from which day it still keeps bills', () => {
    const f = freshness(config, '2026-12-04', new Map([['lakala', '2026-03-13']]), '2026-12-05');
    expect(f.acquirers[0]).toMatchObject({ exportFrom: '2026-03-14', exportBy: '2026-09-09', portalKeepsFrom: '2026-06-09' });
  });

  test('a profile states its own portal retention; the config validates it', () => {
    expect(portalRetention(makeProfile({ id: 'x', name: 'X', exportRetentionDays: 60, exportQueryDays: 7 }))).toEqual({
      keepsDays: 60,
      queryDays: 7,
    });
    const raw = { ...JSON.parse(JSON.stringify(config)), staleAfterBusinessDays: 4 };
    raw.acquirers[0].exportRetentionDays = 0;
    const checked = validateConfig(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(checked.issues).toEqual([
        { path: 'acquirers[0].exportRetentionDays', message: 'must be a whole number of days from 1 to 3660' },
      ]);
    raw.acquirers[0].exportRetentionDays = 180;
    const ok = validateConfig(raw);
    expect(ok.ok && ok.config.staleAfterBusinessDays).toBe(4);
    expect(ok.ok && ok.config.acquirers[0]!.exportRetentionDays).toBe(180);
  });
});
