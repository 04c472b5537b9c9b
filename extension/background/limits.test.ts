import { describe, expect, test } from 'vitest';
import { admitRows, VOLUME_LIMITS } from './limits';

const T0 = Date.UTC(2026, 2, 4, 8, 0, 0);
const DAY = '2026-03-04';

describe('capture volume limits', () => {
  test('are generous: far above a real portal page of a few hundred rows', () => {
    expect(VOLUME_LIMITS).toEqual({ rowsPerMessage: 5000, rowsPerTabPerMinute: 10_000, rowsPerSitePerDay: 50_000 });
  });

  test('count rows per tab in a minute from its first row, and refuse past the limit saying when to try again', () => {
    const first = admitRows(5000, undefined, undefined, 'merchant.lakala.com', T0, DAY);
    expect(first).toEqual({ ok: true, tab: { start: T0, rows: 5000 }, site: { day: DAY, rows: 5000 } });
    if (!first.ok) return;
    const second = admitRows(5000, first.tab, first.site, 'merchant.lakala.com', T0 + 20_000, DAY);
    expect(second).toMatchObject({ ok: true, tab: { start: T0, rows: 10_000 } });
    if (!second.ok) return;
    const third = admitRows(1, second.tab, second.site, 'merchant.lakala.com', T0 + 30_000, DAY);
    expect(third).toEqual({
      ok: false,
      message:
        'refused: this tab sent 10000 rows in the last minute; 1 more would pass the limit of 10000 rows a minute (try again in 30 s)',
    });
    // A minute after the tab's first row, a new window starts.
    expect(admitRows(5000, second.tab, second.site, 'merchant.lakala.com', T0 + 60_000, DAY)).toMatchObject({
      ok: true,
      tab: { start: T0 + 60_000, rows: 5000 },
    });
  });

  test('count rows per site in a day over all its tabs', () => {
    const site = { day: DAY, rows: 48_000 };
    expect(admitRows(2000, undefined, site, 'forged.example', T0, DAY)).toMatchObject({ ok: true, site: { rows: 50_000 } });
    expect(admitRows(2001, undefined, site, 'forged.example', T0, DAY)).toEqual({
      ok: false,
      message: 'refused: forged.example sent 48000 rows today; 2001 more would pass the limit of 50000 rows a day for one site',
    });
    expect(admitRows(2001, undefined, site, 'forged.example', T0, '2026-03-05')).toMatchObject({
      ok: true,
      site: { day: '2026-03-05', rows: 2001 },
    });
  });

  test('refuse a message longer than the per-message limit outright', () => {
    expect(admitRows(5001, undefined, undefined, 'x', T0, DAY)).toEqual({
      ok: false,
      message: 'refused: 5001 rows in one capture, more than the limit of 5000',
    });
  });

  test('a window that starts in the future (a clock set back) starts again', () => {
    expect(admitRows(10, { start: T0 + 3_600_000, rows: 10_000 }, undefined, 'x', T0, DAY)).toMatchObject({
      ok: true,
      tab: { start: T0, rows: 10 },
    });
  });
});
