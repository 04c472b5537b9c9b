import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildPwa, generateLedger, importThroughPicker, openApp, type Ledger, type OpenApp } from './support';

// Places (issue 14): every screen, filter and case has a URL fragment; Back, reload and a link from
// the extension's popup (a fragment on the ledger page) land on the same place, in both languages.
beforeAll(() => buildPwa(), 300_000);

const hash = (page: Page) => page.evaluate(() => location.hash);

describe.each([
  ['en', 'en-US'],
  ['zh', 'zh-CN'],
] as const)('places in %s', (lang, locale) => {
  let ledger: Ledger;
  let app: OpenApp;
  let page: Page;

  beforeAll(async () => {
    ledger = generateLedger('cn', lang === 'en' ? 21 : 22, 20, 20);
    app = await openApp(locale);
    page = app.page;
  }, 180_000);
  afterAll(() => app?.close());

  test('imports a ledger, in the language asked for', async () => {
    await importThroughPicker(page, ledger.files);
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(lang === 'zh' ? /^zh-CN$/ : /^en/);
  });

  test('Back steps through the screens visited instead of leaving the app', async () => {
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-transactions').click();
    await page.getByTestId('nav-bank').click();
    expect(await hash(page)).toBe('#/bank');
    await page.goBack();
    await expect.poll(() => hash(page)).toBe('#/transactions');
    await page.getByTestId('txn-table').waitFor();
    await page.goBack();
    await expect.poll(() => hash(page)).toBe('#/overview');
    await page.getByTestId('status-count-settled').waitFor();
    await page.goForward();
    await page.getByTestId('txn-table').waitFor();
  });

  test('a filter survives a reload, and Back from a case opened in the table returns to it', async () => {
    await page.getByTestId('nav-transactions').click();
    await page.getByTestId('txn-status').selectOption('settled');
    await page.getByTestId('txn-from').fill('2026-01-08');
    await expect.poll(() => hash(page)).toBe('#/transactions?status=settled&from=2026-01-08');
    const found = await page.getByTestId('txn-total').textContent();

    await page.reload();
    await page.getByTestId('txn-table').waitFor();
    expect(await page.getByTestId('txn-status').inputValue()).toBe('settled');
    expect(await page.getByTestId('txn-from').inputValue()).toBe('2026-01-08');
    await expect.poll(() => page.getByTestId('txn-total').textContent()).toBe(found);

    // A reference opens its batch as a case: a new place, and Back leaves it for the filtered table.
    await page.getByTestId('txn-table').getByRole('button').filter({ hasText: /^\d+$/ }).first().click();
    await page.getByTestId('case-view').waitFor();
    expect(await hash(page)).toMatch(/^#\/alerts\/batch\//);
    const title = await page.locator('#case-title').textContent();

    await page.reload();
    await page.getByTestId('case-view').waitFor();
    await expect.poll(() => page.locator('#case-title').textContent()).toBe(title);

    await page.goBack();
    await page.getByTestId('txn-table').waitFor();
    expect(await hash(page)).toBe('#/transactions?status=settled&from=2026-01-08');
    expect(await page.getByTestId('txn-status').inputValue()).toBe('settled');
    await expect.poll(() => page.getByTestId('txn-total').textContent()).toBe(found);
  });

  test('an open alert survives a reload, and Back returns to the filtered list', async () => {
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('filter-kind').selectOption('fee_mismatch');
    await expect.poll(() => hash(page)).toBe('#/alerts?kind=fee_mismatch');
    const first = page.getByTestId('alert-item').first();
    await first.getByRole('button').click();
    await page.getByTestId('case-view').waitFor();
    // The alert opens its case, and the URL names the case (in place of the alert's entry, so Back leaves it).
    await expect.poll(() => hash(page)).toMatch(/^#\/alerts\/case\/[^?]+\?kind=fee_mismatch$/);
    const message = await page.getByTestId('case-message').textContent();

    await page.reload();
    await expect.poll(() => page.getByTestId('case-message').textContent(), { timeout: 30_000 }).toBe(message);

    await page.goBack();
    await page.getByTestId('alert-list').waitFor();
    expect(await page.getByTestId('filter-kind').inputValue()).toBe('fee_mismatch');
    const kinds = await page.getByTestId('alert-item').evaluateAll(items => items.map(i => i.getAttribute('data-kind')));
    expect(new Set(kinds)).toEqual(new Set(['fee_mismatch']));
  });

  test('a link as the popup makes it opens the ledger on that place', async () => {
    // The popup opens `ledger.html#/…` (route.ts linkTo); the same fragment on the PWA lands the same way.
    const fresh = await app.session.context.newPage();
    await fresh.goto(`${app.url}/#/bank?linked=unlinked_credits&sort=-amount`);
    await fresh.getByTestId('bank-table').waitFor();
    expect(await fresh.getByTestId('bank-linked').inputValue()).toBe('unlinked_credits');
    await expect.poll(() => fresh.getByTestId('bank-amount').count()).toBeGreaterThan(0);
    const amounts = (await fresh.getByTestId('bank-amount').evaluateAll(c => c.map(e => Number(e.getAttribute('data-minor'))))) as number[];
    expect(amounts.every(a => a > 0)).toBe(true);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    await fresh.close();
  });

  test('no page errors', () => {
    expect(app.errors).toEqual([]);
  });
});
