import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, watchExternalRequests, type ChromiumSession } from '../support/browser';
import { serveStatic } from '../support/server';
import { buildPwa, gapLedger, generateLedger, importThroughPicker, PWA_DIR, statusCounts } from './support';

// Issue 11 in the real app: a ledger whose February statement was never imported shows "cannot check" for
// the credits that could be on it, never "missing", says which statement to import, and says the bank data
// is stale (the ledger ends in March; today is later). Both languages, wide and at 375 px.
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/settlewatch-shots';

beforeAll(() => {
  buildPwa();
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

interface GappedTruth {
  transactions: { status: string }[];
  alerts: { kind: string; from?: string; to?: string }[];
  coverage: { gaps: [string, string][] };
}

describe.each([
  ['en', 'en-US'],
  ['zh', 'zh-CN'],
] as const)('a ledger with a statement left out, in %s', (lang, locale) => {
  let session: ChromiumSession;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  let external: string[];
  let truth: GappedTruth;
  let files: string[];

  beforeAll(async () => {
    const ledger = gapLedger<GappedTruth>(generateLedger('cn', 61, 70, 25), ['--drop-month', '2026-02']);
    truth = ledger.truth;
    files = ledger.files;
    server = await serveStatic(PWA_DIR, 0);
    session = await launchChromium({ locale });
    external = watchExternalRequests(session.context);
    page = await session.context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByTestId('status-count-settled').waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  test('counts the credits February would show as unverifiable, as the contract does, and none as missing for it', async () => {
    await importThroughPicker(page, files);
    const counts = await statusCounts(page);
    const want = (s: string) => truth.transactions.filter(t => t.status === s).length;
    expect(want('unverifiable')).toBeGreaterThan(0);
    expect(counts.unverifiable).toBe(want('unverifiable'));
    expect(counts.missing).toBe(want('missing'));
    expect(counts.overdue).toBe(want('overdue'));
  });

  test('shows the gap on the coverage strip and says which statement to import', async () => {
    const [from] = truth.coverage.gaps[0]!;
    expect(from).toBe('2026-02-01');
    await page.getByTestId('coverage').waitFor();
    const gap = page.getByTestId('coverage-gap');
    expect(await gap.count()).toBe(truth.coverage.gaps.length);
    const text = (await gap.first().textContent()) ?? '';
    expect(text).toMatch(lang === 'zh' ? /2026年2月1日.*至.*2026年2月28日.*对账单/ : /Feb 1, 2026.*Feb 28, 2026.*import/);
  });

  test('says the bank data is stale on every screen', async () => {
    for (const screen of ['overview', 'alerts', 'transactions'] as const) {
      await page.getByTestId(`nav-${screen}`).click();
      const banner = page.getByTestId('stale-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(lang === 'zh' ? /银行数据已过期 \d+ 个工作日/ : /Bank data is \d+ business days old/);
    }
  });

  test('lists the coverage_gap alert and its case says which statement to get from the bank', async () => {
    await page.getByTestId('nav-overview').click();
    expect(await page.getByTestId('alert-count-coverage_gap').textContent()).toBe(
      String(truth.alerts.filter(a => a.kind === 'coverage_gap').length),
    );
    await page.getByTestId('alert-count-coverage_gap').click();
    const item = page.locator('[data-testid=alert-item][data-kind=coverage_gap]').first();
    await item.waitFor();
    expect(await item.getByTestId('gap-import').textContent()).toMatch(lang === 'zh' ? /对账单/ : /statement/);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByTestId('nav-overview').click();
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(SHOTS, `coverage-${lang}-${width}-overview.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('alert-count-coverage_gap').click();
    await page.locator('[data-testid=alert-item][data-kind=coverage_gap] button').first().click();
    const action = page.getByTestId('gap-action');
    await action.waitFor();
    expect(await action.textContent()).toMatch(
      lang === 'zh' ? /请向银行索取账户 \d+ 在 .* 的对账单并导入/ : /Get the statement of account \d+ for .* from your bank/,
    );
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(150);
      // The case lists every transaction that waits on the statement: the first screen is what a person reads.
      await page.screenshot({ path: join(SHOTS, `coverage-${lang}-${width}-case.png`) });
    }
  });

  test('sends no request beyond 127.0.0.1', () => {
    expect(external).toEqual([]);
  });
});
