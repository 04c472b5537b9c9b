import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildPwa, generateLedger, importThroughPicker, openApp, overflow, seriousViolations, type Ledger, type OpenApp } from './support';

// Tables a bookkeeper expects (issue 14): sort by any column, date and status filters, the totals of
// what is shown, a card per row with its amount on a phone, and a manual match from an unmatched credit
// that asks first when the link is outside the plausible window. Screenshots go to SHOTS_DIR.
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/settlewatch-shots';
beforeAll(() => {
  buildPwa();
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

const minors = (cells: Locator) => cells.evaluateAll(c => c.map(e => Number(e.getAttribute('data-minor'))));
const netTotal = (page: Page) => page.locator('[data-testid=txn-totals] dd[data-total]').last().getAttribute('data-total').then(Number);
const descending = (xs: number[]) => xs.length > 1 && xs.every((x, i) => i === 0 || xs[i - 1]! >= x);
const rowsFound = async (page: Page) => Number(((await page.getByTestId('txn-total').textContent()) ?? '').replace(/\D/g, ''));

describe.each([
  ['en', 'en-US'],
  ['zh', 'zh-CN'],
] as const)('the tables in %s', (lang, locale) => {
  let ledger: Ledger;
  let app: OpenApp;
  let page: Page;
  const problems: string[] = [];

  async function look(name: string): Promise<void> {
    await page.waitForTimeout(250);
    const width = page.viewportSize()?.width ?? 0;
    await page.screenshot({ path: join(SHOTS, `${lang}-${width}-${name}.png`), fullPage: true });
    const extra = await overflow(page);
    if (extra > 1) problems.push(`${name} at ${width}: the page scrolls sideways by ${extra}px`);
    for (const v of await seriousViolations(page)) problems.push(`${name} at ${width}: ${v}`);
  }

  beforeAll(async () => {
    ledger = generateLedger('cn', lang === 'en' ? 31 : 32, 20, 6);
    app = await openApp(locale, { width: 1280, height: 1400 });
    page = app.page;
  }, 180_000);
  afterAll(() => app?.close());

  test('imports a ledger', async () => {
    await importThroughPicker(page, ledger.files);
    await page.getByTestId('nav-overview').click();
    await page.locator('#glossary summary').click();
    await page.getByTestId(`glossary-status-missing`).waitFor();
    await look('overview-glossary');
  });

  test('sorting by net orders every row by it, both ways, and leaves the totals alone', async () => {
    await page.getByTestId('nav-transactions').click();
    const net = page.getByTestId('txn-table').getByTestId('txn-net');
    await expect.poll(() => net.count()).toBeGreaterThan(5);
    const total = await netTotal(page);
    const shown = await rowsFound(page);

    // From the bottom of the table: a new order starts at its first row, and the rows in view load.
    await page.locator('[data-testid=txn-table] .vscroll').evaluate(e => (e.scrollTop = e.scrollHeight));
    await page.getByTestId('sort-net').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/transactions?sort=-net');
    await expect.poll(() => page.locator('[data-testid=txn-table] .vscroll').evaluate(e => e.scrollTop)).toBe(0);
    await expect.poll(async () => descending(await minors(net))).toBe(true);
    const top = (await minors(net))[0]!;
    await page.getByTestId('sort-net').click();
    await expect.poll(async () => (await minors(net))[0]).toBeLessThan(top);
    const up = await minors(net);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(await netTotal(page)).toBe(total);
    expect(await rowsFound(page)).toBe(shown);
    await look('transactions-sorted');
  });

  test('a table at rest asks the worker nothing (no page is fetched again and again)', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { __posts: number };
      w.__posts = 0;
      const proto = Worker.prototype as unknown as { postMessage: (...args: unknown[]) => void };
      const post = proto.postMessage;
      proto.postMessage = function (this: Worker, ...args: unknown[]) {
        w.__posts++;
        post.apply(this, args);
      };
    });
    const posts = () => page.evaluate(() => (window as unknown as { __posts: number }).__posts);
    await page.getByTestId('sort-fee').click();
    await page.waitForTimeout(400);
    const settled = await posts();
    expect(settled).toBeGreaterThan(0);
    expect(settled).toBeLessThan(5);
    await page.waitForTimeout(1000);
    expect(await posts()).toBe(settled);
  });

  test('a date range keeps the rows of those days, and the totals are their sum', async () => {
    const all = await netTotal(page);
    await page.getByTestId('sort-at').click(); // back to time order
    const at = page.getByTestId('txn-table').getByTestId('txn-at');
    const days = [...new Set(await at.evaluateAll(c => c.map(e => e.getAttribute('data-at')!.slice(0, 10)))).values()];
    const [from, to] = [days[1]!, days[2]!];
    await page.getByTestId('txn-from').fill(from);
    await page.getByTestId('txn-to').fill(to);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(new RegExp(`from=${from}&to=${to}`));
    // The hash changes before the worker answers, and while only "from" is applied the first rows are in
    // range too: wait until the rows shown are exactly the range's (every one in it, as many as counted).
    const inRange = async () => {
      const shownDays = await at.evaluateAll(c => c.map(e => e.getAttribute('data-at')!.slice(0, 10)));
      return shownDays.length > 0 && shownDays.every(d => d >= from && d <= to) && shownDays.length === (await rowsFound(page));
    };
    await expect.poll(inRange, { timeout: 10_000 }).toBe(true);
    const count = await rowsFound(page);
    expect(count).toBeGreaterThan(0);
    // Every row of the range fits on screen: the test adds them up itself.
    expect(await at.count()).toBe(count);
    const sum = (await minors(page.getByTestId('txn-table').getByTestId('txn-net'))).reduce((s, n) => s + n, 0);
    await expect.poll(() => netTotal(page)).toBe(sum);
    expect(sum).not.toBe(all);

    // A status filter narrows the same range, and its totals follow.
    await page.getByTestId('txn-status').selectOption('settled');
    await expect.poll(() => rowsFound(page)).toBeLessThanOrEqual(count);
    const settled = (await minors(page.getByTestId('txn-table').getByTestId('txn-net'))).reduce((s, n) => s + n, 0);
    await expect.poll(() => netTotal(page)).toBe(settled);
    await look('transactions-dates');
    await page.getByTestId('txn-status').selectOption('');
    await page.getByTestId('txn-dates-clear').click();
  });

  test('at 375 px each row is a card with its amount in view, and nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 375, height: 900 });
    for (const [screen, amount] of [
      ['transactions', 'txn-net'],
      ['bank', 'bank-amount'],
    ] as const) {
      await page.getByTestId(`nav-${screen}`).click();
      const cells = page.locator(`.vcard [data-testid=${amount}]`);
      await expect.poll(() => cells.count()).toBeGreaterThan(3);
      for (const cell of (await cells.all()).slice(0, 6)) {
        const box = (await cell.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(375);
        expect((await cell.textContent())?.trim()).toMatch(/\d[\d,]*\.\d{2}/);
      }
      const table = page.getByTestId(`${screen === 'bank' ? 'bank' : 'txn'}-table`);
      expect(await table.evaluate(e => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
      // No headers to click on a phone: the order is a list.
      await page.getByTestId(`${screen === 'bank' ? 'bank' : 'txn'}-sort`).selectOption(screen === 'bank' ? '-amount' : '-net');
      await expect.poll(async () => descending(await minors(cells))).toBe(true);
      await look(screen);
    }
    await page.getByTestId('nav-overview').click();
    await page.locator('#glossary summary').click();
    await page.getByTestId('glossary-status-missing').waitFor();
    await look('overview-glossary');
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.getByTestId('nav-transactions').click();
    await look('transactions');
    await page.getByTestId('nav-bank').click();
    await look('bank');
  });

  test('from an unmatched credit, a manual match; a link to sales after the credit asks first and says why', async () => {
    // The earliest linked credit, unlinked by hand, is a credit to match again.
    await page.goto(`${app.url}/#/bank?linked=linked`);
    const firstAmount = page.getByTestId('bank-table').getByTestId('bank-amount').first();
    await firstAmount.waitFor();
    const line = (await firstAmount.getAttribute('data-line'))!;
    const booked = (await firstAmount.getAttribute('data-booked'))!;
    await page.goto(`${app.url}/#/alerts/line/${encodeURIComponent(line)}`);
    await page.getByTestId('action-unlink').click();
    await page.getByTestId('undo-toast').waitFor();

    await page.getByTestId('nav-bank').click();
    await page.getByTestId('bank-linked').selectOption('unlinked_credits');
    const row = page
      .getByTestId('bank-table')
      .getByRole('row')
      .filter({ has: page.locator(`[data-line="${line}"]`) });
    await row.getByTestId('bank-match').click();
    await page.getByTestId('case-view').waitFor();
    expect(decodeURIComponent(await page.evaluate(() => location.hash))).toBe(`#/alerts/line/${line}`);
    // The candidates show at once: the credit was opened to be matched.
    const candidates = page.getByTestId('candidate-batch');
    await expect.poll(() => candidates.count()).toBeGreaterThan(1);
    const trades = await candidates.evaluateAll(c => c.map(e => e.getAttribute('data-trade-date')!));
    const later = trades.findIndex(d => d > booked);
    const plausible = trades.findIndex(d => d <= booked);
    expect(later, `a candidate batch traded after ${booked}`).toBeGreaterThanOrEqual(0);
    expect(plausible).toBeGreaterThanOrEqual(0);

    // Sales traded after the credit: the screen asks, naming the dates, and records nothing until told.
    await candidates.nth(later).check();
    await page.getByTestId('action-link-selected').click();
    const doubt = page.getByTestId('link-doubt');
    await doubt.waitFor();
    expect(await doubt.locator('li[data-code=before_sales]').count()).toBeGreaterThan(0);
    await page.setViewportSize({ width: 375, height: 900 });
    await look('case-doubt');
    await page.setViewportSize({ width: 1280, height: 1400 });
    await look('case-doubt');
    await page.getByTestId('doubt-cancel').click();
    expect(await doubt.count()).toBe(0);
    expect(await page.getByTestId('case-link').count()).toBe(0);

    // Told to, it links; undone, the credit is unmatched again.
    await page.getByTestId('action-link-selected').click();
    await page.getByTestId('doubt-confirm').click();
    await expect.poll(() => page.locator(`[data-testid=case-link][data-bank-line="${line}"]`).count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('case-link').count(), { timeout: 20_000 }).toBe(0);

    // Its own batch is plausible: linked at once, no question.
    await page.getByTestId('action-manual').click();
    await candidates.nth(plausible).check();
    await page.getByTestId('action-link-selected').click();
    await expect.poll(() => page.locator(`[data-testid=case-link][data-bank-line="${line}"]`).count(), { timeout: 20_000 }).toBe(1);
    expect(await doubt.count()).toBe(0);
    await look('case-line');
    await page.setViewportSize({ width: 375, height: 900 });
    await look('case-line');
    await page.setViewportSize({ width: 1280, height: 1400 });
  });

  test('no screen has a serious accessibility violation or a sideways scroll, and no page error', () => {
    expect(problems).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
